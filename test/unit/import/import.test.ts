// import(generate(example)) gives back a plan that validates and keeps what the installer
// inputs carry: host names, MACs, addresses, VIPs, boot hints.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { installFiles } from '../../../main/core/generate/install';
import { importSite } from '../../../main/core/import';
import { effectiveDisks } from '../../../main/core/site/model';
import { checkSiteText } from '../../../main/core/site/check';
import { siteSchema, type Site } from '../../../main/core/site/schema';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const load = (name: string): Site => siteSchema.parse(YAML.parse(readFileSync(here(`../../../resources/examples/${name}.site.yaml`), 'utf8')));

function roundTrip(site: Site) {
  const [install, agent] = installFiles(site);
  const result = importSite(install!.content, agent!.content);
  const check = checkSiteText(result.siteText);
  return { result, check };
}

describe.each(['plant-a', 'plant-b-racks'])('import of the generated inputs of %s', (name) => {
  const original = load(name);
  const { result, check } = roundTrip(original);

  it('is a schema-valid plan without errors', () => {
    expect(check.status).toBe('ok');
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('keeps host names, MACs, cluster addresses, VIPs, networks of the cluster and boot hints', () => {
    const imported = check.site!;
    expect(imported.cluster).toMatchObject({
      name: original.cluster.name,
      baseDomain: original.cluster.baseDomain,
      apiVIPs: original.cluster.apiVIPs,
      ingressVIPs: original.cluster.ingressVIPs,
      clusterNetwork: original.cluster.clusterNetwork,
      serviceNetwork: original.cluster.serviceNetwork,
      dnsServers: original.cluster.dnsServers,
      ntpServers: original.cluster.ntpServers,
      sshPublicKey: original.cluster.sshPublicKey,
    });
    expect(imported.cluster.proxy).toEqual(original.cluster.proxy);
    expect(imported.cluster.mirror).toEqual(original.cluster.mirror);
    const cluster = original.networks.find((n) => n.role === 'cluster')!;
    expect(imported.networks[0]).toMatchObject({ role: 'cluster', vlan: cluster.vlan, subnet: cluster.subnet, gateway: cluster.gateway });
    for (const [i, node] of original.nodes.entries()) {
      const back = imported.nodes[i]!;
      expect(back.hostname).toBe(node.hostname);
      expect(back.addresses.cluster).toBe(node.addresses[cluster.name]);
      const macs = new Map(node.interfaces.map((x) => [x.name, x.mac]));
      for (const iface of back.interfaces) expect(iface.mac).toBe(macs.get(iface.name));
      expect(effectiveDisks(imported, back).boot).toEqual(effectiveDisks(original, node).boot);
    }
    expect(imported.layout.bonds).toEqual(original.layout.bonds);
  });

  it('lists what it could not map, the pull secret always', () => {
    expect(result.unmapped).toContain('pull secret: never imported, add it to the secret store (name pull-secret)');
    expect(result.unmapped.some((u) => u.startsWith('cluster.openshiftVersion'))).toBe(true);
    expect(result.siteText).not.toMatch(/auths/);
  });

  it('is deterministic', () => {
    expect(roundTrip(load(name)).result).toEqual(result);
  });
});

describe('import of the hand-written good pair', () => {
  const text = (p: string) => readFileSync(here(`../../fixtures/abi/good/${p}`), 'utf8');
  const result = importSite(text('install-config.yaml'), text('agent-config.yaml'));
  const check = checkSiteText(result.siteText);

  it('maps the tagged cluster VLAN on the active-backup bond and the shared boot hint', () => {
    expect(check.status).toBe('ok');
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const site = check.site!;
    expect(site.networks).toEqual([{ name: 'cluster', role: 'cluster', vlan: 50, subnet: '192.168.50.0/24', gateway: '192.168.50.1', mtu: 1500 }]);
    expect(site.layout).toMatchObject({
      interfaces: ['eno1', 'eno2'],
      bonds: [{ name: 'bond0', mode: 'active-backup', members: ['eno1', 'eno2'] }],
      uplinks: [{ device: 'bond0', networks: ['cluster'] }],
      disks: { boot: { deviceName: '/dev/disk/by-path/pci-0000:00:1f.2-ata-1' } },
    });
    expect(site.nodes.map((n) => n.addresses.cluster)).toEqual(['192.168.50.11', '192.168.50.12', '192.168.50.13']);
    expect(result.siteText).not.toContain('dXNlcjpwYXNzd29yZA'); // the pull secret never comes along
  });
});

describe('what does not map', () => {
  const [install, agent] = installFiles(load('plant-a'));

  it('names a host interface without a network, a worker role and a WWN extension hint', () => {
    const doc = YAML.parse(agent!.content);
    doc.hosts[1].role = 'worker';
    doc.hosts[2].rootDeviceHints = { wwnWithExtension: '0x5000c500a1b2c3d4' };
    // Every NIC of plant-a is in a bond; a NIC the network config does not use carries nothing.
    doc.hosts[0].interfaces.push({ name: 'ens3f0', macAddress: 'b4:96:91:c3:01:00' });
    const result = importSite(install!.content, YAML.stringify(doc));
    expect(result.unmapped).toEqual(expect.arrayContaining([
      'host acp-1: interface ens3f0 has no matching network',
      'host acp-2: role worker is not planned; every ACP node is control plane and worker',
      'host acp-3: root device hint wwnWithExtension has no place in site.yaml',
    ]));
  });

  it('throws on text that is not YAML', () => {
    expect(() => importSite('a: [', agent!.content)).toThrow(/install-config: not valid YAML/);
  });
});
