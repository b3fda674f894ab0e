// The Disks step picture, rendered to static markup: planned disks before the probe, sizes and
// the ODF capacity after it, missing planned devices, findings on a disk, untouched extra disks;
// one compact row per node (one Tab stop), details on hover and focus and in the table below.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../main/contract/api';
import type { Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { DiskLayout } from '../../../renderer/src/pictures/DiskLayout';
import { diskLayoutModel } from '../../../main/core/disks/picture-model';
import { rovingTarget } from '../../../renderer/src/pictures/roving-focus';
import { disk, healthyInventories } from '../probe/inventory-builder';
import { exampleCheck } from '../report/fixtures';

const { site } = exampleCheck('plant-a');

function views(): InventoryView[] {
  return healthyInventories().map(({ sections: _sections, ...view }) => view);
}

function render(props: { site?: Site; inventories?: InventoryView[]; findings?: Finding[]; onSelect?: (path: string) => void }): string {
  return renderToStaticMarkup(
    <DiskLayout site={props.site ?? site} inventories={props.inventories ?? []} findings={props.findings ?? []} onSelect={props.onSelect} />,
  );
}

/** The markup of one node's column. */
function nodeHtml(html: string, hostname: string): string {
  const part = html.split('<section').find((s) => s.includes(`data-node="${hostname}"`));
  if (!part) throw new Error(`no column for ${hostname}`);
  return part;
}

/** The markup of every disk (its tile and its details) in a piece of markup. */
function disks(html: string): string[] {
  return html.split('<li class="sk-disks__item">').slice(1).map((s) => s.split('</li>')[0]!);
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const finding = (path: string, message: string, severity: Finding['severity'] = 'error'): Finding => ({
  id: 'hw.test',
  severity,
  path,
  message,
  step: 'disks',
});

describe('DiskLayout, planned only', () => {
  const html = render({});

  it('shows the boot disk and six ODF devices per node, sizes unknown', () => {
    for (const host of ['acp-1', 'acp-2', 'acp-3']) {
      const column = nodeHtml(html, host);
      expect(text(column)).toContain('Not probed: planned disks only, sizes unknown');
      const items = disks(column);
      expect(items).toHaveLength(7);
      expect(items.filter((d) => d.includes('data-role="boot"'))).toHaveLength(1);
      expect(items.filter((d) => d.includes('data-role="odf"'))).toHaveLength(6);
      expect(items.every((d) => d.includes('data-status="planned"') && text(d).includes('size unknown'))).toBe(true);
      expect(items.filter((d) => text(d).includes('Will be wiped: RHCOS is installed here'))).toHaveLength(1);
      expect(items.filter((d) => text(d).includes('Given to ODF; what is on it shows after discovery'))).toHaveLength(6);
    }
    expect(text(nodeHtml(html, 'acp-1'))).toContain('by-path pci-0000:3b:00.0-ata-1');
    expect(text(nodeHtml(html, 'acp-1'))).toContain('by-path pci-0000:d9:00.0-nvme-1');
  });

  it('says the capacity is known once every node is probed', () => {
    expect(text(html)).toContain('Known once the device sizes have been read from every node (3 nodes not probed yet)');
    expect(html).not.toContain('data-testid="odf-raw"');
    expect(text(html)).toContain('Ceph keeps 3 copies of every block');
  });

  it('renders no buttons without onSelect, keyboard-reachable buttons with the field pointer with it', () => {
    expect(html).not.toContain('<button');
    const clickable = render({ onSelect: () => {} });
    const buttons = clickable.match(/<button type="button"[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(21);
    expect(clickable).toContain('data-field="/layout/disks/odf/2"');
    expect(clickable).toContain('data-field="/layout/disks/boot/deviceName"');
  });

  it('points at the node override when a node has its own ODF list', () => {
    const own: Site = {
      ...site,
      nodes: site.nodes.map((n, i) => (i === 1 ? { ...n, disks: { odf: ['/dev/disk/by-path/pci-0000:5e:00.0-nvme-1'] } } : n)),
    };
    const html2 = render({ site: own, onSelect: () => {} });
    const acp2 = nodeHtml(html2, 'acp-2');
    expect(disks(acp2)).toHaveLength(2);
    expect(acp2).toContain('data-field="/nodes/1/disks/odf/0"');
    expect(acp2).toContain('data-field="/layout/disks/boot/deviceName"');
    expect(nodeHtml(html2, 'acp-1')).toContain('data-field="/layout/disks/odf/5"');
  });
});

describe('DiskLayout, with inventories', () => {
  it('shows every disk with its vendor size, and raw and usable capacity exactly', () => {
    const html = render({ inventories: views() });
    const column = nodeHtml(html, 'acp-1');
    const items = disks(column);
    expect(items).toHaveLength(7);
    expect(text(items[0]!)).toContain('sda');
    expect(text(items[0]!)).toContain('480 GB');
    expect(text(items[0]!)).toContain('Will be wiped: RHCOS is installed here');
    expect(items.slice(1).every((d) => text(d).includes('3.84 TB') && d.includes('data-status="found"'))).toBe(true);
    expect(text(items[1]!)).toContain('Given to ODF (empty)');
    expect(text(items[1]!)).toContain('Dell Ent NVMe P5600 · NVMe');
    expect(html).not.toContain('size unknown');
    // 18 × 3.84 TB = 69.12 TB = 62.86 TiB raw; one copy per node: 23.04 TB = 20.95 TiB usable.
    expect(text(html.split('data-testid="odf-raw"')[1]!.split('</dd>')[0]!)).toContain('62.86 TiB = 69.12 TB');
    expect(text(html.split('data-testid="odf-usable"')[1]!.split('</dd>')[0]!)).toContain('≈ 20.95 TiB = 23.04 TB');
    expect(text(html)).toContain('acp-2 6 23.04 TB (20.95 TiB)');
    expect(html).not.toContain('data-testid="odf-differ"');
    expect(text(column)).toContain('ODF here: 6 of 6 planned, 23.04 TB (20.95 TiB) raw');
  });

  it('the model agrees: raw, usable = raw / 3 for equal nodes', () => {
    const m = diskLayoutModel(site, views(), []);
    expect(m.capacity.raw).toBe(18 * 3.84e12);
    expect(m.capacity.usable).toBe(6 * 3.84e12);
    expect(m.capacity.evenShare).toBe(6 * 3.84e12);
    expect(m.capacity.differ).toBe(false);
  });

  it('marks a planned device the node does not have, and the capacity notes the smaller node', () => {
    const inv = views();
    inv[1]!.facts.disks = inv[1]!.facts.disks.filter((d) => d.name !== 'nvme3n1');
    const html = render({ inventories: inv });
    const items = disks(nodeHtml(html, 'acp-2'));
    const missing = items.filter((d) => d.includes('data-status="missing"'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain('data-role="odf"');
    expect(text(missing[0]!)).toContain('ODF 4');
    expect(text(missing[0]!)).toContain('Not found on this node');
    expect(text(missing[0]!)).toContain('by-path pci-0000:61:00.0-nvme-1');
    expect(disks(nodeHtml(html, 'acp-1')).some((d) => d.includes('data-status="missing"'))).toBe(false);
    const differ = text(html.split('data-testid="odf-differ"')[1]!.split('</p>')[0]!);
    expect(differ).toContain('limited by the smallest node, acp-2 (17.46 TiB)');
    expect(text(html.split('data-testid="odf-usable"')[1]!.split('</dd>')[0]!)).toContain('≈ 17.46 TiB = 19.20 TB');
  });

  it('marks the disk a finding points at, on the node the message names', () => {
    const html = render({
      inventories: views(),
      findings: [finding('/layout/disks/odf/2', 'acp-1: nvme2n1 has partition nvme2n1p1 (xfs) — it will be wiped.', 'warning')],
    });
    const marked = disks(nodeHtml(html, 'acp-1')).filter((d) => d.includes('sk-disk--warning'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain('data-disk="nvme2n1"');
    // The tile says "Warning" in its name; its details (hover, focus) give the message.
    expect(marked[0]).toMatch(/aria-label="ODF 3, nvme2n1, 3\.84 TB, empty, Warning"/);
    expect(text(marked[0]!)).toContain('Warning: acp-1: nvme2n1 has partition nvme2n1p1 (xfs) — it will be wiped.');
    expect(marked[0]).toContain('aria-label="Warning"');
    expect(disks(nodeHtml(html, 'acp-2')).some((d) => d.includes('sk-disk--warning'))).toBe(false);
  });

  it('a layout finding without a node name marks that disk on every node; a node pointer only its node', () => {
    const html = render({
      findings: [finding('/layout/disks/boot/deviceName', 'Use a stable path.'), finding('/nodes/2/disks/odf/0', 'Odd device.', 'info')],
    });
    for (const host of ['acp-1', 'acp-2', 'acp-3']) {
      const boot = disks(nodeHtml(html, host)).find((d) => d.includes('data-role="boot"'))!;
      expect(boot).toContain('sk-disk--error');
    }
    expect(disks(nodeHtml(html, 'acp-3')).filter((d) => d.includes('sk-disk--info'))).toHaveLength(1);
    expect(disks(nodeHtml(html, 'acp-1')).some((d) => d.includes('sk-disk--info'))).toBe(false);
  });

  it('shows an extra disk as untouched, and what a wipe would destroy on a planned one', () => {
    const inv = views();
    inv[2]!.facts.disks.push(
      disk('sdb', '/dev/disk/by-path/pci-0000:00:14.0-usb-0:2:1.0-scsi-0:0:0:0', 32e9, {
        removable: true,
        transport: 'usb',
        model: 'Ultra Fit',
        fstype: 'iso9660',
        mountpoints: ['/run/media/iso'],
      }),
    );
    inv[2]!.facts.disks[3] = { ...inv[2]!.facts.disks[3]!, partitions: [{ name: 'nvme2n1p1', fstype: 'xfs', mountpoints: [] }] };
    const html = render({ inventories: inv });
    const items = disks(nodeHtml(html, 'acp-3'));
    expect(items).toHaveLength(8);
    const extra = items[7]!;
    expect(extra).toContain('data-role="untouched"');
    expect(text(extra)).toContain('sdb');
    expect(text(extra)).toContain('32.0 GB');
    expect(text(extra)).toContain('Left untouched');
    expect(text(extra)).toContain('Removable');
    expect(text(extra)).not.toContain('lost');
    const held = items.find((d) => d.includes('data-disk="nvme2n1"'))!;
    expect(text(held)).toContain('Holds partition nvme2n1p1 (xfs): ODF cannot use it until you acknowledge the wipe');
    // The extra disk is not counted as ODF.
    expect(text(html)).toContain('acp-3 6 23.04 TB (20.95 TiB)');
  });

  it('says what discovery could not know: "about" sizes, removable and contents unknown', () => {
    const inv = views();
    Object.assign(inv[0]!.facts.disks[1]!, { sizeApproximate: true, unknown: ['contents', 'removable'], removable: undefined });
    const items = disks(nodeHtml(render({ inventories: inv }), 'acp-1'));
    const d = text(items.find((x) => x.includes(`data-disk="${inv[0]!.facts.disks[1]!.name}"`))!);
    expect(d).toContain('about 3.84 TB');
    expect(d).toContain('Removable: unknown');
    expect(d).not.toContain('Has ');
    expect(d).not.toContain('Contents unknown'); // an ODF device: its finding says so, shown by the step
    const untouched = views();
    untouched[0]!.facts.disks.push(disk('sdq', '/dev/disk/by-path/pci-0000:00:1f.2-ata-3', 2e12, { unknown: ['contents'] }));
    const extra = text(disks(nodeHtml(render({ inventories: untouched }), 'acp-1')).find((x) => x.includes('data-disk="sdq"'))!);
    expect(extra).toContain('Contents unknown: lsblk did not say what is on it');
  });

  it('lists the boot disk as ODF device as a conflict, and copes with no boot hint and ODF off', () => {
    const both: Site = { ...site, nodes: site.nodes.map((n, i) => (i === 0 ? { ...n, disks: { odf: ['/dev/disk/by-path/pci-0000:3b:00.0-ata-1'] } } : n)) };
    const items = disks(nodeHtml(render({ site: both, inventories: views() }), 'acp-1'));
    const dup = items.find((d) => d.includes('data-status="duplicate"'))!;
    expect(text(dup)).toContain('sda is the boot disk: ODF needs a disk of its own.');
    expect(items.filter((d) => d.includes('data-role="untouched"'))).toHaveLength(6);

    const bare: Site = { ...site, layout: { ...site.layout, disks: {} }, odf: { ...site.odf, enabled: false } };
    const html = render({ site: bare, inventories: views() });
    const boot = disks(nodeHtml(html, 'acp-2'))[0]!;
    expect(boot).toContain('data-status="unset"');
    expect(text(boot)).toContain('No boot disk chosen yet');
    expect(text(html)).toContain('ODF is not enabled: no disk is given to ODF.');
  });
});

describe('DiskLayout, at a glance', () => {
  /** The tiles (buttons or groups) of one node's row. */
  const tiles = (html: string) => disks(html).map((d) => d.split('<span id=')[0]!);

  it('is one row of small tiles per node: role, name, size and the wipe mark on each', () => {
    const html = render({ inventories: views() });
    const row = tiles(nodeHtml(html, 'acp-1'));
    expect(row).toHaveLength(7);
    expect(text(row[0]!)).toMatch(/Boot sda 480 GB .*wiped/);
    expect(row[0]).toContain('aria-label="Boot (OS), sda, 480 GB, wiped"');
    expect(text(row[1]!)).toMatch(/ODF 1 nvme0n1 3\.84 TB .*empty/);
    expect(row[0]).toContain('sk-disk__mark--wipe');
    // The long sentences are in the details, not on the tile.
    expect(text(row[0]!)).not.toContain('RHCOS is installed here');
    // Not probed: the tile names the planned slot, and going to ODF is not a worry yet.
    const planned = tiles(nodeHtml(render({}), 'acp-1'));
    expect(text(planned[1]!)).toMatch(/ODF 1 5e:00\.0-nvme-1 size unknown .*to ODF/);
    expect(text(planned[0]!)).toMatch(/Boot 3b:00\.0-ata-1 size unknown .*wiped/);
  });

  it('each row is one Tab stop; every tile names itself and points at its details', () => {
    for (const onSelect of [undefined, () => {}]) {
      const html = render({ inventories: views(), onSelect });
      for (const host of ['acp-1', 'acp-2', 'acp-3']) {
        const row = tiles(nodeHtml(html, host));
        expect(row.filter((t) => t.includes('tabindex="0"'))).toHaveLength(1);
        expect(row.filter((t) => t.includes('tabindex="-1"'))).toHaveLength(row.length - 1);
        for (const t of row) {
          const described = /aria-describedby="([^"]+)"/.exec(t)![1]!;
          expect(html).toContain(`id="${described}" role="tooltip"`);
          expect(t).toMatch(/aria-label="[^"]+"/);
        }
      }
      // No native title tooltips: they neither show on focus nor can be read in full.
      expect(html).not.toContain(' title=');
    }
  });

  it('the arrow keys, Home and End move inside the row and stop at its ends', () => {
    expect(rovingTarget('ArrowRight', 0, 7)).toBe(1);
    expect(rovingTarget('ArrowRight', 6, 7)).toBe(6);
    expect(rovingTarget('ArrowLeft', 0, 7)).toBe(0);
    expect(rovingTarget('ArrowUp', 3, 7)).toBe(2);
    expect(rovingTarget('End', 0, 7)).toBe(6);
    expect(rovingTarget('Home', 5, 7)).toBe(0);
    expect(rovingTarget('Tab', 2, 7)).toBeUndefined();
    expect(rovingTarget('ArrowRight', 0, 0)).toBeUndefined();
  });

  it('lists every disk in the table below with all the details the tile shows on hover', () => {
    const inv = views();
    inv[2]!.facts.disks[3] = { ...inv[2]!.facts.disks[3]!, partitions: [{ name: 'nvme2n1p1', fstype: 'xfs', mountpoints: [] }] };
    const html = render({
      inventories: inv,
      findings: [finding('/nodes/2/disks/odf/2', 'acp-3: nvme2n1 holds data.', 'warning')],
    });
    const table = html.split('data-testid="disk-table"')[1]!;
    const rows = table.split('<tr').slice(2);
    expect(rows).toHaveLength(21);
    const row = rows.find((r) => r.includes('data-node="acp-3"') && r.includes('data-disk="nvme2n1"'))!;
    expect(text(row)).toContain('acp-3 ODF 3 nvme2n1');
    expect(text(row)).toContain('3.84 TB');
    expect(text(row)).toContain('Holds partition nvme2n1p1 (xfs): ODF cannot use it until you acknowledge the wipe');
    expect(text(row)).toContain('acp-3: nvme2n1 holds data.');
    expect(text(rows[0]!)).toContain('Will be wiped: RHCOS is installed here');
    expect(text(rows[0]!)).toContain('by-path pci-0000:3b:00.0-ata-1');
    expect(text(table)).toContain('Every disk in detail (21 disks on 3 nodes)');
  });
});
