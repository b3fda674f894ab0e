// The plant requests made from the plan (plantPlan), their line form and its strict parser.
import { describe, expect, it } from 'vitest';
import { parseRequestLine, plantPlan, requestKey, requestLine } from '../../../main/core/plant/requests';
import { registryTargets } from '../../../main/core/plant/registry-targets';
import type { PlantRequest } from '../../../main/core/plant/types';
import { exampleSite, mutate } from '../../helpers/example-site';

const D = 'acp.plant-a.example.com';

describe('plantPlan of the reference example (disconnected, 4.18)', () => {
  const plan = plantPlan(exampleSite());
  const byId = new Map(plan.requests.map((r) => [r.id, r]));
  const expectation = (id: string) => plan.expectations.find((e) => e.requestId === id);

  it('asks every DNS question of the plan DNS server and of the node resolvers', () => {
    expect(byId.get('dns-s1-api-a')).toEqual({ kind: 'dns', id: 'dns-s1-api-a', server: '10.10.0.2', type: 'A', name: `api.${D}` });
    expect(expectation('dns-s1-api-a')).toEqual({ requestId: 'dns-s1-api-a', purpose: 'api', expect: ['10.10.0.5'], path: '/cluster/dnsServers/0' });
    expect(expectation('dns-s1-api-int-a')).toMatchObject({ purpose: 'api-int', expect: ['10.10.0.5'] });
    expect(byId.get('dns-node-apps-a')).toMatchObject({ server: 'node', name: `sitekit-check.apps.${D}` });
    expect(expectation('dns-node-apps-a')).toMatchObject({ purpose: 'apps', expect: ['10.10.0.6'], path: '/cluster/dnsServers' });
    expect(byId.get('dns-s1-wildcard-cluster')).toMatchObject({ type: 'A', name: `validateNoWildcardDNS.${D}` });
    expect(expectation('dns-s1-wildcard-cluster')).toMatchObject({ purpose: 'wildcard-cluster', expect: [] });
    expect(byId.get('dns-s1-wildcard-base')).toMatchObject({ name: 'validatenowildcarddns-sitekit.plant-a.example.com' });
    expect(byId.get('dns-s1-fwd-acp-2-a')).toMatchObject({ type: 'A', name: `acp-2.${D}` });
    expect(expectation('dns-s1-fwd-acp-2-a')).toMatchObject({ purpose: 'node-forward', expect: ['10.10.0.12'], node: 'acp-2' });
    expect(byId.get('dns-node-ptr-acp-3')).toMatchObject({ type: 'PTR', name: '10.10.0.13' });
    expect(expectation('dns-node-ptr-acp-3')).toMatchObject({ purpose: 'node-ptr', expect: ['acp-3'], node: 'acp-3' });
    expect(byId.get('dns-s1-registry-a')).toMatchObject({ type: 'A', name: 'mirror.plant-a.example.com' });
    expect(expectation('dns-node-registry-a')).toMatchObject({ purpose: 'registry-host', expect: [], path: '/cluster/dnsServers' });
    expect(plan.requests.filter((r) => r.kind === 'dns')).toHaveLength(2 * 12);
  });

  it('asks the mirror registry: TLS, /v2/ and the operator index the bundle uses (no release: 4.18 is no full version)', () => {
    expect(byId.get('tls-r1')).toEqual({ kind: 'tls', id: 'tls-r1', host: 'mirror.plant-a.example.com', port: 8443, serverName: 'mirror.plant-a.example.com' });
    expect(byId.get('http-r1-v2')).toEqual({ kind: 'http', id: 'http-r1-v2', method: 'GET', url: 'https://mirror.plant-a.example.com:8443/v2/' });
    expect(byId.get('http-r1-index')).toEqual({
      kind: 'http',
      id: 'http-r1-index',
      method: 'HEAD',
      url: 'https://mirror.plant-a.example.com:8443/v2/redhat/redhat-operator-index/manifests/v4.18',
      manifest: true,
    });
    expect(byId.has('http-r1-release')).toBe(false);
    expect(expectation('http-r1-index')).toMatchObject({ purpose: 'operator-index', path: '/cluster/mirror/registry' });
  });

  it('asks every NTP source, pings the gateway and the VIPs', () => {
    expect(plan.requests.filter((r) => r.kind === 'ntp')).toEqual([
      { kind: 'ntp', id: 'ntp-1', server: '10.10.0.3' },
      { kind: 'ntp', id: 'ntp-2', server: 'ntp2.plant-a.example.com' },
    ]);
    expect(expectation('ntp-2')).toMatchObject({ purpose: 'ntp-source', path: '/cluster/ntpServers/1' });
    expect(plan.requests.filter((r) => r.kind === 'ping').map((r) => [r.id, expectation(r.id)!.purpose, expectation(r.id)!.path])).toEqual([
      ['ping-gateway', 'gateway', '/networks/0/gateway'],
      ['ping-api-vip-1', 'api-vip-free', '/cluster/apiVIPs/0'],
      ['ping-ingress-vip-1', 'ingress-vip-free', '/cluster/ingressVIPs/0'],
    ]);
  });

  it('is deterministic, with one expectation per request and unique ids', () => {
    expect(plantPlan(exampleSite())).toEqual(plan);
    expect(plan.expectations.map((e) => e.requestId)).toEqual(plan.requests.map((r) => r.id));
    expect(new Set(plan.requests.map((r) => r.id)).size).toBe(plan.requests.length);
  });
});

describe('registries: the images the bundle itself pulls', () => {
  it('a full version adds the release image at the mirror path of the install-config (oc-mirror layout guess)', () => {
    const plan = plantPlan(mutate((s) => (s.cluster.openshiftVersion = '4.18.12')));
    expect(plan.requests.find((r) => r.id === 'http-r1-release')).toMatchObject({
      method: 'HEAD',
      url: 'https://mirror.plant-a.example.com:8443/v2/openshift/release-images/manifests/4.18.12-x86_64',
    });
  });

  it('an oc-mirror import is used as written: its release mirror and its catalog image', () => {
    const site = mutate((s) => {
      s.cluster.openshiftVersion = '4.18.12';
      s.cluster.mirror!.ocMirror = {
        catalogs: [{ name: 'cs-redhat-operator-index-v4-18', image: 'mirror.plant-a.example.com:8443/ocp/redhat/redhat-operator-index:v4.18' }],
        digestMirrors: [{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.plant-a.example.com:8443/ocp/openshift/release-images'] }],
      };
    });
    const urls = plantPlan(site).requests.flatMap((r) => (r.kind === 'http' ? [r.url] : []));
    expect(urls).toEqual([
      'https://mirror.plant-a.example.com:8443/v2/',
      'https://mirror.plant-a.example.com:8443/v2/ocp/openshift/release-images/manifests/4.18.12-x86_64',
      'https://mirror.plant-a.example.com:8443/v2/ocp/redhat/redhat-operator-index/manifests/v4.18',
    ]);
  });

  it('a connected site asks quay.io and registry.redhat.io through the planned proxy, unless noProxy names them', () => {
    const site = mutate((s) => {
      delete s.cluster.mirror;
      s.cluster.openshiftVersion = '4.18.12';
      s.cluster.proxy = { httpsProxy: 'http://proxy.plant-a.example.com:3128', noProxy: ['.redhat.io'] };
    });
    const reqs = plantPlan(site).requests.filter((r) => r.kind === 'tls' || r.kind === 'http');
    expect(reqs).toEqual([
      { kind: 'tls', id: 'tls-r1', host: 'quay.io', port: 443, serverName: 'quay.io', proxy: 'proxy.plant-a.example.com:3128' },
      { kind: 'http', id: 'http-r1-v2', method: 'GET', url: 'https://quay.io/v2/', proxy: 'proxy.plant-a.example.com:3128' },
      {
        kind: 'http',
        id: 'http-r1-release',
        method: 'HEAD',
        url: 'https://quay.io/v2/openshift-release-dev/ocp-release/manifests/4.18.12-x86_64',
        manifest: true,
        proxy: 'proxy.plant-a.example.com:3128',
      },
      { kind: 'tls', id: 'tls-r2', host: 'registry.redhat.io', port: 443, serverName: 'registry.redhat.io' },
      { kind: 'http', id: 'http-r2-v2', method: 'GET', url: 'https://registry.redhat.io/v2/' },
      { kind: 'http', id: 'http-r2-index', method: 'HEAD', url: 'https://registry.redhat.io/v2/redhat/redhat-operator-index/manifests/v4.18', manifest: true },
    ]);
    expect(registryTargets(site).map((t) => t.path)).toEqual(['/cluster/proxy', '/cluster/proxy']);
  });

  it('a proxy URL with a password is never put into the script: those registries are not asked', () => {
    const site = mutate((s) => {
      delete s.cluster.mirror;
      s.cluster.proxy = { httpsProxy: 'http://user:secret@proxy.plant-a.example.com:3128' };
    });
    const lines = plantPlan(site).requests.map(requestLine).join('\n');
    expect(lines).not.toContain('secret');
    expect(plantPlan(site).requests.some((r) => r.kind === 'tls' || r.kind === 'http')).toBe(false);
  });
});

describe('request lines', () => {
  const all = plantPlan(mutate((s) => (s.cluster.openshiftVersion = '4.18.12'))).requests;

  it('every request of a plan goes through its line and back unchanged', () => {
    for (const req of all) expect(parseRequestLine(requestLine(req))).toEqual(req);
    expect(requestLine(all.find((r) => r.id === 'tls-r1')!)).toBe('tls tls-r1 mirror.plant-a.example.com 8443 mirror.plant-a.example.com -');
    expect(requestLine({ kind: 'http', id: 'h', method: 'GET', url: 'https://quay.io/v2/', auth: 2, proxy: 'p.example:3128' })).toBe(
      'http h GET https://quay.io/v2/ 0 2 p.example:3128',
    );
    expect(parseRequestLine('ping ping-gateway 10.10.0.1\r')).toEqual({ kind: 'ping', id: 'ping-gateway', address: '10.10.0.1' });
  });

  it('refuses any token outside its pattern, in both directions', () => {
    const hostile: PlantRequest[] = [
      { kind: 'dns', id: 'x', server: 'node', type: 'A', name: '$(reboot)' },
      { kind: 'dns', id: 'x', server: '-x', type: 'A', name: 'a.example' },
      { kind: 'dns', id: 'x', server: 'node', type: 'PTR', name: 'not-an-ip' },
      { kind: 'dns', id: 'x y', server: 'node', type: 'A', name: 'a.example' },
      { kind: 'dns', id: '-x', server: 'node', type: 'A', name: 'a.example' },
      { kind: 'tls', id: 'x', host: 'a.example', port: 70000, serverName: '' },
      { kind: 'tls', id: 'x', host: 'a.example', port: 443, serverName: 'a`id`' },
      { kind: 'http', id: 'x', method: 'GET', url: 'http://a.example/v2/' },
      { kind: 'http', id: 'x', method: 'GET', url: 'https://a.example/v2/?x=$(id)' },
      { kind: 'http', id: 'x', method: 'GET', url: "https://a.example/v2/a'b/manifests/x" },
      { kind: 'http', id: 'x', method: 'GET', url: 'https://a.example/v2/', auth: 100 },
      { kind: 'http', id: 'x', method: 'GET', url: 'https://a.example/v2/', proxy: 'user:pw@p:1' },
      { kind: 'ntp', id: 'x', server: 'a;reboot' },
      { kind: 'ping', id: 'x', address: 'a.example' },
    ];
    for (const req of hostile) expect(() => requestLine(req), JSON.stringify(req)).toThrow(/must not receive/);
    for (const line of [
      '',
      'dns x node A',
      'dns x node A a.example extra',
      'dns x node MX a.example',
      'dns  x node A a.example',
      'ntp x -server',
      'ping x 10.0.0.01',
      'tls x a.example 0443 - -',
      'http x GET https://a.example/v2/ 0 007 -',
      'http x PUT https://a.example/v2/ 0 - -',
      'rm x -rf /',
      'ntp X a.example',
    ]) {
      expect(parseRequestLine(line), line).toBeUndefined();
    }
  });

  it('requestKey is the content, without id or credentials', () => {
    const a: PlantRequest = { kind: 'http', id: 'http-r1-v2', method: 'GET', url: 'https://quay.io/v2/' };
    expect(requestKey(a)).toBe(requestKey({ ...a, id: 'other', auth: 1 }));
    expect(requestKey(a)).not.toBe(requestKey({ ...a, proxy: 'p.example:3128' }));
    expect(requestKey({ kind: 'dns', id: 'a', server: 'node', type: 'A', name: 'API.example.' })).toBe(
      requestKey({ kind: 'dns', id: 'b', server: 'node', type: 'A', name: 'api.example' }),
    );
  });
});
