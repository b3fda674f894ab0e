// Registry credentials out of a pull secret: only the asked hosts, strictly checked, never in a message.
import { describe, expect, it } from 'vitest';
import { attachRegistryAuths, registryAuths } from '../../../main/core/plant/registry-auth';
import type { PlantRequest } from '../../../main/core/plant/types';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const MIRROR_AUTH = b64('sitekit:Mirr0r-Secret!');
const QUAY_AUTH = b64('quay-user:QuaySecret');
const pullSecret = JSON.stringify({
  auths: {
    'Mirror.Plant-A.example.com:8443': { auth: MIRROR_AUTH, email: 'x@example.com' },
    'quay.io': { auth: QUAY_AUTH },
    'broken.example.com': { auth: 'not base64 at all!' },
    'nouser.example.com': { auth: b64('no-colon-here') },
  },
});

describe('registryAuths', () => {
  it('gives exactly the asked hosts their auth, matched without regard to case', () => {
    const r = registryAuths(pullSecret, ['mirror.plant-a.example.com:8443']);
    expect(r).toEqual({ auths: { 'mirror.plant-a.example.com:8443': MIRROR_AUTH }, problems: [] });
  });

  it('says which host has no usable entry, never the value', () => {
    const r = registryAuths(pullSecret, ['other.example.com', 'broken.example.com', 'nouser.example.com']);
    expect(r.auths).toEqual({});
    expect(r.problems).toEqual([
      'The pull secret has no entry for other.example.com; Sitekit asks that registry without credentials.',
      'The pull secret\'s entry for broken.example.com has no usable "auth" value (base64 of user:password); Sitekit asks that registry without credentials.',
      'The pull secret\'s entry for nouser.example.com has no usable "auth" value (base64 of user:password); Sitekit asks that registry without credentials.',
    ]);
  });

  it('refuses what is not a pull secret with a message that quotes nothing of it', () => {
    const secretish = '{"auths": {"quay.io": {"auth": "c2VjcmV0OnNlY3JldA=="}}'; // cut JSON
    expect(() => registryAuths(secretish, ['quay.io'])).toThrow(/^The pull secret is not valid JSON; paste it again/);
    try {
      registryAuths(secretish, ['quay.io']);
    } catch (error) {
      expect((error as Error).message).not.toContain('c2VjcmV0');
    }
    expect(() => registryAuths('{"quay.io": {}}', ['quay.io'])).toThrow(/no "auths" object/);
    expect(() => registryAuths('x'.repeat(2 * 1024 * 1024), ['quay.io'])).toThrow(/larger than 1 MiB/);
  });
});

describe('attachRegistryAuths', () => {
  const requests: PlantRequest[] = [
    { kind: 'tls', id: 'tls-r1', host: 'mirror.plant-a.example.com', port: 8443, serverName: 'mirror.plant-a.example.com' },
    { kind: 'http', id: 'http-r1-v2', method: 'GET', url: 'https://mirror.plant-a.example.com:8443/v2/' },
    { kind: 'http', id: 'http-r1-index', method: 'HEAD', url: 'https://mirror.plant-a.example.com:8443/v2/r/manifests/v1', manifest: true },
    { kind: 'http', id: 'http-r2-v2', method: 'GET', url: 'https://registry.redhat.io/v2/', auth: 7 },
  ];

  it('numbers the credentials of each host once and marks only its http requests', () => {
    const { auths } = registryAuths(pullSecret, ['mirror.plant-a.example.com:8443']);
    const r = attachRegistryAuths(requests, auths);
    expect(r.credentials).toEqual([MIRROR_AUTH]);
    expect(r.requests.map((q) => (q.kind === 'http' ? q.auth : 'tls'))).toEqual(['tls', 1, 1, undefined]);
  });

  it('without credentials, no request carries an auth index (a stale one is removed)', () => {
    const r = attachRegistryAuths(requests);
    expect(r.credentials).toEqual([]);
    expect(r.requests.some((q) => q.kind === 'http' && q.auth !== undefined)).toBe(false);
  });
});
