// validation.json carries the readiness checklist, and SOURCE_DATE_EPOCH makes bundles
// byte-identical (bundle.json and SHA256SUMS included); a malformed value is an error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateBundle, sourceDateEpoch, SourceDateEpochError, type BundleOptions, type BundleResult } from '../../../main/core/generate/bundle';
import { checkSiteText } from '../../../main/core/site/check';
import type { Finding } from '../../../main/core/validation/finding';
import { EXAMPLE_PATH } from '../../helpers/example-site';

const TEXT = readFileSync(EXAMPLE_PATH, 'utf8');
const check = checkSiteText(TEXT);
const site = check.site!;
const nodes = site.nodes.map((n) => n.hostname);

function bundle(options: Partial<BundleOptions> = {}, text = TEXT): BundleResult {
  const c = checkSiteText(text);
  return generateBundle(c.site!, { siteText: text, findings: c.findings, toolVersion: '0.0.0-test', ...options });
}

interface ValidationJson {
  forced: boolean;
  readiness: { ready: boolean; summary: string; items: { id: string; state: string; text: string }[] };
}
const validation = (r: BundleResult) => JSON.parse(r.files.find((f) => f.path === 'validation.json')!.content) as ValidationJson;
const state = (r: BundleResult, id: string) => validation(r).readiness.items.find((i) => i.id === id)?.state;

describe('validation.json readiness', () => {
  it('a bundle written without facts is not ready: what the generator was not told is "unknown", never done', () => {
    const v = validation(bundle());
    expect(v.readiness.ready).toBe(false);
    expect(v.readiness.items.map((i) => [i.id, i.state])).toEqual([
      ['plan', 'done'],
      ['hardware', 'unknown'],
      ['secrets', 'unknown'],
      ['bundle', 'done'],
      ['export', 'unknown'],
    ]);
    expect(v.readiness.items.find((i) => i.id === 'export')!.text).toMatch(/before any export/);
  });

  it('records what the caller knows: nodes discovered, secrets stored, and the export commit itself', () => {
    const required = ['pull-secret', ...site.nodes.map((n) => n.bmc?.credentials?.secretRef).filter((n): n is string => !!n)];
    const r = bundle({ readiness: { discovered: nodes, hardwareFindings: [], storedSecrets: required, exported: { state: 'this-commit' } } });
    expect(validation(r).readiness).toMatchObject({ ready: true, summary: 'Ready: every item of the checklist is done.' });
    expect(r.readiness.ready).toBe(true);

    const missing = bundle({ readiness: { discovered: nodes.slice(0, 1), storedSecrets: [], exported: { state: 'this-commit' } } });
    expect(state(missing, 'hardware')).toBe('not-done');
    expect(state(missing, 'secrets')).toBe('not-done');
    expect(validation(missing).readiness.items.find((i) => i.id === 'secrets')!.text).toContain('pull-secret');
  });

  it('hardware errors make the hardware item a problem (the plan item stays the plan\'s)', () => {
    const hw: Finding = { id: 'hw.mac-missing', severity: 'error', step: 'nodes', path: '/nodes/0/interfaces/0/mac', message: 'acp-1: no NIC with that MAC' };
    const r = bundle({ readiness: { discovered: nodes, hardwareFindings: [hw] } });
    expect(state(r, 'hardware')).toBe('problem');
    expect(state(r, 'plan')).toBe('done');
    // The findings list of validation.json stays the plan's (and the generator's).
    expect(JSON.stringify(validation(r))).not.toContain('hw.mac-missing"');
  });

  it('"Generate anyway": forced is recorded, and the bundle item is a problem', () => {
    const broken = TEXT.replace(/^( {2}apiVIPs: ).*$/m, '$1[10.99.0.5]');
    expect(broken).not.toBe(TEXT);
    const refused = bundle({}, broken);
    expect(refused.refused).toBe(true);
    expect(refused.readiness.items.find((i) => i.id === 'bundle')!.state).toBe('not-done');
    const forced = bundle({ force: true }, broken);
    expect(forced.refused).toBe(false);
    expect(validation(forced).forced).toBe(true);
    expect(state(forced, 'bundle')).toBe('problem');
    expect(state(forced, 'plan')).toBe('problem');
    expect(validation(forced).readiness.ready).toBe(false);
  });
});

describe('reproducible bundles (SOURCE_DATE_EPOCH)', () => {
  it('the same site and time give byte-identical files, bundle.json and SHA256SUMS included', () => {
    const now = sourceDateEpoch({ SOURCE_DATE_EPOCH: '1767225600' })!;
    expect(now.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const a = bundle({ now });
    const b = bundle({ now: sourceDateEpoch({ SOURCE_DATE_EPOCH: '1767225600' })! });
    expect(b.files).toEqual(a.files);
    expect(JSON.parse(a.files.find((f) => f.path === 'bundle.json')!.content).generatedAt).toBe('2026-01-01T00:00:00.000Z');
    // Without it the clock is used: bundle.json (and its checksum) may differ, nothing else.
    const c = bundle({ now: new Date('2030-01-01T00:00:00Z') });
    const differing = c.files.filter((f, i) => f.content !== a.files[i]!.content).map((f) => f.path);
    expect(differing).toEqual(['SHA256SUMS', 'bundle.json']);
  });

  it('unset: undefined (the clock); set: whole seconds only — anything else is an error, not the clock', () => {
    expect(sourceDateEpoch({})).toBeUndefined();
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '0' })!.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    for (const bad of ['', ' ', '1.5', '-1', '1e9', '0x10', '12abc', ' 1767225600', '99999999999999999']) {
      expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: bad }), JSON.stringify(bad)).toThrow(SourceDateEpochError);
    }
    expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH="yesterday" is not a time: it must be whole seconds since 1970-01-01 UTC/);
  });
});
