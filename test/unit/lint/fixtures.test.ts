// The hand-written broken pair: every line marked `# <rule id>` is reported by that rule
// on that line, and nothing unmarked is an error. The good pair is clean (rules.test.ts).
import { describe, expect, it } from 'vitest';
import { lintInstallerInputs } from '../../../main/core/lint';
import { BROKEN_AGENT, BROKEN_INSTALL } from './lint-helpers';

const MARK = /#\s*((?:install|agent|nmstate)\.[a-z-]+)/;

function marks(text: string): { line: number; id: string }[] {
  return text.split('\n').flatMap((line, i) => {
    const m = MARK.exec(line);
    return m ? [{ line: i + 1, id: m[1]! }] : [];
  });
}

describe('broken pair in test/fixtures/abi/broken', () => {
  const findings = lintInstallerInputs({
    installConfigText: BROKEN_INSTALL,
    agentConfigText: BROKEN_AGENT,
    installConfigFile: 'broken/install-config.yaml',
    agentConfigFile: 'broken/agent-config.yaml',
  });

  for (const [file, text] of [['broken/install-config.yaml', BROKEN_INSTALL], ['broken/agent-config.yaml', BROKEN_AGENT]] as const) {
    for (const mark of marks(text)) {
      it(`${file}:${mark.line} is reported by ${mark.id}`, () => {
        const here = findings.filter((f) => f.file === file && f.position?.line === mark.line).map((f) => f.id);
        expect(here).toContain(mark.id);
      });
    }
  }

  it('reports no error on an unmarked line', () => {
    const marked = new Set([...marks(BROKEN_INSTALL).map((m) => `broken/install-config.yaml:${m.line}`), ...marks(BROKEN_AGENT).map((m) => `broken/agent-config.yaml:${m.line}`)]);
    const stray = findings.filter((f) => f.severity === 'error' && !marked.has(`${f.file}:${f.position?.line}`));
    expect(stray.map((f) => `${f.file}:${f.position?.line} ${f.id}`)).toEqual([]);
  });
});
