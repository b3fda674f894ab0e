// Registry findings from what the nodes saw of plant-a's mirror (and, connected, of quay.io
// through a proxy), with certificates the real openssl CLI made for the test.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import type { Site } from '../../../main/core/site/schema';
import { findingsOf, only, plantInventories, plantOf, plantSite, resultOf } from './checks-fixture';
import { makeTestCerts, type TestCerts } from './tls-certs';

let certs: TestCerts;
let now: number;

beforeAll(() => {
  certs = makeTestCerts();
  now = Date.now() + 60_000;
});

function registry(change: (inv: NodeInventory[], site: Site) => void = () => {}, chain?: string[]) {
  const site = plantSite(certs.rootCa);
  const inventories = plantInventories(site, chain ?? [certs.leaf, certs.intermediate]);
  change(inventories, site);
  return findingsOf(site, inventories, now).filter((f) => f.id.startsWith('plant.registry-'));
}

const everyNode = (inv: NodeInventory[], fn: (plant: ReturnType<typeof plantOf>) => void) => inv.forEach((n) => fn(plantOf(n)));

describe('plant registry checks', () => {
  it('plant.registry-cert-ok: a trusted, in-date certificate gives only the days left', () => {
    const findings = registry();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'plant.registry-cert-ok', severity: 'info', path: '/cluster/mirror/caBundle', step: 'site' });
    expect(findings[0]!.message).toMatch(
      /^The certificate of mirror\.plant-a\.example\.com:8443 is trusted and valid for 7[23]\d more days \(TLS to mirror\.plant-a\.example\.com:8443 as mirror\.plant-a\.example\.com: certificate CN=mirror\.plant-a\.example\.com, issued by CN=Plant A Test Issuing CA, valid until \d{4}-\d\d-\d\d, trusted through the plan's CA bundle; seen from acp-1, acp-2 and acp-3\): nothing to do\.$/,
    );
  });

  it('plant.registry-cert-untrusted: a certificate of a CA the bundle does not hold', () => {
    const [f, ...rest] = registry(undefined, [certs.untrusted, certs.otherCa]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'plant.registry-cert-untrusted', severity: 'error', path: '/cluster/mirror/caBundle' });
    expect(f!.message).toContain('The mirror registry mirror.plant-a.example.com:8443 presents a certificate the nodes would not trust (TLS to mirror.plant-a.example.com:8443 as mirror.plant-a.example.com: certificate CN=mirror.plant-a.example.com, issued by CN=Somebody Else CA;');
    expect(f!.message).toContain("): add the CA that signed the registry certificate (CN=Somebody Else CA) to the mirror's CA bundle");
  });

  it('plant.registry-cert-untrusted: no CA bundle in the plan', () => {
    const [f] = registry((_inv, site) => {
      delete site.cluster.mirror!.caBundle;
    });
    expect(f!.id).toBe('plant.registry-cert-untrusted');
    expect(f!.message).toContain("paste the CA certificate that signed the registry certificate (CN=Plant A Test Root CA) into the mirror's CA bundle: the plan has none");
  });

  it('plant.registry-cert-name: a certificate for another host', () => {
    const [f] = registry(undefined, [certs.wrongName, certs.intermediate]);
    expect(f).toMatchObject({ id: 'plant.registry-cert-name', severity: 'error', path: '/cluster/mirror/registry' });
    expect(f!.message).toContain('presents a certificate for other names (TLS to mirror.plant-a.example.com:8443 as mirror.plant-a.example.com: the certificate names DNS:registry.example.org;');
    expect(f!.message).toContain('reissue the registry certificate with subjectAltName DNS:mirror.plant-a.example.com');
  });

  it('plant.registry-cert-expired: an expired certificate', () => {
    const [f, ...rest] = registry(undefined, [certs.expired, certs.intermediate]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'plant.registry-cert-expired', severity: 'error', path: '/cluster/mirror/registry' });
    expect(f!.message).toMatch(/^The certificate of mirror\.plant-a\.example\.com:8443 expired on 2021-01-01 \(TLS to .*: valid from 2020-01-01 to 2021-01-01; seen from acp-1, acp-2 and acp-3\): renew it/);
  });

  it('plant.registry-cert-expiring: fewer than 30 days left', () => {
    const [f] = registry(undefined, [certs.expiring, certs.intermediate]);
    expect(f).toMatchObject({ id: 'plant.registry-cert-expiring', severity: 'warning' });
    expect(f!.message).toMatch(/^The certificate of mirror\.plant-a\.example\.com:8443 expires in (9|10) days \(/);
  });

  it('plant.registry-unreachable: TLS and HTTP refused give one finding per node set', () => {
    const findings = registry((inv) =>
      everyNode(inv, (p) => {
        for (const t of p.tls) Object.assign(t, { status: 'refused', chainPem: [] });
        for (const h of p.http) Object.assign(h, { status: 'refused', code: undefined });
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'plant.registry-unreachable', severity: 'error', path: '/cluster/mirror/registry' });
    expect(findings[0]!.message).toBe(
      'The mirror registry mirror.plant-a.example.com:8443 did not answer (TLS to mirror.plant-a.example.com:8443: connection refused; seen from acp-1, acp-2 and acp-3): check that the registry runs and listens on port 8443 of mirror.plant-a.example.com.',
    );
  });

  it('plant.registry-unreachable: the registry name does not resolve', () => {
    const [f] = registry((inv) => everyNode(inv, (p) => p.tls.forEach((t) => Object.assign(t, { status: 'unresolved', chainPem: [] }))));
    expect(f!.message).toContain('(TLS to mirror.plant-a.example.com:8443: the name mirror.plant-a.example.com does not resolve on the node;');
    expect(f!.message).toContain('add an A record for mirror.plant-a.example.com on the plant DNS (10.10.0.2)');
  });

  it('plant.registry-api: /v2/ is not a registry', () => {
    const findings = only(registry((inv) => everyNode(inv, (p) => Object.assign(resultOf(p, 'http', (r) => r.url.endsWith('/v2/')), { code: 404 }))), 'plant.registry-api');
    expect(findings[0]!.message).toBe(
      'The mirror registry mirror.plant-a.example.com:8443 does not answer like a container registry (GET https://mirror.plant-a.example.com:8443/v2/ answered 404; seen from acp-1, acp-2 and acp-3): check that mirror.plant-a.example.com:8443 is the registry itself (registry API v2), not a web server or a login page in front of it.',
    );
  });

  it('plant.registry-auth: says whether credentials were sent', () => {
    const findings = only(
      registry((inv) => {
        Object.assign(resultOf(plantOf(inv[0]!), 'http', (r) => r.url.includes('release-images')), { code: 401, authSent: false, challenge: 'bearer' });
        Object.assign(resultOf(plantOf(inv[1]!), 'http', (r) => r.url.includes('release-images')), { code: 401, authSent: true, challenge: 'basic' });
      }),
      'plant.registry-auth',
    );
    expect(findings.map((f) => f.path)).toEqual(['/cluster/mirror/registry', '/cluster/mirror/registry']);
    expect(findings[0]!.message).toBe(
      'The mirror registry mirror.plant-a.example.com:8443 wants credentials and the probe sent none (HEAD https://mirror.plant-a.example.com:8443/v2/openshift/release-images/manifests/4.18.3-x86_64 answered 401 without credentials, challenge bearer; seen from acp-1): add an entry for mirror.plant-a.example.com:8443 to the pull secret in the secret store and probe again (a script exported with sitekit collect-script never carries credentials).',
    );
    expect(findings[1]!.message).toContain("refused the pull secret's credentials (HEAD https://mirror.plant-a.example.com:8443/v2/openshift/release-images/manifests/4.18.3-x86_64 answered 401 with credentials, challenge basic; seen from acp-2): correct the user and password");
  });

  it('plant.registry-image-missing: the release image is not mirrored', () => {
    const [f] = only(registry((inv) => everyNode(inv, (p) => Object.assign(resultOf(p, 'http', (r) => r.url.includes('release-images')), { code: 404 }))), 'plant.registry-image-missing');
    expect(f).toMatchObject({ severity: 'error', path: '/cluster/mirror/registry' });
    expect(f!.message).toBe(
      'The mirror registry mirror.plant-a.example.com:8443 has no release image mirror.plant-a.example.com:8443/openshift/release-images:4.18.3-x86_64 (HEAD https://mirror.plant-a.example.com:8443/v2/openshift/release-images/manifests/4.18.3-x86_64 answered 404; seen from acp-1, acp-2 and acp-3): mirror OpenShift 4.18.3 into mirror.plant-a.example.com:8443 with oc-mirror and import its results (sitekit import-mirror), or correct the planned version.',
    );
  });

  it('plant.registry-not-checked: openssl and curl missing', () => {
    const findings = registry((inv) => {
      const p = plantOf(inv[2]!);
      p.tls.forEach((t) => Object.assign(t, { status: 'no-tool', chainPem: [], message: 'openssl is not installed' }));
      p.http.forEach((h) => Object.assign(h, { status: 'no-tool', code: undefined, message: 'curl is not installed' }));
    });
    const notChecked = only(findings, 'plant.registry-not-checked');
    expect(notChecked).toHaveLength(2);
    expect(notChecked[0]).toMatchObject({ severity: 'info', path: '/cluster/mirror/registry' });
    expect(notChecked[0]!.message).toBe(
      'The registry was not checked (e.g. TLS to mirror.plant-a.example.com:8443: openssl is not installed; seen from acp-3): install openssl on the node, or probe from an image that has it, then probe again.',
    );
    expect(notChecked[1]!.message).toContain('curl is not installed; seen from acp-3): install curl');
  });

  it('connected site: quay.io through the proxy, trusted by the public roots, findings under /cluster/proxy', () => {
    const site = plantSite();
    delete site.cluster.mirror;
    site.cluster.proxy = { httpsProxy: 'http://proxy.plant-a.example.com:3128' };
    const inventories = plantInventories(site, [certs.leaf, certs.intermediate]);
    const tls = plantOf(inventories[0]!).requests.filter((r) => r.kind === 'tls');
    expect(tls.map((r) => r.kind === 'tls' && `${r.host}:${r.port} ${r.proxy}`)).toContain('quay.io:443 proxy.plant-a.example.com:3128');
    const findings = findingsOf(site, inventories, now).filter((f) => f.id.startsWith('plant.registry-'));
    const untrusted = only(findings, 'plant.registry-cert-untrusted');
    expect(untrusted.length).toBeGreaterThan(0);
    expect(untrusted.every((f) => f.path === '/cluster/proxy')).toBe(true);
    expect(untrusted[0]!.message).toContain('The registry quay.io (through the proxy proxy.plant-a.example.com:3128) presents a certificate the nodes would not trust');
    expect(untrusted[0]!.message).toContain('(the proxy proxy.plant-a.example.com:3128 inspecting TLS?): exempt quay.io from TLS inspection.');
  });
});
