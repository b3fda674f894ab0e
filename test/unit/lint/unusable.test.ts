// Inputs that are not installer inputs at all: one finding each, which the CLI turns into exit 2.
import { describe, expect, it } from 'vitest';
import { isUnusable, lintInstallerInputs } from '../../../main/core/lint';
import { GOOD_AGENT, GOOD_INSTALL } from './lint-helpers';

describe('unusable inputs', () => {
  it('YAML syntax error: lint.not-yaml with line and column', () => {
    const findings = lintInstallerInputs({ installConfigText: 'apiVersion: v1\nbaseDomain: [a\n', agentConfigText: GOOD_AGENT });
    expect(isUnusable(findings)).toBe(true);
    expect(findings[0]).toMatchObject({ id: 'lint.not-yaml', file: 'install-config.yaml', position: { line: expect.any(Number) } });
  });

  it('a site.yaml given as install-config: lint.not-install-config', () => {
    const findings = lintInstallerInputs({ installConfigText: 'apiVersion: sitekit.acp.io/v1alpha1\nkind: Site\n' });
    expect(findings.map((f) => f.id)).toEqual(['lint.not-install-config']);
    expect(findings[0]!.message).toContain('kind is "Site"');
  });

  it('a list or a plain value: not an install-config', () => {
    expect(lintInstallerInputs({ installConfigText: '- a\n- b\n' }).map((f) => f.id)).toEqual(['lint.not-install-config']);
    expect(lintInstallerInputs({ installConfigText: 'hello\n' }).map((f) => f.id)).toEqual(['lint.not-install-config']);
  });

  it('install-config given twice: the second is not an agent-config', () => {
    const findings = lintInstallerInputs({ installConfigText: GOOD_INSTALL, agentConfigText: GOOD_INSTALL, agentConfigFile: 'x.yaml' });
    expect(findings.filter((f) => f.id === 'lint.not-agent-config')).toEqual([expect.objectContaining({ file: 'x.yaml' })]);
    expect(isUnusable(findings)).toBe(true);
  });

  it('install-config alone is linted on its own', () => {
    expect(lintInstallerInputs({ installConfigText: GOOD_INSTALL })).toEqual([]);
  });
});

describe('agent-config without kind', () => {
  it('is still an agent-config (the installer does not require kind)', () => {
    const text = GOOD_AGENT.replace('kind: AgentConfig\n', '');
    expect(text).not.toContain('kind:');
    expect(lintInstallerInputs({ installConfigText: GOOD_INSTALL, agentConfigText: text })).toEqual([]);
  });
});
