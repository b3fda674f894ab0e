// The wipe acknowledgement in the Disks step: a box per ODF device discovery found holding data,
// bound to nodes[i].disks.wipe; ticking it writes the device path through the plan edits, and the
// picture then says the Local Storage Operator wipes it, in the words the report uses too.
import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../main/contract/api';
import { odfFate } from '../../../main/core/disks/disk-fate';
import { DisksStep } from '../../../renderer/src/steps/disks/DisksStep';
import { wipeChoices, wipeEdits } from '../../../renderer/src/steps/disks/wipe-choices';
import { healthyInventories } from '../probe/inventory-builder';
import { exampleCheck } from '../report/fixtures';
import { escapeRe, openStore, render } from './step-render';
import { exampleDoc } from './example-doc';

const NVME2 = '/dev/disk/by-path/pci-0000:60:00.0-nvme-1';

/** acp-1's nvme2n1 holds a whole-disk LVM physical volume; everything else is empty. */
function views(): InventoryView[] {
  const inv = healthyInventories().map(({ sections: _sections, ...view }) => view);
  Object.assign(inv[0]!.facts.disks[3]!, { fstype: 'LVM2_member', holders: ['vg_old-data'], signatures: ['LVM2_member'] });
  return inv;
}

/** The wipe checkbox of `device` (its opening tag). */
function wipeBox(html: string, device: string): string {
  const m = new RegExp(`<input[^>]*type="checkbox"[^>]*data-value="${escapeRe(device)}"[^>]*>`).exec(html);
  if (!m) throw new Error(`no wipe box for ${device}`);
  return m[0];
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('wipeChoices', () => {
  const { site } = exampleCheck('plant-a');
  it('offers the ODF devices that hold data, on that node only', () => {
    const acp1 = wipeChoices(site, 0, views());
    expect(acp1.map((c) => [c.path, c.diskName, c.wipeIndex])).toEqual([[NVME2, 'nvme2n1', undefined]]);
    expect(acp1[0]!.fate.text).toBe('Holds LVM2_member on the whole disk and vg_old-data on top of it: ODF cannot use it until you acknowledge the wipe');
    expect(wipeChoices(site, 1, views())).toEqual([]);
    // Not probed: nothing to decide yet.
    expect(wipeChoices(site, 0, [])).toEqual([]);
  });
  it('keeps an acknowledged device offered, even when discovery shows it empty now', () => {
    const s = structuredClone(site);
    s.nodes[1]!.disks = { wipe: [NVME2] };
    const [c] = wipeChoices(s, 1, views());
    expect(c).toMatchObject({ path: NVME2, wipeIndex: 0 });
    expect(c!.fate.text).toBe('Given to ODF (empty)');
  });
});

describe('wipeEdits', () => {
  it('starts disks, or the list, or appends', () => {
    expect(wipeEdits(0, undefined, NVME2, true)).toEqual([{ path: '/nodes/0/disks', value: { wipe: [NVME2] } }]);
    expect(wipeEdits(0, { odf: ['/dev/a'] }, NVME2, true)).toEqual([{ path: '/nodes/0/disks/wipe', value: [NVME2] }]);
    expect(wipeEdits(2, { wipe: ['/dev/a'] }, NVME2, true)).toEqual([{ path: '/nodes/2/disks/wipe/-', value: NVME2 }]);
    expect(wipeEdits(2, { wipe: [NVME2] }, NVME2, true)).toEqual([]);
  });
  it('removes the entry, the emptied list, or the emptied disks', () => {
    expect(wipeEdits(0, { wipe: ['/dev/a', NVME2] }, NVME2, false)).toEqual([{ path: '/nodes/0/disks/wipe/1' }]);
    expect(wipeEdits(0, { odf: ['/dev/a'], wipe: [NVME2] }, NVME2, false)).toEqual([{ path: '/nodes/0/disks/wipe' }]);
    expect(wipeEdits(0, { wipe: [NVME2] }, NVME2, false)).toEqual([{ path: '/nodes/0/disks' }]);
    expect(wipeEdits(0, undefined, NVME2, false)).toEqual([]);
  });
});

describe('Disks step: acknowledging a wipe', () => {
  it('shows an unticked box for the device with data, and ticking it writes nodes[0].disks.wipe', async () => {
    const { store } = await openStore(exampleDoc());
    store.setState({ inventories: views() });
    const before = render(store, <DisksStep />);
    const box = wipeBox(before, NVME2);
    expect(box).not.toMatch(/checked=""/);
    expect(before).toContain('data-path="/nodes/0/disks/wipe"');
    expect(text(before)).toContain('Wipe nvme2n1 (by-path pci-0000:60:00.0-nvme-1)');
    // Only acp-1 has a device with data.
    expect(before.match(/data-testid="odf-wipe"/g)).toHaveLength(1);

    const disks = store.getState().doc!.site!.nodes[0]!.disks;
    await store.getState().edit(wipeEdits(0, disks as Record<string, unknown> | undefined, NVME2, true));
    expect(store.getState().doc!.site!.nodes[0]!.disks?.wipe).toEqual([NVME2]);
    expect(store.getState().doc!.text).toMatch(/wipe:\n\s+- \/dev\/disk\/by-path\/pci-0000:60:00\.0-nvme-1/);

    const after = render(store, <DisksStep />);
    const ticked = wipeBox(after, NVME2);
    expect(ticked).toMatch(/checked=""/);
    expect(ticked).toContain('data-path="/nodes/0/disks/wipe/0"');
    // The picture and the box say the same words as the core fate.
    const wiped = odfFate({ disk: views()[0]!.facts.disks[3]!, acknowledged: true }).text;
    expect(text(after).split(wiped).length - 1).toBeGreaterThanOrEqual(2);
  });
});
