// The readiness checklist: each item's states, "not known" kept apart from "not done", the
// forced bundle, and "ready" only when every item is done.
import { describe, expect, it } from 'vitest';
import { readiness, readinessLines, type ReadinessFacts, type ReadinessItemId } from '../../../main/core/readiness';
import type { RequiredSecret } from '../../../main/core/site/required-secrets';
import type { Finding } from '../../../main/core/validation/finding';

const nodes = ['acp-1', 'acp-2', 'acp-3'];
const secrets: RequiredSecret[] = [
  { name: 'pull-secret', path: '/cluster/pullSecret/secretRef', what: 'pull secret' },
  { name: 'bmc-acp-1', path: '/nodes/0/bmc/credentials/secretRef', what: 'BMC password of acp-1' },
];
const finding = (id: string, severity: Finding['severity']): Finding => ({ id, severity, step: 'networks', path: '/x', message: 'm' });

const done: ReadinessFacts = {
  findings: [],
  nodes,
  discovered: nodes,
  requiredSecrets: secrets,
  storedSecrets: ['pull-secret', 'bmc-acp-1', 'git-token'],
  bundle: { written: true, forced: false },
  exported: { state: 'committed', oid: '0123456789abcdef', branch: 'site/plant-a' },
};
const item = (facts: Partial<ReadinessFacts>, id: ReadinessItemId) => readiness({ ...done, ...facts }).items.find((i) => i.id === id)!;

describe('readiness', () => {
  it('is ready when every item is done, and says so in one line', () => {
    const r = readiness(done);
    expect(r.ready).toBe(true);
    expect(r.summary).toBe('Ready: every item of the checklist is done.');
    expect(r.items.map((i) => [i.id, i.state])).toEqual([
      ['plan', 'done'],
      ['hardware', 'done'],
      ['secrets', 'done'],
      ['bundle', 'done'],
      ['export', 'done'],
    ]);
    expect(item({}, 'export').text).toBe('Committed 0123456 on site/plant-a.');
  });

  it('plan: errors are a problem; warnings are named but do not block', () => {
    expect(item({ findings: [finding('net.x', 'error'), finding('net.y', 'error')] }, 'plan')).toMatchObject({ state: 'problem', text: 'The plan has 2 errors to fix.' });
    expect(item({ findings: [finding('net.x', 'warning')] }, 'plan')).toMatchObject({ state: 'done', text: 'No errors in the plan; 1 warning to read.' });
    // A hardware error is the hardware item's, not the plan's.
    expect(item({ findings: [finding('hw.mac-missing', 'error')] }, 'plan').state).toBe('done');
  });

  it('hardware: never discovered, partly discovered, not matching, or not known here', () => {
    expect(item({ discovered: [] }, 'hardware')).toMatchObject({ state: 'not-done', text: 'No node has been discovered yet (acp-1, acp-2, acp-3).' });
    expect(item({ discovered: ['acp-1'] }, 'hardware')).toMatchObject({ state: 'not-done', text: 'Not discovered yet: acp-2, acp-3.' });
    expect(item({ findings: [finding('hw.mac-missing', 'error'), finding('probe.unreachable', 'warning')] }, 'hardware')).toMatchObject({
      state: 'problem',
      text: 'The discovered hardware does not match the plan: 1 error.',
    });
    // The plant's services are named apart from the hardware, and are not plan errors.
    expect(item({ findings: [finding('plant.dns-record-missing', 'error')] }, 'hardware')).toMatchObject({
      state: 'problem',
      text: "The plant's services do not answer the nodes as planned: 1 error.",
    });
    expect(item({ findings: [finding('hw.mac-missing', 'error'), finding('plant.ntp-silent', 'error'), finding('plant.dns-wildcard', 'error')] }, 'hardware').text).toBe(
      "The discovered hardware does not match the plan: 1 error; the plant's services do not answer the nodes as planned: 2 errors.",
    );
    expect(item({ findings: [finding('plant.dns-record-missing', 'error')] }, 'plan').state).toBe('done');
    expect(item({ findings: [finding('hw.ntp-not-synced', 'warning')] }, 'hardware').text).toBe('All 3 nodes were discovered and the hardware matches the plan; 1 warning to read.');
    expect(item({ discovered: undefined }, 'hardware')).toMatchObject({ state: 'unknown', text: 'Whether the nodes were discovered is not known here.' });
    expect(item({ discovered: undefined, unknown: { hardware: 'No inventories folder.' } }, 'hardware').text).toBe('No inventories folder.');
    expect(item({ nodes: [], discovered: [] }, 'hardware').state).toBe('not-done');
  });

  it('secrets: missing ones named with what they are; no store here is "not known", not "missing"', () => {
    expect(item({ storedSecrets: ['pull-secret'] }, 'secrets')).toMatchObject({ state: 'not-done', text: 'Not in the secret store yet: bmc-acp-1 (BMC password of acp-1).' });
    const unknown = item({ storedSecrets: undefined, unknown: { secrets: 'The command line has no secret store.' } }, 'secrets');
    expect(unknown.state).toBe('unknown');
    expect(unknown.text).toBe('The plan needs pull-secret (pull secret), bmc-acp-1 (BMC password of acp-1). The command line has no secret store.');
    // Two fields naming one secret: listed once.
    expect(item({ requiredSecrets: [...secrets, { ...secrets[0]!, path: '/other' }], storedSecrets: [] }, 'secrets').text).toBe(
      'Not in the secret store yet: pull-secret (pull secret), bmc-acp-1 (BMC password of acp-1).',
    );
    expect(item({ requiredSecrets: [] }, 'secrets')).toMatchObject({ state: 'done', text: 'The plan names no secret.' });
  });

  it('bundle: a forced bundle is a problem, never done', () => {
    const forced = readiness({ ...done, findings: [finding('net.x', 'error')], bundle: { written: true, forced: true } });
    expect(forced.ready).toBe(false);
    expect(forced.items.find((i) => i.id === 'bundle')).toMatchObject({ state: 'problem' });
    expect(forced.items.find((i) => i.id === 'bundle')!.text).toMatch(/^Written with 1 error overridden \("Generate anyway" \/ --force/);
    expect(item({ bundle: { written: false } }, 'bundle')).toMatchObject({ state: 'not-done', text: 'No bundle has been written yet.' });
    expect(item({ bundle: { written: false, note: 'Not in this window.' } }, 'bundle').text).toBe('Not in this window.');
    expect(item({ bundle: undefined }, 'bundle').state).toBe('unknown');
  });

  it('export: not exported, exported by this very commit, or not known', () => {
    expect(item({ exported: { state: 'none' } }, 'export')).toMatchObject({ state: 'not-done', text: 'Not exported to the sites repository yet.' });
    expect(item({ exported: { state: 'this-commit' } }, 'export').state).toBe('done');
    expect(item({ exported: undefined }, 'export')).toMatchObject({ state: 'unknown', text: 'Whether the site was exported is not known here.' });
  });

  it('an unknown item keeps the site from being ready, and the summary counts each kind', () => {
    const r = readiness({ ...done, storedSecrets: undefined, exported: undefined, discovered: ['acp-1'], findings: [finding('x', 'error')] });
    expect(r.ready).toBe(false);
    expect(r.summary).toBe('Not ready: 1 problem, 1 not done, 2 not known here.');
    expect(readiness({ ...done, exported: undefined }).summary).toBe('Not ready: 1 not known here.');
  });

  it('prints as aligned lines, state first', () => {
    const lines = readinessLines(readiness({ ...done, storedSecrets: undefined, bundle: { written: false } }));
    expect(lines[0]).toBe('  [done]      Plan valid: No errors in the plan.');
    expect(lines[2]).toMatch(/^ {2}\[not known\] Secrets present: The plan needs pull-secret/);
    expect(lines[3]).toBe('  [not done]  Bundle written: No bundle has been written yet.');
  });
});
