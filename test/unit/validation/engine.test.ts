import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_FAILED_ID, runRules, validateSite, type Rule } from '../../../main/core/validation/engine';
import { STEPS } from '../../../main/core/validation/finding';
import { stepForPath } from '../../../main/core/validation/step';
import { exampleSite, mutate } from '../../helpers/example-site';

describe('validateSite on the example', () => {
  it('plant-a has no errors and no warnings', () => {
    const findings = validateSite(exampleSite());
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('engine', () => {
  it('turns a throwing rule into internal.rule-failed and keeps the other findings', () => {
    const boom: Rule = {
      id: 'test.boom',
      title: 'Explodes',
      check() {
        throw new Error('kaput');
      },
    };
    const findings = runRules(mutate((s) => void s.nodes.pop()), [boom, ...RULES]);
    expect(findings).toContainEqual(expect.objectContaining({ id: RULE_FAILED_ID, severity: 'error', path: '' }));
    const failed = findings.find((f) => f.id === RULE_FAILED_ID);
    expect(failed?.message).toContain('test.boom');
    expect(failed?.message).toContain('kaput');
    expect(findings.some((f) => f.id === 'nodes.count')).toBe(true);
  });

  it('catches a rule that throws half-way through a generator', () => {
    const half: Rule = {
      id: 'test.half',
      title: 'Half',
      *check() {
        yield { id: 'test.half', severity: 'warning', path: '/metadata/name', message: 'first' };
        throw new TypeError('later');
      },
    };
    const findings = runRules(exampleSite(), [half]);
    expect(findings.map((f) => f.id).sort()).toEqual([RULE_FAILED_ID, 'test.half']);
  });

  it('derives the step from the path unless the rule sets one, and sorts by step, path, id', () => {
    const rule: Rule = {
      id: 'test.order',
      title: 'Order',
      *check() {
        yield { id: 'test.b', severity: 'error', path: '/odf/replica', message: 'x' };
        yield { id: 'test.a', severity: 'error', path: '/nodes/10/hostname', message: 'x' };
        yield { id: 'test.a', severity: 'error', path: '/nodes/2/hostname', message: 'x' };
        yield { id: 'test.z', severity: 'info', path: '/networks/0/mtu', message: 'x' };
        yield { id: 'test.a', severity: 'info', path: '/networks/0/mtu', message: 'x' };
        yield { id: 'test.s', severity: 'info', path: '/gitops/repoURL', message: 'x', step: 'site' };
      },
    };
    const findings = runRules(exampleSite(), [rule]);
    expect(findings.map((f) => `${f.step} ${f.path} ${f.id}`)).toEqual([
      'site /gitops/repoURL test.s',
      'nodes /nodes/2/hostname test.a',
      'nodes /nodes/10/hostname test.a',
      'networks /networks/0/mtu test.a',
      'networks /networks/0/mtu test.z',
      'storage /odf/replica test.b',
    ]);
  });

  it('keeps one of identical findings', () => {
    const twice: Rule = {
      id: 'test.twice',
      title: 'Twice',
      *check() {
        for (let i = 0; i < 3; i++) yield { id: 'test.twice', severity: 'error', path: '/layout/bonds/0', message: 'same' };
      },
    };
    expect(runRules(exampleSite(), [twice])).toHaveLength(1);
  });

  it('never throws on a badly broken plan', () => {
    const site = mutate((s) => {
      s.nodes = [];
      s.networks = [{ name: 'x', role: 'vm', vlan: 'untagged', subnet: '::/0' }];
      s.layout = { interfaces: [], uplinks: [] };
      s.cluster.serviceNetwork = '0.0.0.0/0';
    });
    const findings = validateSite(site);
    expect(findings.filter((f) => f.id === RULE_FAILED_ID)).toEqual([]);
    expect(findings.length).toBeGreaterThan(3);
  });

  it('every finding has a known step and a JSON pointer path', () => {
    const site = mutate((s) => {
      s.networks[1]!.gateway = '10.30.0.1';
      s.nodes[1]!.hostname = 'acp-1';
      s.layout.disks!.boot = { deviceName: '/dev/sda' };
    });
    for (const f of validateSite(site)) {
      expect(STEPS).toContain(f.step);
      expect(f.path === '' || f.path.startsWith('/')).toBe(true);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });
});

describe('rules', () => {
  it('have unique kebab-case topic.what ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('each has a test case in one of the topic test files', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const text = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'engine.test.ts')
      .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
      .join('\n');
    const missing = RULES.map((r) => r.id).filter((id) => !text.includes(`id: '${id}'`));
    expect(missing).toEqual([]);
  });
});

describe('stepForPath', () => {
  it.each([
    ['', 'validate'],
    ['/metadata/name', 'site'],
    ['/cluster/dnsServers/0', 'site'],
    ['/cluster/apiVIPs/0', 'site'],
    ['/cluster/clusterNetwork/hostPrefix', 'site'],
    ['/nodes', 'nodes'],
    ['/nodes/1/hostname', 'nodes'],
    ['/nodes/1/bmc/address', 'nodes'],
    ['/nodes/1/rack', 'nodes'],
    ['/nodes/1/interfaces/0/mac', 'networks'],
    ['/nodes/1/addresses/storage', 'networks'],
    ['/nodes/1/layout/uplinks', 'networks'],
    ['/nodes/1/disks/boot', 'disks'],
    ['/networks/2/vlan', 'networks'],
    ['/layout/bonds/0/members', 'networks'],
    ['/layout/uplinks/1', 'networks'],
    ['/layout/disks/odf/0', 'disks'],
    ['/odf/replica', 'storage'],
    ['/virtualization/vmNetworks/0', 'storage'],
    ['/gitops/repoURL', 'gitops'],
  ] as const)('%s → %s', (path, step) => {
    expect(stepForPath(path)).toBe(step);
  });
});
