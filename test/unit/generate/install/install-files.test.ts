// The installer inputs of every example: byte-stable, valid against the InstallConfig CRD,
// clean under Sitekit's installer linter, and carrying what the plan says.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { agentConfig, installConfig, installFiles } from '../../../../main/core/generate/install';
import { checkNmState, installNetworkState } from '../../../../main/core/generate/nmstate';
import { lintInstallerInputs } from '../../../../main/core/lint';
import { siteSchema, type Site } from '../../../../main/core/site/schema';

const EXAMPLES = ['plant-a', 'plant-b-racks'];
const exampleText = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../resources/examples/${name}.site.yaml`, import.meta.url)), 'utf8');
const load = (name: string): Site => siteSchema.parse(YAML.parse(exampleText(name)));

/** The InstallConfig CRD with the validator settings of resources/crds/SOURCES.md. */
function crdValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const k of ['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-validations', 'x-kubernetes-embedded-resource']) {
    ajv.addKeyword(k);
  }
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../resources/crds/install.openshift.io/installconfig_v1.json', import.meta.url)), 'utf8'));
  return ajv.compile(schema);
}
const validateCrd = crdValidator();

describe.each(EXAMPLES)('installer inputs of %s', (name) => {
  it('are deterministic: two runs from two parses give identical bytes', () => {
    const first = installFiles(load(name));
    const second = installFiles(load(name));
    const disconnected = load(name).cluster.mirror !== undefined;
    expect(first.map((f) => f.path)).toEqual(['install/install-config.yaml', 'install/agent-config.yaml', ...(disconnected ? ['install/imageset-config.yaml'] : [])]);
    expect(second).toEqual(first);
    for (const file of first) expect(file.content).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/); // no timestamps
  });

  it('install-config validates against the InstallConfig CRD (with the pull secret the ISO inputs add)', () => {
    const [install] = installFiles(load(name));
    const data = { ...YAML.parse(install!.content), pullSecret: '{"auths":{"x":{"auth":"eA=="}}}' };
    const ok = validateCrd(data);
    expect(validateCrd.errors ?? [], JSON.stringify(validateCrd.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('both files pass the installer linter with no errors and no warnings', () => {
    const [install, agent] = installFiles(load(name));
    const findings = lintInstallerInputs({ installConfigText: install!.content, agentConfigText: agent!.content });
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // The only note: the pull secret is left out on purpose.
    expect(findings.map((f) => f.id)).toEqual(['install.pull-secret']);
  });

  it('every networkConfig passes checkNmState', () => {
    const site = load(name);
    for (const node of site.nodes) expect(checkNmState(installNetworkState(site, node), { site, node })).toEqual([]);
  });

  it('never contains the pull secret, and says so in a leading comment', () => {
    const [install, agent] = installFiles(load(name));
    expect(install!.content.split('\n')[0]).toBe('# pullSecret is added only in the local ISO inputs (sitekit generate --iso-inputs); never commit it.');
    expect(YAML.parse(install!.content)).not.toHaveProperty('pullSecret');
    expect(agent!.content).not.toContain('pullSecret');
  });

  it('agent-config names every host, its NICs with MACs, the rendezvous IP and NTP sources', () => {
    const site = load(name);
    const agent = agentConfig(site) as { rendezvousIP: string; additionalNTPSources: string[]; hosts: { hostname: string; role: string; interfaces: { name: string; macAddress: string }[] }[] };
    expect(agent.rendezvousIP).toBe(site.nodes[0]!.addresses.cluster);
    expect(agent.additionalNTPSources).toEqual(site.cluster.ntpServers);
    expect(agent.hosts.map((h) => h.hostname)).toEqual(site.nodes.map((n) => n.hostname));
    for (const [i, host] of agent.hosts.entries()) {
      expect(host.role).toBe('master');
      const macs = new Map(site.nodes[i]!.interfaces.map((x) => [x.name, x.mac]));
      for (const iface of host.interfaces) expect(iface.macAddress).toBe(macs.get(iface.name));
    }
  });
});

describe('install-config content', () => {
  it('plant-a (disconnected): compact pools, baremetal VIPs, mirrors and the CA trusted Always', () => {
    const config = installConfig(load('plant-a')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.controlPlane).toEqual({ name: 'master', replicas: 3, architecture: 'amd64', hyperthreading: 'Enabled', platform: {} });
    expect(config.compute).toEqual([{ name: 'worker', replicas: 0, architecture: 'amd64', hyperthreading: 'Enabled', platform: {} }]);
    expect(config.networking).toEqual({
      networkType: 'OVNKubernetes',
      machineNetwork: [{ cidr: '10.10.0.0/24' }],
      clusterNetwork: [{ cidr: '10.128.0.0/14', hostPrefix: 23 }],
      serviceNetwork: ['172.30.0.0/16'],
    });
    expect(config.platform.baremetal).toMatchObject({ apiVIPs: ['10.10.0.5'], ingressVIPs: ['10.10.0.6'] });
    expect(config.imageDigestSources).toEqual([
      { source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.plant-a.example.com:8443/openshift/release-images'] },
      { source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', mirrors: ['mirror.plant-a.example.com:8443/openshift/release'] },
    ]);
    expect(config.additionalTrustBundle).toContain('BEGIN CERTIFICATE');
    expect(config.additionalTrustBundlePolicy).toBe('Always');
    expect(config).not.toHaveProperty('proxy');
    expect(config).not.toHaveProperty('fips'); // fips: false is the default; not written
  });

  it('plant-b (proxy): the proxy with noProxy as one comma-separated string, no mirrors', () => {
    const config = installConfig(load('plant-b-racks'));
    expect(config.proxy).toEqual({
      httpProxy: 'http://proxy.plant-b.example.com:3128',
      httpsProxy: 'http://proxy.plant-b.example.com:3128',
      noProxy: '.plant-b.example.com,172.20.0.0/16,10.128.0.0/14,172.30.0.0/16',
    });
    expect(config).not.toHaveProperty('imageDigestSources');
    expect(config).not.toHaveProperty('additionalTrustBundle');
  });

  it('writes fips: true when the plan asks for it', () => {
    const site = load('plant-a');
    site.cluster.fips = true;
    expect(installConfig(site).fips).toBe(true);
  });
});

describe('root device hints', () => {
  it('come from the effective boot disk of each node, only the hints that are set', () => {
    const a = agentConfig(load('plant-a')) as { hosts: { rootDeviceHints?: object }[] };
    expect(a.hosts[0]!.rootDeviceHints).toEqual({ deviceName: '/dev/disk/by-path/pci-0000:3b:00.0-ata-1' });
    const b = agentConfig(load('plant-b-racks')) as { hosts: { rootDeviceHints?: object }[] };
    expect(b.hosts.map((h) => h.rootDeviceHints)).toEqual([
      { serialNumber: 'S6EUNX0T512345' },
      { serialNumber: 'S6EUNX0T523456' },
      { serialNumber: 'S6EUNX0T534567' },
    ]);
  });

  it('are left out when the plan has none', () => {
    const site = load('plant-a');
    delete site.layout.disks!.boot;
    const a = agentConfig(site) as { hosts: object[] };
    for (const host of a.hosts) expect(host).not.toHaveProperty('rootDeviceHints');
  });
});
