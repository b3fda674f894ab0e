// Probing the real OpenSSH test bed (test/testbed): three nodes at once, real handshakes,
// real host-key pinning, real authentication; hardware the machine lacks comes from captured
// real-server outputs. Every fault leaves the other nodes' results intact.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInventories } from '../../../main/core/probe/checks';
import type { NodeInventory, ProbeResult } from '../../../main/core/probe/inventory';
import { probeNodes, type ProbeOptions } from '../../../main/core/probe/probe';
import { applyProposals, proposePlanEdits } from '../../../main/core/probe/proposals';
import { mergePins } from '../../../main/core/probe/store';
import { checkSiteText } from '../../../main/core/site/check';
import type { Site } from '../../../main/core/site/schema';
import { regenerateHostKey, setFault, startNode, startTestBed, stopNode, stopTestBed, type TestBed } from '../../testbed/testbed';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { blankBedSite, partlyWrongBedSite, siteYaml } from './bed-site';

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopTestBed(bed);
}, TESTBED_HOOK_MS);

function probe(site: Site, extra: ProbeOptions = {}): Promise<ProbeResult[]> {
  return probeNodes(site, {
    credentials: { privateKey: readFileSync(bed.identityFile) },
    acceptNewHostKeys: true,
    // Wide limits: a busy two-core machine slows real sshd logins and collections a lot.
    commandTimeoutMs: 120_000,
    connectTimeoutMs: 60_000,
    plant: { requests: [] },
    ...extra,
  });
}

const byNode = (results: ProbeResult[]) => Object.fromEntries(results.map((r) => [r.node, r]));
const inventories = (results: ProbeResult[]): NodeInventory[] => results.flatMap((r) => (r.inventory ? [r.inventory] : []));

function expectHealthy(result: ProbeResult | undefined, node: string): void {
  expect(result, node).toBeDefined();
  expect(result!.status, `${node}: ${result!.message}`).toBe('ok');
  expect(result!.inventory!.facts.hostname).toBe(node);
  expect(result!.inventory!.facts.disks.length).toBeGreaterThan(0);
  expect(result!.inventory!.facts.nics.map((n) => n.name)).toEqual(expect.arrayContaining(['eth0', 'ens2f0', 'ens3f0']));
}

describe('probing the three-node test bed', () => {
  it('fills the inventory of every node: real network and CPU, captured disks, LLDP and system', async () => {
    const results = await probe(blankBedSite(bed));
    const r = byNode(results);
    for (const node of bed.nodes) expectHealthy(r[node.name], node.name);
    for (const [i, node] of bed.nodes.entries()) {
      const inv = r[node.name]!.inventory!;
      expect(r[node.name]!.fingerprint).toBe(node.hostKeyFingerprint);
      const eth0 = inv.facts.nics.find((n) => n.name === 'eth0')!;
      expect(eth0.mac).toBe(node.hardware.nics[0]!.mac);
      expect(eth0.addresses.map((a) => a.address)).toContain(node.host);
      expect(inv.facts.cpu?.threads).toBeGreaterThan(0);
      expect(inv.facts.memory?.totalBytes).toBeGreaterThan(0);
      const ens3f0 = inv.facts.nics.find((n) => n.name === 'ens3f0')!;
      expect(ens3f0.carrier, 'tb-2 ens3f0 has its peer down').toBe(i !== 1);
      expect(inv.facts.lldp.find((n) => n.interface === 'eth0')).toMatchObject({ chassisName: 'cisco-bt-switch', portId: 'Gi1/0/2' });
    }
    const tb1 = r['tb-1']!.inventory!.facts;
    expect(tb1.system?.model).toMatch(/BL460c Gen10/);
    expect(tb1.disks.find((d) => d.name === 'sda')?.byPath).toEqual(['/dev/disk/by-path/pci-0000:00:17.0-ata-1']);
    expect(tb1.disks.find((d) => d.name === 'nvme0n1')?.byId).toContain('/dev/disk/by-id/nvme-SAMSUNG_MZVPV512HDGL-000H1_S27FNYAH406993');
    // tb-2 has no sudo: the dmidecode section says so instead of failing the node.
    expect(r['tb-2']!.inventory!.problems.some((p) => p.section === 'dmidecode' && /root/.test(p.message))).toBe(true);
  });

  it('reports hardware findings at the plan paths they are about', async () => {
    const site = partlyWrongBedSite(bed);
    const results = await probe(site);
    const findings = checkInventories(site, inventories(results), results);
    const at = (id: string) => findings.filter((f) => f.id === id).map((f) => [f.path, f.message.split(':')[0]]);
    expect(at('hw.mac-missing')).toEqual([['/nodes/0/interfaces/2/mac', 'tb-1']]);
    expect(at('hw.mac-on-other-interface')).toEqual([['/nodes/1/interfaces/1/name', 'tb-2']]);
    expect(at('hw.no-link')).toEqual([['/layout/interfaces/2', 'tb-2']]);
    expect(at('hw.boot-disk-not-found')).toEqual([['/layout/disks/boot', 'tb-2']]);
    expect(at('hw.odf-device-missing')).toEqual([['/layout/disks/odf/0', 'tb-2']]);
    expect(at('hw.odf-device-not-empty')).toEqual([
      ['/layout/disks/odf/0', 'tb-1'],
      ['/layout/disks/odf/0', 'tb-3'],
    ]);
    expect(findings.find((f) => f.id === 'hw.odf-device-not-empty')!.message).toContain('partition nvme0n1p2 (LVM2_member)');
    expect(at('hw.lldp-port-mismatch')).toEqual([['/nodes/2/interfaces/0/port', 'tb-3']]);
    expect(at('hw.lldp-switch-mismatch')).toEqual([]); // tb-1 is cabled as planned
    // This machine's real CPU is far from a compact ODF + CNV node.
    expect(at('hw.cpu-too-few').map(([path]) => path)).toEqual(['/nodes/0', '/nodes/1', '/nodes/2']);
    expect(at('hw.nodes-differ-disks')).toHaveLength(1);
  });

  it('fills a blank plan with the MACs of the layout NICs and the disk hints', async () => {
    const site = blankBedSite(bed);
    const text = siteYaml(site, '# blank test bed plan: keep this comment');
    const results = await probe(site);
    const proposals = proposePlanEdits(site, inventories(results));
    const filled = applyProposals(text, proposals, proposals.map((p) => p.id));
    const check = checkSiteText(filled);
    expect(check.status).toBe('ok');
    expect(filled.startsWith('# blank test bed plan: keep this comment\n')).toBe(true);
    for (const [i, node] of bed.nodes.entries()) {
      expect(check.site!.nodes[i]!.interfaces).toEqual(node.hardware.nics.map((n) => ({ name: n.name, mac: n.mac })));
    }
    // tb-1 and tb-3 are alike, tb-2 is another model: hints per node.
    const disks = check.site!.nodes.map((n) => n.disks);
    // No ODF candidates: every other fixture disk has something mounted (LVM on the NVMe, /home…).
    expect(disks[0]).toEqual({ boot: { deviceName: '/dev/disk/by-path/pci-0000:00:17.0-ata-1' } });
    expect(disks[1]).toEqual({ boot: { deviceName: '/dev/disk/by-path/pci-0000:00:1f.2-ata-1' } });
    expect(disks[2]).toEqual(disks[0]);
    // The filled plan now passes the MAC, boot-disk and ODF-device checks.
    const after = checkInventories(check.site!, inventories(results), results).map((f) => f.id);
    expect(after).not.toContain('hw.mac-missing');
    expect(after).not.toContain('hw.boot-disk-not-found');
    expect(after).not.toContain('hw.odf-device-missing');
  });
});

describe('through a jump host', () => {
  it('reaches every node through tb-1 and pins the jump host too', async () => {
    const key = { privateKey: readFileSync(bed.identityFile), username: bed.user };
    const results = await probe(blankBedSite(bed), { jumpHost: { host: bed.nodes[0]!.host, port: 22, credentials: key } });
    for (const node of bed.nodes) expectHealthy(byNode(results)[node.name], node.name);
    expect(mergePins({}, results)[`jump:${bed.nodes[0]!.host}:22`]?.sha256).toBe(bed.nodes[0]!.hostKeyFingerprint);
  });
});

describe('faults: the other nodes still complete', () => {
  const others = (results: ProbeResult[], except: string) => {
    const r = byNode(results);
    for (const node of bed.nodes) if (node.name !== except) expectHealthy(r[node.name], node.name);
  };

  it('a node whose server is down is unreachable', async () => {
    await stopNode(bed.nodes[1]!);
    try {
      const results = await probe(blankBedSite(bed));
      expect(byNode(results)['tb-2']).toMatchObject({ status: 'unreachable' });
      others(results, 'tb-2');
    } finally {
      await startNode(bed, bed.nodes[1]!);
    }
  });

  it('a wrong password fails authentication; the right one logs in', async () => {
    const site = blankBedSite(bed);
    const key = { privateKey: readFileSync(bed.identityFile) };
    const results = await probe(site, {
      nodeCredentials: { 'tb-1': { password: `${bed.password}-wrong` }, 'tb-2': { password: bed.password }, 'tb-3': key },
    });
    expect(byNode(results)['tb-1']).toMatchObject({ status: 'auth-failed' });
    expect(byNode(results)['tb-1']!.message).not.toContain(bed.password);
    others(results, 'tb-1');
  });

  it('a key with a passphrase logs in with the passphrase, and not without it', async () => {
    const site = blankBedSite(bed);
    const encrypted = readFileSync(bed.encryptedIdentityFile);
    const results = await probe(site, {
      nodeCredentials: { 'tb-1': { privateKey: encrypted, passphrase: bed.passphrase }, 'tb-2': { privateKey: encrypted } },
    });
    expect(byNode(results)['tb-1']!.status).toBe('ok');
    expect(byNode(results)['tb-2']).toMatchObject({ status: 'auth-failed' });
    expect(byNode(results)['tb-3']!.status).toBe('ok');
  });

  it('a changed host key stops that node, naming both fingerprints', async () => {
    const site = blankBedSite(bed);
    const first = await probe(site);
    const pins = mergePins({}, first);
    expect(Object.keys(pins).sort()).toEqual(['tb-1', 'tb-2', 'tb-3']);
    const old = bed.nodes[2]!.hostKeyFingerprint;
    const fresh = await regenerateHostKey(bed, bed.nodes[2]!);
    const results = await probe(site, { pins, acceptNewHostKeys: true });
    const changed = byNode(results)['tb-3']!;
    expect(changed).toMatchObject({ status: 'host-key-changed', fingerprint: fresh, pinnedFingerprint: old });
    expect(changed.inventory).toBeUndefined();
    const finding = checkInventories(site, inventories(results), results).find((f) => f.id === 'probe.host-key-changed')!;
    expect(finding.message).toContain(old);
    expect(finding.message).toContain(fresh);
    others(results, 'tb-3');
  });

  it('a command that hangs past the timeout times that node out', async () => {
    await setFault(bed.nodes[0]!, 'hang');
    try {
      const results = await probe(blankBedSite(bed), { nodeCommandTimeoutMs: { 'tb-1': 2000 } }); // only the hanging node
      expect(byNode(results)['tb-1']).toMatchObject({ status: 'timeout' });
      others(results, 'tb-1');
    } finally {
      await setFault(bed.nodes[0]!, 'none');
    }
  });

  it('garbage output becomes problems of that node, never a crash', async () => {
    await setFault(bed.nodes[1]!, 'garbage');
    try {
      const results = await probe(blankBedSite(bed));
      const tb2 = byNode(results)['tb-2']!;
      expect(tb2.status).toBe('ok');
      expect(tb2.inventory!.facts.disks).toEqual([]);
      expect(tb2.inventory!.problems.some((p) => p.section === 'lsblk')).toBe(true);
      expect(tb2.inventory!.facts.nics.length).toBeGreaterThan(0); // ip still answered for real
      others(results, 'tb-2');
    } finally {
      await setFault(bed.nodes[1]!, 'none');
    }
  });

  it('huge output is cut at the section limit; the node and the others complete', async () => {
    await setFault(bed.nodes[2]!, 'huge');
    try {
      const results = await probe(blankBedSite(bed));
      const tb3 = byNode(results)['tb-3']!;
      expect(['ok', 'error']).toContain(tb3.status);
      if (tb3.inventory) expect(tb3.inventory.sections.lsblk?.stdout.length ?? 0).toBeLessThanOrEqual(1024 * 1024);
      others(results, 'tb-3');
    } finally {
      await setFault(bed.nodes[2]!, 'none');
    }
  });
});
