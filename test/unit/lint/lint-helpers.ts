// The hand-written good pair of test/fixtures/abi and a way to break one thing in it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { lintInstallerInputs, type LintFinding } from '../../../main/core/lint';

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/abi/${path}`, import.meta.url)), 'utf8');

export const GOOD_INSTALL = fixture('good/install-config.yaml');
export const GOOD_AGENT = fixture('good/agent-config.yaml');
export const BROKEN_INSTALL = fixture('broken/install-config.yaml');
export const BROKEN_AGENT = fixture('broken/agent-config.yaml');

/* eslint-disable @typescript-eslint/no-explicit-any -- tests poke at free-form YAML */
export type Doc = Record<string, any>;

export interface Change {
  installConfig?: (doc: Doc) => void;
  agentConfig?: (doc: Doc) => void;
}

/** Lints the good pair after `change`; the texts are re-serialised only for the changed file. */
export function lintChanged(change: Change): LintFinding[] {
  const apply = (text: string, fn?: (doc: Doc) => void) => {
    if (!fn) return text;
    const doc = YAML.parse(text) as Doc;
    fn(doc);
    return YAML.stringify(doc);
  };
  return lintInstallerInputs({
    installConfigText: apply(GOOD_INSTALL, change.installConfig),
    agentConfigText: apply(GOOD_AGENT, change.agentConfig),
  });
}
