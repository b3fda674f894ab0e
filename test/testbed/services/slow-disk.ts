// Two disks for the install-disk speed test: loop devices (losetup) over
// - fast: a sparse file on tmpfs (/dev/shm): fdatasync costs microseconds;
// - slow: a file on a tiny FUSE file system (Debian python3-fusepy, run by /usr/bin/python3)
//   whose fsync sleeps `slowMs` on every `slowEvery`-th call. The loop driver turns each flush
//   of the block device into an fsync of its backing file, so fio's fdatasync calls reach it:
//   with 15 ms on every 50th (2 %), the 99th percentile is about 15 ms, over the 10 ms limit.
// (device-mapper is not available here, so no dm-delay.) Each set lives under a folder of its
// own with the owner's pid; `cleanupStaleTestDisks` removes sets whose owner is gone. Loop
// devices are only detached after checking their backing file is ours.
import { execFile, spawn } from 'node:child_process';
import { open, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { processAlive } from '../sshd';
import type { TestBed, TestBedNode } from '../testbed';
import { hideToolOnNode, sshdPid } from './on-node';

const run = promisify(execFile);
const STATE_ROOT = '/tmp/sitekit-slow-disk';
const SHM_PREFIX = '/dev/shm/sitekit-slow-disk-';
const PYTHON = '/usr/bin/python3'; // Debian's, where python3-fusepy is installed

export interface TestDisk {
  kind: 'fast' | 'slow';
  /** /dev/loopN in the root namespace. */
  device: string;
  /** loopN */
  name: string;
  sizeBytes: number;
  major: number;
  minor: number;
  backingFile: string;
}

export interface TestDisks {
  dir: string;
  fast: TestDisk;
  slow: TestDisk;
}

export interface TestDiskOptions {
  sizeMiB?: number;
  slowEvery?: number;
  slowMs?: number;
}

const SLOWFS = String.raw`# sitekit test bed: one file, disk.img, kept in memory; every Nth fsync sleeps.
import errno, stat, sys, threading, time
from fusepy import FUSE, FuseOSError, Operations

class SlowDisk(Operations):
    def __init__(self, size, every, sleep_ms):
        self.data = bytearray(size)
        self.lock = threading.Lock()
        self.every = every
        self.sleep = sleep_ms / 1000.0
        self.syncs = 0
        self.now = time.time()

    def getattr(self, path, fh=None):
        t = dict(st_ctime=self.now, st_mtime=self.now, st_atime=self.now)
        if path == '/':
            return dict(t, st_mode=stat.S_IFDIR | 0o755, st_nlink=2)
        if path == '/disk.img':
            return dict(t, st_mode=stat.S_IFREG | 0o600, st_nlink=1, st_size=len(self.data))
        raise FuseOSError(errno.ENOENT)

    def readdir(self, path, fh):
        return ['.', '..', 'disk.img']

    def open(self, path, flags):
        if path != '/disk.img':
            raise FuseOSError(errno.ENOENT)
        return 0

    def read(self, path, size, offset, fh):
        with self.lock:
            return bytes(self.data[offset:offset + size])

    def write(self, path, buf, offset, fh):
        if offset + len(buf) > len(self.data):
            raise FuseOSError(errno.ENOSPC)
        with self.lock:
            self.data[offset:offset + len(buf)] = buf
        return len(buf)

    def truncate(self, path, length, fh=None):
        if length != len(self.data):
            raise FuseOSError(errno.EPERM)

    def fsync(self, path, datasync, fh):
        with self.lock:
            self.syncs += 1
            slow = self.syncs % self.every == 0
        if slow:
            time.sleep(self.sleep)
        return 0

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        return 0

if __name__ == '__main__':
    mnt, size, every, ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    FUSE(SlowDisk(size, every, ms), mnt, foreground=True, nothreads=False, fsname='sitekit-slow-disk')
`;

export async function createTestDisks(options: TestDiskOptions = {}): Promise<TestDisks> {
  const sizeBytes = (options.sizeMiB ?? 64) * 1024 * 1024;
  await cleanupStaleTestDisks();
  await mkdir(STATE_ROOT, { recursive: true });
  const id = `${process.pid}-${Date.now().toString(36)}`;
  const dir = path.join(STATE_ROOT, id);
  await mkdir(dir);
  await writeFile(path.join(dir, 'owner.pid'), String(process.pid));
  try {
    const fastFile = `${SHM_PREFIX}${id}.img`;
    await writeFile(fastFile, '');
    await run('truncate', ['-s', String(sizeBytes), fastFile]);
    const fast = await attachLoop(dir, 'fast', fastFile, sizeBytes);

    const mnt = path.join(dir, 'mnt');
    await mkdir(mnt);
    await writeFile(path.join(dir, 'slowfs.py'), SLOWFS);
    const child = spawn(
      PYTHON,
      [path.join(dir, 'slowfs.py'), mnt, String(sizeBytes), String(options.slowEvery ?? 50), String(options.slowMs ?? 15)],
      { stdio: ['ignore', 'ignore', 'pipe'], detached: false },
    );
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    await writeFile(path.join(dir, 'fuse.pid'), String(child.pid));
    const backing = path.join(mnt, 'disk.img');
    for (let i = 0; i < 100 && !(await stat(backing).then((s) => s.size === sizeBytes, () => false)); i++) {
      if (child.exitCode !== null) throw new Error(`the slow FUSE file system did not start: ${stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!(await stat(backing).then(() => true, () => false))) throw new Error(`the slow FUSE file system did not start: ${stderr.trim()}`);
    const slow = await attachLoop(dir, 'slow', backing, sizeBytes);
    return { dir, fast, slow };
  } catch (error) {
    await removeSet(dir);
    throw error;
  }
}

export async function removeTestDisks(disks: TestDisks | undefined): Promise<void> {
  if (disks) await removeSet(disks.dir);
}

/** Removes sets whose owner process is gone (a crashed or killed test run). */
export async function cleanupStaleTestDisks(): Promise<void> {
  for (const entry of await readdir(STATE_ROOT).catch(() => [] as string[])) {
    const dir = path.join(STATE_ROOT, entry);
    const owner = Number((await readFile(path.join(dir, 'owner.pid'), 'utf8').catch(() => '')).trim());
    if (owner > 0 && processAlive(owner)) continue;
    await removeSet(dir);
  }
}

/**
 * Makes the disk visible inside a bed node as /dev/<loopN>, owned by the test user (the bed's
 * simulated sudo runs as that user). Only in the node's own /dev (a tmpfs of its mount
 * namespace); refuses when the node has no private /dev.
 */
export async function exposeInNode(bed: TestBed, node: TestBedNode, disk: TestDisk): Promise<void> {
  const pid = sshdPid(node);
  const { stdout } = await run('nsenter', ['--target', pid, '--mount', '--', 'findmnt', '-n', '-o', 'SOURCE', '/dev']);
  if (!stdout.split('\n').some((l) => l.trim() === 'sitekit-tb-dev')) throw new Error(`${node.name} has no private /dev: not creating ${disk.device} there`);
  await run('nsenter', ['--target', pid, '--mount', '--', 'mknod', '-m', '0600', `/dev/${disk.name}`, 'b', String(disk.major), String(disk.minor)]);
  await run('nsenter', ['--target', pid, '--mount', '--', 'chown', bed.user, `/dev/${disk.name}`]);
}

export async function removeFromNode(node: TestBedNode, disk: TestDisk): Promise<void> {
  if (!node.sshd?.pid) return;
  await run('nsenter', ['--target', sshdPid(node), '--mount', '--', 'rm', '-f', `/dev/${disk.name}`]).catch(() => undefined);
}

/** Makes a tool look absent inside the node (as fio on RHCOS): a non-executable empty file is
 *  bind-mounted over it in the node's mount namespace only. */
export function hideToolInNode(disks: TestDisks, node: TestBedNode, toolPath: string): Promise<() => Promise<void>> {
  return hideToolOnNode(node, toolPath, disks.dir);
}

/** The first `bytes` of the disk, read in the root namespace. */
export async function readStart(disk: TestDisk, bytes: number): Promise<Buffer> {
  const handle = await open(disk.device, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function isZero(disk: TestDisk, bytes: number): Promise<boolean> {
  const data = await readStart(disk, bytes);
  return data.length === bytes && data.every((b) => b === 0);
}

async function attachLoop(dir: string, kind: 'fast' | 'slow', file: string, sizeBytes: number): Promise<TestDisk> {
  const { stdout } = await run('losetup', ['--find', '--show', file]);
  const device = stdout.trim();
  if (!/^\/dev\/loop\d+$/.test(device)) throw new Error(`losetup answered ${device}`);
  await writeFile(path.join(dir, 'loops'), `${device}\t${file}\n`, { flag: 'a' });
  const name = device.slice('/dev/'.length);
  const [major, minor] = (await readFile(`/sys/block/${name}/dev`, 'utf8')).trim().split(':').map(Number);
  return { kind, device, name, sizeBytes, major: major!, minor: minor!, backingFile: file };
}

async function removeSet(dir: string): Promise<void> {
  const loops = (await readFile(path.join(dir, 'loops'), 'utf8').catch(() => ''))
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((p): p is [string, string] => p.length === 2 && /^\/dev\/loop\d+$/.test(p[0]!));
  for (const [device, file] of loops) {
    const backing = (await readFile(`/sys/block/${device.slice(5)}/loop/backing_file`, 'utf8').catch(() => '')).trim();
    if (backing === file) await run('losetup', ['-d', device]).catch(() => undefined);
  }
  const mnt = path.join(dir, 'mnt');
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  if (mounts.split('\n').some((l) => l.split(' ')[1] === mnt)) {
    await run('fusermount', ['-u', mnt]).catch(() => run('umount', ['-l', mnt]).catch(() => undefined));
  }
  const fusePid = Number((await readFile(path.join(dir, 'fuse.pid'), 'utf8').catch(() => '')).trim());
  if (fusePid > 1) {
    const cmdline = (await readFile(`/proc/${fusePid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
    if (cmdline.includes(path.join(dir, 'slowfs.py'))) {
      try {
        process.kill(fusePid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await rm(`${SHM_PREFIX}${path.basename(dir)}.img`, { force: true });
  await rm(dir, { recursive: true, force: true });
}


