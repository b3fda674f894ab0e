// LocalVolumes and the wipe acknowledgement: forceWipeDevicesAndDestroyAllData is true on
// exactly the devices listed in nodes[].disks.wipe, false on all others, and every object
// still validates against the real LocalVolume CRD (bundle checks).
import { describe, expect, it } from 'vitest';
import { checkGenerated } from '../../../../main/core/generate/bundle/checks';
import { gitopsTree } from '../../../../main/core/generate/gitops';
import { effectiveDisks } from '../../../../main/core/site/model';
import type { Site } from '../../../../main/core/site/schema';
import { example, find } from './examples';

interface Entry {
  storageClassName: string;
  volumeMode: string;
  devicePaths: string[];
  forceWipeDevicesAndDestroyAllData: boolean;
}
const entries = (site: Site, hostname: string) =>
  find(site, 'LocalVolume')
    .filter((v) => JSON.stringify(v.spec).includes(`"values":["${hostname}"]`))
    .flatMap((v) => (v.spec as { storageClassDevices: Entry[] }).storageClassDevices.map((e) => ({ name: v.metadata.name, ...e })));

/** Device path → whether the bundle wipes it, over all LocalVolumes of a node. */
function wipeOf(site: Site, hostname: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const e of entries(site, hostname)) for (const p of e.devicePaths) out.set(p, e.forceWipeDevicesAndDestroyAllData);
  return out;
}

describe('LocalVolume wipe', () => {
  it('without acknowledgements: one LocalVolume per node, nothing wiped', () => {
    const site = example('plant-a');
    for (const node of site.nodes) {
      const all = entries(site, node.hostname);
      expect(all.map((e) => e.name)).toEqual([`localblock-${node.hostname}`]);
      expect(all[0]!.forceWipeDevicesAndDestroyAllData).toBe(false);
    }
  });

  it('wipes exactly the acknowledged devices of that node, and no other', () => {
    const site = example('plant-a');
    const odf = effectiveDisks(site, site.nodes[0]!).odf;
    site.nodes[0]!.disks = { wipe: [odf[2]!, odf[4]!] };
    const acp1 = wipeOf(site, 'acp-1');
    expect([...acp1.keys()].sort()).toEqual([...odf].sort());
    for (const path of odf) expect(acp1.get(path), path).toBe(path === odf[2] || path === odf[4]);
    // Same storage class and mode for both, so ODF's device set (count 18) sees them all.
    for (const e of entries(site, 'acp-1')) expect(e).toMatchObject({ storageClassName: 'localblock', volumeMode: 'Block' });
    expect(entries(site, 'acp-1').map((e) => e.name)).toEqual(['localblock-acp-1', 'localblock-acp-1-wipe']);
    // The other nodes share the by-path names but acknowledged nothing: nothing wiped there.
    for (const host of ['acp-2', 'acp-3']) expect([...wipeOf(site, host).values()].every((w) => !w), host).toBe(true);
  });

  it('a node whose every device is acknowledged gets only the wiping LocalVolume', () => {
    const site = example('plant-a');
    site.nodes[2]!.disks = { wipe: [...effectiveDisks(site, site.nodes[2]!).odf] };
    const all = entries(site, 'acp-3');
    expect(all.map((e) => e.name)).toEqual(['localblock-acp-3-wipe']);
    expect(all[0]!.forceWipeDevicesAndDestroyAllData).toBe(true);
  });

  it('a wipe entry that is not an ODF device of the node wipes nothing', () => {
    const site = example('plant-a');
    site.nodes[0]!.disks = { wipe: ['/dev/disk/by-path/pci-0000:3b:00.0-ata-1'] };
    expect([...wipeOf(site, 'acp-1').values()].every((w) => !w)).toBe(true);
    expect(JSON.stringify(find(site, 'LocalVolume'))).not.toContain('pci-0000:3b:00.0-ata-1');
  });

  it('the objects validate against the LocalVolume CRD', () => {
    const site = example('plant-a');
    const odf = effectiveDisks(site, site.nodes[0]!).odf;
    site.nodes[0]!.disks = { wipe: [odf[0]!] };
    const issues = checkGenerated(site, gitopsTree(site).documents).filter((i) => /LocalVolume|local-storage/.test(JSON.stringify(i)));
    expect(issues).toEqual([]);
    const paths = gitopsTree(site).documents.map((d) => d.path).filter((p) => p.includes('local-storage/'));
    expect(paths).toContain('local-storage/localblock-acp-1-wipe.yaml');
  });
});
