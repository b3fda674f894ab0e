// The install-disk speed test against real sshd test-bed nodes and real loop devices: a fast one
// (tmpfs) and a slow one (FUSE whose fsync sleeps), made visible in the nodes' own /dev. It
// measures with the real fio (and dd when fio is hidden), and every way of stopping it —
// timeout, cancel, a signal on the node, a dropped connection — leaves the written region zero.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDiskSpeed } from '../../../main/core/plant/disk-speed';
import { DISK_SPEED_ZERO_BYTES, overThreshold } from '../../../main/core/plant/disk-speed/constants';
import type { DiskSpeedResult } from '../../../main/core/plant/types';
import type { Disk, NodeInventory } from '../../../main/core/probe/inventory';
import type { Site } from '../../../main/core/site/schema';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { createTestDisks, exposeInNode, hideToolInNode, isZero, removeTestDisks, type TestDisk, type TestDisks } from '../../testbed/services/slow-disk';
import { startTestBed, stopTestBed, type TestBed, type TestBedNode } from '../../testbed/testbed';
import { blankBedSite } from '../probe/bed-site';

const run = promisify(execFile);
let bed: TestBed;
let disks: TestDisks;
const clients: Client[] = [];

beforeAll(async () => {
  bed = await startTestBed();
  disks = await createTestDisks();
  for (const disk of [disks.fast, disks.slow]) await exposeInNode(bed, bed.nodes[0]!, disk);
  await exposeInNode(bed, bed.nodes[2]!, disks.fast);
}, TESTBED_HOOK_MS);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await removeTestDisks(disks);
  await stopTestBed(bed);
}, TESTBED_HOOK_MS);

function connectTo(node: TestBedNode): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    clients.push(client);
    client.once('ready', () => resolve(client)).once('error', reject);
    client.connect({
      host: node.host,
      port: node.port,
      username: bed.user,
      privateKey: readFileSync(bed.identityFile),
      hostVerifier: () => true,
      readyTimeout: 60_000,
    });
  });
}

function loopDisk(disk: TestDisk, extra: Partial<Disk> = {}): Disk {
  return {
    name: disk.name, path: disk.device, byPath: [], byId: [], sizeBytes: disk.sizeBytes, type: 'disk', rotational: false, removable: false,
    transport: 'sata', partitions: [], holders: [], signatures: [], mountpoints: [], ...extra,
  };
}

function inventory(node: TestBedNode, disk: Disk): NodeInventory {
  return {
    inventoryVersion: 1, node: node.name, collectedAt: new Date().toISOString(), source: 'ssh', tools: [],
    facts: { nics: [], disks: [disk], lldp: [] }, sections: {}, problems: [],
  };
}

function siteFor(node: TestBedNode, disk: TestDisk): Site {
  const site = blankBedSite(bed);
  const planned = site.nodes.find((n) => n.hostname === node.name)!;
  planned.disks = { boot: { deviceName: disk.device } };
  return site;
}

async function measure(node: TestBedNode, disk: TestDisk, opts: Parameters<typeof measureDiskSpeed>[4] = {}, override: Partial<Disk> = {}, client?: Client): Promise<DiskSpeedResult> {
  const site = siteFor(node, disk);
  return measureDiskSpeed(client ?? (await connectTo(node)), inventory(node, loopDisk(disk, override)), site, site.nodes.find((n) => n.hostname === node.name)!, opts);
}

/** Fills the region the test writes and zeroes with `byte` (0 by default: the test writes only to a region of zeros). */
async function fill(disk: TestDisk, byte = 0): Promise<void> {
  const handle = await open(disk.device, 'r+');
  try {
    await handle.write(Buffer.alloc(DISK_SPEED_ZERO_BYTES, byte), 0, DISK_SPEED_ZERO_BYTES, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** pgrep arguments for the node script's shell: this node's namespace only (other test beds
 *  run their collection scripts as the same user at the same time). */
function nodeScript(node: TestBedNode): string[] {
  return ['--ns', String(node.sshd!.pid), '--nslist', 'net', '-u', bed.user, '-f', '^/bin/sh -s$'];
}

/** 1 MiB of 0xCD right after the zeroed region: nothing may touch it. */
async function sentinel(disk: TestDisk, mode: 'write' | 'check'): Promise<boolean> {
  const handle = await open(disk.device, mode === 'write' ? 'r+' : 'r');
  try {
    const mark = Buffer.alloc(1024 * 1024, 0xcd);
    if (mode === 'write') {
      await handle.write(mark, 0, mark.length, DISK_SPEED_ZERO_BYTES);
      await handle.sync();
      return true;
    }
    const seen = Buffer.alloc(mark.length);
    await handle.read(seen, 0, seen.length, DISK_SPEED_ZERO_BYTES);
    return seen.equals(mark);
  } finally {
    await handle.close();
  }
}

async function writersLeft(disk: TestDisk): Promise<string> {
  const { stdout } = await run('pgrep', ['-a', '-f', `(fio --filename|of=)${disk.device}( |$)`]).catch(() => ({ stdout: '' }));
  return stdout.trim();
}

async function waitFor(what: string, check: () => Promise<boolean>, limitMs = 120_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('install-disk speed test on a test-bed node', () => {
  it('measures a fast disk with fio, within the limit, and leaves the region zero', async () => {
    await fill(disks.fast);
    await sentinel(disks.fast, 'write');
    const result = await measure(bed.nodes[0]!, disks.fast);
    expect(await sentinel(disks.fast, 'check')).toBe(true);
    expect(result, result.message).toMatchObject({ status: 'measured', tool: 'fio', measure: 'p99', thresholdMs: 10, target: disks.fast.device });
    expect(overThreshold(result.syncMs!)).toBe(false);
    expect(result.message).toMatch(/fio twice at the same time/);
    expect(result.message).toMatch(new RegExp(`wrote zeros over the first 23 MiB of ${disks.fast.device} and read them back as zeros`));
    expect(await isZero(disks.fast, DISK_SPEED_ZERO_BYTES)).toBe(true);
  });

  it('finds the slow disk (fsync of every 50th write sleeps 15 ms)', async () => {
    const result = await measure(bed.nodes[0]!, disks.slow);
    expect(result, result.message).toMatchObject({ status: 'measured', tool: 'fio', measure: 'p99' });
    expect(overThreshold(result.syncMs!)).toBe(true);
    expect(result.message).toMatch(/slower than the Assisted Installer's limit of 10 ms/);
    expect(await isZero(disks.slow, DISK_SPEED_ZERO_BYTES)).toBe(true);
  });

  it('falls back to timed dd when fio is not installed, and says it is an average', async () => {
    const node = bed.nodes[2]!;
    const restore = await hideToolInNode(disks, node, '/usr/bin/fio');
    try {
      await fill(disks.fast);
      const result = await measure(node, disks.fast);
      expect(result, result.message).toMatchObject({ status: 'measured', tool: 'dd', measure: 'average' });
      expect(result.message).toMatch(/fio is not installed on the node/);
      expect(result.message).toMatch(/approximation: an average, not the 99th percentile/);
      expect(await isZero(disks.fast, DISK_SPEED_ZERO_BYTES)).toBe(true);
    } finally {
      await restore();
    }
  });

  it('the node refuses a disk that changed since the probe (size) or carries a signature, writing nothing', async () => {
    const changed = await measure(bed.nodes[0]!, disks.fast, {}, { sizeBytes: disks.fast.sizeBytes + 512 });
    expect(changed, changed.message).toMatchObject({ status: 'refused' });
    expect(changed.message).toMatch(/has 67108864 bytes now, the probe saw 67109376/);

    await run('mkswap', [disks.fast.device]);
    try {
      const before = readFileSync(disks.fast.device).subarray(0, 8192);
      const signed = await measure(bed.nodes[0]!, disks.fast);
      expect(signed, signed.message).toMatchObject({ status: 'refused' });
      expect(signed.message).toMatch(/is not empty: .*TYPE=swap/);
      expect(readFileSync(disks.fast.device).subarray(0, 8192).equals(before)).toBe(true);
    } finally {
      await run('wipefs', ['-a', disks.fast.device]);
    }
  });

  it('the node refuses a region that holds data without any signature, writing nothing', async () => {
    await fill(disks.fast, 0xab);
    try {
      const result = await measure(bed.nodes[0]!, disks.fast);
      expect(result, result.message).toMatchObject({ status: 'refused' });
      expect(result.message).toMatch(/are not all zeros \(data\)/);
      const region = readFileSync(disks.fast.device).subarray(0, DISK_SPEED_ZERO_BYTES);
      expect(region.every((b) => b === 0xab)).toBe(true);
    } finally {
      await fill(disks.fast);
    }
  });

  it('stops on timeout and zeroes what it wrote', async () => {
    await fill(disks.slow);
    const result = await measure(bed.nodes[0]!, disks.slow, { timeoutMs: 1500 });
    expect(result, result.message).toMatchObject({ status: 'error', tool: 'fio' });
    expect(result.message).toMatch(/did not finish within 2 s and was stopped/);
    expect(result.message).toMatch(/read them back as zeros/);
    expect(await isZero(disks.slow, DISK_SPEED_ZERO_BYTES)).toBe(true);
    expect(await writersLeft(disks.slow)).toBe('');
  });

  it('stops when cancelled (Ctrl+C on the laptop) and zeroes what it wrote', async () => {
    await fill(disks.slow);
    const abort = new AbortController();
    const result = await measure(bed.nodes[0]!, disks.slow, { onPhase: (p) => p === 'writing' && setTimeout(() => abort.abort(), 500), signal: abort.signal });
    expect(result, result.message).toMatchObject({ status: 'error' });
    expect(result.message).toMatch(/was cancelled/);
    expect(await isZero(disks.slow, DISK_SPEED_ZERO_BYTES)).toBe(true);
    expect(await writersLeft(disks.slow)).toBe('');
  });

  it('stops on a signal on the node (Ctrl+C there) and zeroes what it wrote', async () => {
    await fill(disks.slow);
    const onWriting = async () => {
      await new Promise((r) => setTimeout(r, 500));
      await run('pkill', ['-INT', ...nodeScript(bed.nodes[0]!)]);
    };
    const result = await measure(bed.nodes[0]!, disks.slow, { onPhase: (p) => void (p === 'writing' && onWriting()) });
    expect(result, result.message).toMatchObject({ status: 'error' });
    expect(result.message).toMatch(/stopped on the node by a signal/);
    expect(await isZero(disks.slow, DISK_SPEED_ZERO_BYTES)).toBe(true);
  });

  it('cleans up on the node when the connection is lost mid-write', async () => {
    await fill(disks.slow);
    const client = await connectTo(bed.nodes[0]!);
    const result = await measure(bed.nodes[0]!, disks.slow, { onPhase: (p) => p === 'writing' && setTimeout(() => client.destroy(), 500) }, {}, client);
    expect(result, result.message).toMatchObject({ status: 'error' });
    expect(result.message).toMatch(/connection was lost|connection ended/);
    await waitFor('the node script to finish', async () => (await run('pgrep', nodeScript(bed.nodes[0]!)).then(() => false, () => true)));
    expect(await writersLeft(disks.slow)).toBe('');
    expect(await isZero(disks.slow, DISK_SPEED_ZERO_BYTES)).toBe(true);
  });
});
