// The chain a node saw, judged on the laptop with node:crypto against certificates the real
// openssl CLI made for this test.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyServerChain } from '../../../main/core/plant/tls-verify';
import { MIRROR_HOST, MIRROR_IP, makeTestCerts, type TestCerts } from './tls-certs';

let certs: TestCerts;
let now: number;

beforeAll(() => {
  certs = makeTestCerts();
  // A minute after issue: a certificate made this second is not "not yet valid".
  now = Date.now() + 60_000;
});

function verify(chain: string[], bundle?: string, host = MIRROR_HOST) {
  return verifyServerChain(chain, { host, now, ...(bundle !== undefined ? { caBundle: bundle } : {}) });
}

describe('verifyServerChain', () => {
  it('trusts leaf → intermediate → the bundle root, names the host and counts the days left', () => {
    const v = verify([certs.leaf, certs.intermediate], certs.rootCa);
    expect(v).toMatchObject({ readable: true, trusted: true, anchor: 'bundle', nameMatches: true });
    expect(v.outOfDate).toBeUndefined();
    expect(v.daysLeft).toBeGreaterThanOrEqual(728);
    expect(v.names).toEqual([`DNS:${MIRROR_HOST}`, `IP Address:${MIRROR_IP}`]);
    expect(v.leaf?.issuer).toBe('CN=Plant A Test Issuing CA');
  });

  it('matches an IP address with checkIP', () => {
    expect(verify([certs.leaf, certs.intermediate], certs.rootCa, MIRROR_IP).nameMatches).toBe(true);
    expect(verify([certs.leaf, certs.intermediate], certs.rootCa, '10.10.0.8').nameMatches).toBe(false);
  });

  it('trusts a leaf issued by a bundle CA directly, and a bundle of several CAs', () => {
    expect(verify([certs.leafFromRoot], certs.rootCa).trusted).toBe(true);
    expect(verify([certs.leafFromRoot], `${certs.otherCa}\n${certs.rootCa}`).trusted).toBe(true);
  });

  it('trusts the chain when the bundle holds the intermediate only', () => {
    expect(verify([certs.leaf, certs.intermediate], certs.intermediate).trusted).toBe(true);
  });

  it('does not trust a chain that misses its intermediate', () => {
    const v = verify([certs.leaf], certs.rootCa);
    expect(v.trusted).toBe(false);
    expect(v.missingCa).toBe('CN=Plant A Test Issuing CA');
    expect(v.trustProblem).toContain('neither in the trusted CAs nor sent by the server');
  });

  it('does not trust a chain of another CA and names that CA', () => {
    const v = verify([certs.untrusted, certs.otherCa], certs.rootCa);
    expect(v.trusted).toBe(false);
    expect(v.missingCa).toBe('CN=Somebody Else CA');
    expect(v.trustProblem).toContain('self-signed CA CN=Somebody Else CA');
  });

  it('does not trust anything without a bundle (the test CAs are not public)', () => {
    expect(verify([certs.leaf, certs.intermediate]).trusted).toBe(false);
    expect(verifyServerChain([certs.leaf, certs.intermediate], { host: MIRROR_HOST, now, publicRoots: true }).trusted).toBe(false);
  });

  it('trusts a self-signed leaf that is itself in the bundle, and only then', () => {
    expect(verify([certs.selfSigned], certs.selfSigned)).toMatchObject({ trusted: true, nameMatches: true });
    const v = verify([certs.selfSigned], certs.rootCa);
    expect(v.trusted).toBe(false);
    expect(v.trustProblem).toContain('self-signed server certificate');
  });

  it('does not accept a leaf certificate (CA:FALSE) as an issuer', () => {
    // The wrong-name leaf did not sign anything; a chain "leaf → other leaf" must not pass.
    expect(verify([certs.leaf, certs.wrongName], certs.wrongName).trusted).toBe(false);
  });

  it('reports a certificate for other names, and a CN-only certificate as not matching (Go ignores the CN)', () => {
    const wrong = verify([certs.wrongName, certs.intermediate], certs.rootCa);
    expect(wrong).toMatchObject({ trusted: true, nameMatches: false, names: ['DNS:registry.example.org'] });
    const cnOnly = verify([certs.cnOnly, certs.intermediate], certs.rootCa);
    expect(cnOnly).toMatchObject({ trusted: true, nameMatches: false, names: [] });
  });

  it('reports an expired leaf with its dates and negative days', () => {
    const v = verify([certs.expired, certs.intermediate], certs.rootCa);
    expect(v.trusted).toBe(true);
    expect(v.outOfDate).toMatchObject({ which: 'leaf', state: 'expired', notBefore: '2020-01-01T00:00:00.000Z', notAfter: '2021-01-01T00:00:00.000Z' });
    expect(v.daysLeft).toBeLessThan(0);
  });

  it('reports a certificate that is not yet valid, and one about to expire', () => {
    const early = verifyServerChain([certs.leaf, certs.intermediate], { host: MIRROR_HOST, caBundle: certs.rootCa, now: Date.parse('2001-01-01T00:00:00Z') });
    expect(early.outOfDate).toMatchObject({ which: 'leaf', state: 'not-yet-valid' });
    const soon = verify([certs.expiring, certs.intermediate], certs.rootCa);
    expect(soon.outOfDate).toBeUndefined();
    expect(soon.daysLeft).toBeGreaterThanOrEqual(9);
    expect(soon.daysLeft).toBeLessThanOrEqual(10);
  });

  it('reports an expired intermediate when the leaf is still valid', () => {
    const v = verifyServerChain([certs.leafUnderShort, certs.shortIntermediate], { host: MIRROR_HOST, caBundle: certs.rootCa, now: now + 5 * 86_400_000 });
    expect(v.trusted).toBe(true);
    expect(v.outOfDate).toMatchObject({ which: 'intermediate', state: 'expired', subject: 'CN=Plant A Short CA' });
    expect(verify([certs.leafUnderShort, certs.shortIntermediate], certs.rootCa).outOfDate).toBeUndefined();
  });

  it('says the answer held no readable certificate', () => {
    expect(verify([], certs.rootCa)).toMatchObject({ readable: false, trusted: false });
    expect(verify(['-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n'], certs.rootCa).readable).toBe(false);
  });
});
