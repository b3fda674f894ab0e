// A plan for the test bed, written the way a technician would: hostnames and SSH addresses of
// the three test-bed nodes on top of the reference example, with a NIC layout of the bed's
// NIC names. `partlyWrong` adds MACs, disks and switch ports that partly match the fixture
// hardware and partly don't, so the checks have something to find at known paths.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { siteSchema, type Site } from '../../../main/core/site/schema';
import { renderYaml, type Json } from '../../../main/core/site/yaml-patch';
import type { TestBed } from '../../testbed/testbed';

// Not from helpers/example-site: that imports vitest, and this module also runs outside it.
const EXAMPLE_PATH = fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url));

/** A plan with the bed's nodes and layout but no MACs and no disks: what `--fill` completes. */
export function blankBedSite(bed: TestBed): Site {
  const site = siteSchema.parse(YAML.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
  site.metadata.name = 'testbed';
  site.layout = {
    interfaces: ['eth0', 'ens2f0', 'ens3f0'],
    bonds: [],
    uplinks: [
      { device: 'eth0', networks: ['cluster', 'storage'] },
      { device: 'ens3f0', networks: ['vm-prod', 'vm-ot'], bridge: 'br-vm' },
    ],
  };
  site.nodes = bed.nodes.map((node, i) => ({
    hostname: node.name,
    ssh: { host: node.host, port: node.port, user: bed.user },
    interfaces: [],
    addresses: { cluster: `10.10.0.${11 + i}`, storage: `10.30.0.${11 + i}` },
  }));
  return site;
}

export function partlyWrongBedSite(bed: TestBed): Site {
  const site = blankBedSite(bed);
  const macs = bed.nodes.map((n) => Object.fromEntries(n.hardware.nics.map((nic) => [nic.name, nic.mac])));
  site.layout.disks = {
    boot: { deviceName: '/dev/disk/by-path/pci-0000:00:17.0-ata-1' }, // tb-1, tb-3: sda; tb-2 has other disks
    odf: ['/dev/disk/by-path/pci-0000:3d:00.0-nvme-1'], // tb-1, tb-3: the NVMe with LVM on it
  };
  site.nodes[0]!.interfaces = [
    { name: 'eth0', mac: macs[0]!.eth0!, switch: 'cisco-bt-switch', port: 'Gi1/0/2' },
    { name: 'ens2f0', mac: macs[0]!.ens2f0! },
    { name: 'ens3f0', mac: '02:00:00:00:00:99' }, // typo: no such NIC
  ];
  site.nodes[1]!.interfaces = [
    { name: 'eth0', mac: macs[1]!.eth0! },
    { name: 'ens2f0', mac: macs[1]!.ens3f0! }, // the MAC of ens3f0 (no carrier there), planned as ens2f0
  ];
  site.nodes[2]!.interfaces = [
    { name: 'eth0', mac: macs[2]!.eth0!, switch: 'cisco-bt-switch', port: 'Gi1/0/9' }, // cabled to Gi1/0/2
    { name: 'ens2f0', mac: macs[2]!.ens2f0! },
    { name: 'ens3f0', mac: macs[2]!.ens3f0! },
  ];
  return siteSchema.parse(site);
}

export function siteYaml(site: Site, comment = '# test bed plan'): string {
  return `${comment}\n${renderYaml(JSON.parse(JSON.stringify(site)) as Json)}`;
}
