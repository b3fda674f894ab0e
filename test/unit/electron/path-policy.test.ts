import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathAllowList, MAX_GRANTED_PATHS } from '../../../main/electron/path-policy';
import { isInside, looksLikeSitePlan } from '../../../main/host/file-access';

describe('desktop path allow-list', () => {
  it('allows exactly the paths granted, resolved; a granted folder grants nothing inside it', () => {
    const policy = createPathAllowList();
    const site = path.resolve('/home/tech/plant-a/site.yaml');
    expect(policy.isGranted(site)).toBe(false);
    policy.grant(site);
    expect(policy.isGranted(site)).toBe(true);
    expect(policy.isGranted(path.resolve('/home/tech/plant-a/../plant-a/site.yaml'))).toBe(true);
    policy.grant(path.resolve('/home/tech/bundles'));
    expect(policy.isGranted(path.resolve('/home/tech/bundles/secret.txt'))).toBe(false);
    expect(policy.isGranted(path.resolve('/home/tech/plant-a/other.yaml'))).toBe(false);
  });

  it('forgets the oldest grants first beyond its limit', () => {
    const policy = createPathAllowList();
    const file = (i: number) => path.resolve(`/sites/${i}/site.yaml`);
    for (let i = 0; i <= MAX_GRANTED_PATHS; i++) policy.grant(file(i));
    expect(policy.isGranted(file(0))).toBe(false);
    expect(policy.isGranted(file(1))).toBe(true);
    expect(policy.isGranted(file(MAX_GRANTED_PATHS))).toBe(true);
  });
});

describe('file access helpers', () => {
  it('isInside: the folder itself and below, not a sibling with the same prefix', () => {
    expect(isInside('/data', '/data')).toBe(true);
    expect(isInside('/data/secrets.json', '/data')).toBe(true);
    expect(isInside('/data-other/x', '/data')).toBe(false);
    expect(isInside('/', '/data')).toBe(false);
  });

  it('looksLikeSitePlan: kind: Site at the top of a YAML mapping, nothing else', () => {
    expect(looksLikeSitePlan('apiVersion: sitekit.acp.io/v1alpha1\nkind: Site\n')).toBe(true);
    expect(looksLikeSitePlan('kind: Site\nmetadata: [unclosed\n')).toBe(true);
    expect(looksLikeSitePlan('{"kind": "Site"}')).toBe(true);
    for (const text of ['', 'root:x:0:0:root:/root:/bin/bash\n', '{"version":1,"secrets":{"a":"b"}}', 'kind: Token\n', '- kind: Site\n', 'spec:\n  kind: Site\n', '\0\0\0']) {
      expect(looksLikeSitePlan(text), JSON.stringify(text)).toBe(false);
    }
  });
});
