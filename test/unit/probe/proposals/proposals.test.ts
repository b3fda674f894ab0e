// Proposals from inventories: MACs and names by plan interface name, boot hint by by-path
// (else serial), eligible ODF devices; shared layout when all nodes agree. Applying keeps
// the file's comments and changes only what was accepted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { applyProposals, proposePlanEdits } from '../../../../main/core/probe/proposals';
import { checkSiteText } from '../../../../main/core/site/check';
import { EXAMPLE_PATH, exampleSite } from '../../../helpers/example-site';
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
    expect(macs).toHaveLength(12);
    expect(macs[0]).toEqual({
      id: 'mac:acp-1:eno1',
      node: 'acp-1',
      path: '/nodes/0/interfaces/0',
      proposed: { name: 'eno1', mac: '3c:ec:ef:10:01:01' },
      reason: 'acp-1 has eno1 with MAC 3c:ec:ef:10:01:01 (1 Gb/s).',
      replaces: false,
    });
    expect(macs.map((p) => p.path).slice(4, 8)).toEqual(['/nodes/1/interfaces/0', '/nodes/1/interfaces/1', '/nodes/1/interfaces/2', '/nodes/1/interfaces/3']);
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
    expect(check.site!.nodes[1]!.interfaces.map((i) => i.mac)).toEqual(['3c:ec:ef:10:02:01', 'b4:96:91:a1:02:00', 'b4:96:91:a1:02:01', 'b4:96:91:b2:02:00']);
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
