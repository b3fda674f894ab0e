// Proposals from inventories: MACs and names by plan interface name, boot hint by by-path
// (else serial), eligible ODF devices; shared layout when all nodes agree. Applying keeps
// the file's comments and changes only what was accepted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Disk, NodeInventory } from '../../../../main/core/probe/inventory';
import { parseDiskLinks, parseLsblk } from '../../../../main/core/probe/parse/lsblk';
import { applyProposals, proposePlanEdits } from '../../../../main/core/probe/proposals';
import { hintFor } from '../../../../main/core/probe/proposals/disks';
import { checkSiteText } from '../../../../main/core/site/check';
import { EXAMPLE_PATH, exampleSite } from '../../../helpers/example-site';
import { hw } from '../parse/fixtures';
import { disk, healthyInventories } from '../inventory-builder';

const EXAMPLE_TEXT = readFileSync(EXAMPLE_PATH, 'utf8');

function blankSite() {
  const site = exampleSite();
  delete site.layout.disks;
  for (const node of site.nodes) node.interfaces = [];
  return site;
}

describe('proposePlanEdits', () => {
  it('proposes nothing for a plan that matches the hardware', () => {
    expect(proposePlanEdits(exampleSite(), healthyInventories())).toEqual([]);
  });

  it('fills a blank plan: every layout NIC with its MAC, one shared boot hint and ODF list', () => {
    const proposals = proposePlanEdits(blankSite(), healthyInventories());
    const macs = proposals.filter((p) => p.id.startsWith('mac:'));
    expect(macs).toHaveLength(15);
    expect(macs[0]).toEqual({
      id: 'mac:acp-1:eno1',
      node: 'acp-1',
      path: '/nodes/0/interfaces/0',
      proposed: { name: 'eno1', mac: '3c:ec:ef:10:01:01' },
      reason: 'acp-1 has eno1 with MAC 3c:ec:ef:10:01:01 (1 Gb/s).',
      replaces: false,
    });
    expect(macs.map((p) => p.path).slice(5, 10)).toEqual(['/nodes/1/interfaces/0', '/nodes/1/interfaces/1', '/nodes/1/interfaces/2', '/nodes/1/interfaces/3', '/nodes/1/interfaces/4']);
    expect(proposals.find((p) => p.id === 'boot:*')).toMatchObject({
      path: '/layout/disks/boot',
      proposed: { deviceName: '/dev/disk/by-path/pci-0000:3b:00.0-ata-1' },
      replaces: false,
    });
    const odf = proposals.find((p) => p.id === 'odf:*')!;
    expect(odf.path).toBe('/layout/disks/odf');
    expect(odf.proposed).toEqual(exampleSite().layout.disks!.odf);
    expect(odf.current).toBeUndefined();
  });

  it('shows the typed MAC it would replace, and flags it', () => {
    const site = exampleSite();
    site.nodes[0]!.interfaces[1]!.mac = 'b4:96:91:a1:01:99';
    const [proposal] = proposePlanEdits(site, healthyInventories());
    expect(proposal).toEqual({
      id: 'mac:acp-1:ens1f0',
      node: 'acp-1',
      path: '/nodes/0/interfaces/1/mac',
      current: 'b4:96:91:a1:01:99',
      proposed: 'b4:96:91:a1:01:00',
      reason: 'ens1f0 on acp-1 has MAC b4:96:91:a1:01:00.',
      replaces: true,
    });
  });

  it('proposes the real name when the planned MAC sits on a NIC of another name', () => {
    const inventories = healthyInventories();
    inventories[2]!.facts.nics[1]!.name = 'ens1f0np0';
    const proposals = proposePlanEdits(exampleSite(), inventories);
    expect(proposals).toEqual([
      expect.objectContaining({ id: 'name:acp-3:ens1f0', path: '/nodes/2/interfaces/1/name', current: 'ens1f0', proposed: 'ens1f0np0', replaces: true }),
    ]);
  });

  it('proposes per node when the nodes disagree, by serial when a disk has no by-path link', () => {
    const inventories = healthyInventories();
    inventories[1]!.facts.disks[0]!.byPath = [];
    const proposals = proposePlanEdits(blankSite(), inventories).filter((p) => p.id.startsWith('boot:'));
    expect(proposals.map((p) => [p.id, p.path, p.proposed])).toEqual([
      ['boot:acp-1', '/nodes/0/disks/boot', { deviceName: '/dev/disk/by-path/pci-0000:3b:00.0-ata-1' }],
      ['boot:acp-2', '/nodes/1/disks/boot', { serialNumber: 'BTYF2' }],
      ['boot:acp-3', '/nodes/2/disks/boot', { deviceName: '/dev/disk/by-path/pci-0000:3b:00.0-ata-1' }],
    ]);
  });

  it('offers only eligible ODF devices: not boot, fixed, ≥ 25 GB, nothing mounted, not the live medium', () => {
    const inventories = healthyInventories();
    const facts = inventories[0]!.facts;
    facts.disks = [
      facts.disks[0]!,
      disk('nvme0n1', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', 3.84e12),
      disk('nvme1n1', '/dev/disk/by-path/pci-0000:5f:00.0-nvme-1', 3.84e12, {
        partitions: [{ name: 'nvme1n1p1', fstype: 'xfs', mountpoints: ['/var'] }],
      }),
      disk('sdb', '/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0', 64e9, { removable: true }),
      disk('sdc', '/dev/disk/by-path/pci-0000:00:14.0-usb-0:2:1.0-scsi-0:0:0:0', 32e9, { fstype: 'iso9660' }),
      disk('sdd', '/dev/disk/by-path/pci-0000:3b:00.0-ata-2', 16e9),
      disk('sde', '', 960e9, { byPath: [], byId: ['/dev/disk/by-id/wwn-0x5000c500a1b2c3d4', '/dev/disk/by-id/ata-X_Y'] }),
    ];
    const proposal = proposePlanEdits(blankSite(), inventories).find((p) => p.id === 'odf:acp-1');
    expect(proposal?.proposed).toEqual(['/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4']);
  });

  it('replaces a broken ODF list only with the current list shown', () => {
    const site = exampleSite();
    site.layout.disks!.odf = ['/dev/disk/by-path/pci-0000:00:00.0-nvme-9'];
    const odf = proposePlanEdits(site, healthyInventories()).find((p) => p.id === 'odf:*')!;
    expect(odf).toMatchObject({ current: ['/dev/disk/by-path/pci-0000:00:00.0-nvme-9'], replaces: true });
  });
});

/** The healthy inventories with every node's disks replaced (a real lsblk capture, parsed). */
function withDisks(disks: () => Disk[]): NodeInventory[] {
  const inventories = healthyInventories();
  for (const inv of inventories) inv.facts.disks = disks();
  return inventories;
}
const lsblk = (file: string, links = '') => () => parseLsblk(hw(`lsblk-json/${file}`), parseDiskLinks(links).value).value!;
const diskIds = (site = blankSite()) => (inventories: NodeInventory[]) => proposePlanEdits(site, inventories).filter((p) => /^(boot|odf):/.test(p.id));

describe('proposePlanEdits: never guesses about disks', () => {
  it('lsblk without -b and without RM/TRAN (real HPE capture): the boot proposal says "about" and "removable unknown", never "fixed"; nothing of unknown contents for ODF', () => {
    const proposals = diskIds()(withDisks(lsblk('harvester-hpe-smartarray-mpath-raid.json')));
    expect(proposals.map((p) => p.id)).toEqual(['boot:*']);
    const [boot] = proposals;
    // The multipath device, named by its WWID map: never the path sda, never the controller serial both volumes share.
    expect(boot!.proposed).toEqual({ deviceName: '/dev/mapper/3600508b1001cec28a12a38168f7bb195' });
    expect(boot!.reason).toMatch(/about 480 GB disk of unknown type/);
    expect(boot!.reason).toMatch(/multipath device \(paths sda\)/);
    expect(boot!.reason).toMatch(/whether 3600508b1001cec28a12a38168f7bb195 is removable or on USB is unknown/);
    expect(boot!.reason).not.toMatch(/\bfixed\b|internal|empty|blank/);
  });

  it('disks with partitions, partition tables or RAID on top are never ODF candidates, even unmounted, and the reason is shown (real captures)', () => {
    const blank = disk('nvme9n1', '/dev/disk/by-path/pci-0000:d9:00.0-nvme-1', 3.84e12);
    const osDisk = disk('sdo', '/dev/disk/by-path/pci-0000:00:17.0-ata-8', 240e9);
    // util-linux 2.40 dump: sda has a GPT with vfat and ext4 partitions, nothing mounted. The old rule ("nothing mounted") offered it.
    const trident = diskIds()(withDisks(() => [osDisk, ...lsblk('trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json')(), blank]));
    const odf = trident.find((p) => p.id === 'odf:*')!;
    expect(odf.proposed).toEqual(['/dev/disk/by-path/pci-0000:d9:00.0-nvme-1']);
    expect(odf.reason).toMatch(/acp-1: Not proposed: sda \(in use: partition sda1 \(vfat\); partition sda2 \(ext4\); signatures partition table \(gpt\)\), nvme0n1 \(in use: .*xubuntu--vg--old-root, xubuntu--vg--old-swap_1 on top of it/);
    // md RAID members (clr-installer): the array on top is the reason.
    const clr = diskIds()(withDisks(() => [...lsblk('clr-installer-mdraid5-sata-ssd-all-cols.json')(), blank]));
    expect(clr.find((p) => p.id === 'odf:*')!.reason).toMatch(/Not proposed: sdc \(in use: partition sdc1 \(linux_raid_member\); md127 on top of it; signatures partition table \(gpt\), xfs\)/);
  });

  it('an LVM physical volume that is not mounted is in use too', () => {
    const inventories = healthyInventories();
    inventories[0]!.facts.disks.push(disk('sdz', '/dev/disk/by-path/pci-0000:00:17.0-ata-9', 960e9, { holders: ['vg0-data'], signatures: ['LVM2_member'] }));
    const odf = proposePlanEdits(blankSite(), inventories).find((p) => p.id === 'odf:*')!;
    expect(odf.proposed).not.toContain('/dev/disk/by-path/pci-0000:00:17.0-ata-9');
    expect(odf.reason).toMatch(/sdz \(in use: vg0-data on top of it; signatures LVM2_member\)/);
  });

  it('a LUN seen through two paths without a multipath device: neither path is proposed, for boot or ODF', () => {
    const data = JSON.parse(hw('lsblk-json/clr-installer-mdraid5-sata-ssd-all-cols.json')) as { blockdevices: Array<Record<string, unknown>> };
    for (const d of data.blockdevices) delete d['children']; // blank the two SSDs
    data.blockdevices.push({ ...structuredClone(data.blockdevices[0]!), name: 'sdd', kname: 'sdd', path: '/dev/sdd' });
    const links = parseDiskLinks('/dev/disk/by-path/pci-0000:00:17.0-ata-2\t/dev/sdb\n/dev/disk/by-path/pci-0000:00:17.0-ata-3\t/dev/sdc\n/dev/disk/by-path/pci-0000:00:17.0-ata-4\t/dev/sdd\n').value;
    const parsed = () => parseLsblk(JSON.stringify(data), links).value!;
    expect(parsed().map((d) => d.name)).toEqual(['sdb', 'sdc']);
    const proposals = diskIds()(withDisks(() => [...parsed(), disk('nvme0n1', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', 3.84e12)]));
    expect(proposals.find((p) => p.id === 'boot:*')!.proposed).toEqual({ deviceName: '/dev/disk/by-path/pci-0000:00:17.0-ata-3' }); // sdc, not sdb/sdd
    const odf = proposals.find((p) => p.id === 'odf:*')!;
    expect(odf.proposed).toEqual(['/dev/disk/by-path/pci-0000:5e:00.0-nvme-1']);
    expect(odf.reason).toMatch(/sdb \(one LUN seen through the paths sdb, sdd with no multipath device on top\)/);
  });

  it('a USB disk is never proposed for ODF; for boot only when nothing else fits, and then with a warning', () => {
    const usb = disk('sdu', '/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0', 500e9, { transport: 'usb' });
    const local = disk('sda', '/dev/disk/by-path/pci-0000:3b:00.0-ata-1', 480e9);
    const both = diskIds()(withDisks(() => [usb, local, disk('nvme0n1', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', 3.84e12)]));
    expect(both.find((p) => p.id === 'boot:*')!.proposed).toEqual({ deviceName: '/dev/disk/by-path/pci-0000:3b:00.0-ata-1' });
    expect(both.find((p) => p.id === 'odf:*')!.reason).toMatch(/Not proposed: sdu \(attached over USB\)/);
    const only = diskIds()(withDisks(() => [usb]));
    const boot = only.find((p) => p.id === 'boot:*')!;
    expect(boot.proposed).toEqual({ deviceName: '/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0' });
    expect(boot.reason).toMatch(/acp-1 warning: sdu is attached over USB\./);
  });

  it('iSCSI and FC LUNs are proposed only with a warning', () => {
    const iscsi = disk('sdi', '/dev/disk/by-path/ip-10.0.0.5:3260-iscsi-iqn.2001-05.com.example:lun1-lun-0', 2e12, { transport: 'iscsi' });
    const fc = disk('sdf', '/dev/disk/by-path/pci-0000:81:00.0-fc-0x500a098188f9e8ab-lun-0', 2e12, { transport: 'fc' });
    const proposals = diskIds()(withDisks(() => [disk('sda', '/dev/disk/by-path/pci-0000:3b:00.0-ata-1', 480e9), iscsi, fc]));
    const odf = proposals.find((p) => p.id === 'odf:*')!;
    expect(odf.proposed).toHaveLength(2);
    expect(odf.reason).toMatch(/warning: sdi is an iSCSI LUN .*; sdf is a Fibre Channel LUN/);
    expect(odf.reason).not.toMatch(/fixed/);
  });

  it('a hint never uses a serial another disk shares (RAID volumes report the controller serial)', () => {
    const a = disk('sda', '', 480e9, { byPath: [], serial: 'PDNMF0ARH1614W', wwn: '0x600508b1001cec28a12a38168f7bb195' });
    const b = disk('sdb', '', 480e9, { byPath: [], serial: 'PDNMF0ARH1614W', wwn: '0x600508b1001c3e956986e526698cd830' });
    expect(hintFor(a, [a, b])).toEqual({ wwn: '0x600508b1001cec28a12a38168f7bb195' });
    expect(hintFor(a, [a])).toEqual({ serialNumber: 'PDNMF0ARH1614W' });
  });
});

describe('applyProposals', () => {
  it('changes only the accepted value and keeps every comment', () => {
    const site = exampleSite();
    site.nodes[0]!.interfaces[1]!.mac = 'b4:96:91:a1:01:99';
    const text = EXAMPLE_TEXT.replace('b4:96:91:a1:01:00', 'b4:96:91:a1:01:99');
    const proposals = proposePlanEdits(site, healthyInventories());
    const updated = applyProposals(text, proposals, ['mac:acp-1:ens1f0']);
    expect(updated).toBe(EXAMPLE_TEXT);
    expect(applyProposals(text, proposals, [])).toBe(text);
  });

  it('fills a blank plan into a valid site, comments intact', () => {
    const site = blankSite();
    let text = EXAMPLE_TEXT.replace(/\n {2}disks:\n {4}boot:[\s\S]*?(?=\n\nnodes:)/, '');
    text = text.replace(/ {4}interfaces:\n(?: {6}- \{ name: .*\n)+/g, '    interfaces: []\n');
    expect(checkSiteText(text).site).toEqual(site);
    const proposals = proposePlanEdits(site, healthyInventories());
    const filled = applyProposals(text, proposals, proposals.map((p) => p.id));
    const check = checkSiteText(filled);
    expect(check.status).toBe('ok');
    expect(check.site!.nodes[1]!.interfaces.map((i) => i.mac)).toEqual(['3c:ec:ef:10:02:01', 'b4:96:91:a1:02:00', 'b4:96:91:a1:02:01', 'b4:96:91:b2:02:00', 'b4:96:91:b2:02:01']);
    expect(check.site!.layout.disks).toEqual(exampleSite().layout.disks);
    expect(filled).toContain('# Written once for all three nodes (same server model, same cabling).');
    expect(filled).toMatch(/pullSecret:\n {4}secretRef: pull-secret +# the value lives in the Sitekit secret store, never here/);
  });

  it('appends accepted interfaces even when earlier ones were declined', () => {
    const site = blankSite();
    const text = YAML.stringify(JSON.parse(JSON.stringify(site)));
    const proposals = proposePlanEdits(site, healthyInventories());
    const filled = checkSiteText(applyProposals(text, proposals, ['mac:acp-1:ens2f0']));
    expect(filled.site!.nodes[0]!.interfaces).toEqual([{ name: 'ens2f0', mac: 'b4:96:91:b2:01:00' }]);
  });

  it('refuses an id it does not know', () => {
    expect(() => applyProposals(EXAMPLE_TEXT, [], ['mac:nope'])).toThrow('no such proposal: mac:nope');
  });
});
