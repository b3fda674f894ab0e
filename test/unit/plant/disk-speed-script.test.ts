// The node script: fixed text, request values only as checked here-document lines, checked
// again by the script itself, and every answer turned into a result that says what was written.
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { measureDiskSpeed } from '../../../main/core/plant/disk-speed';
import { parseDiskSpeedReport } from '../../../main/core/plant/disk-speed/report';
import { DISK_SPEED_COMMAND, diskSpeedRequestLines, diskSpeedScript } from '../../../main/core/plant/disk-speed/script';
import type { Disk, NodeInventory } from '../../../main/core/probe/inventory';
import type { Site, SiteNode } from '../../../main/core/site/schema';

const run = promisify(execFile);
const REQ = { name: 'sda', sizeBytes: 480103981056, serial: 'S45PNA0M512345', link: '/dev/disk/by-path/pci-0000:00:17.0-ata-1', deadlineSeconds: 210 };
const fio = (name: string) => readFileSync(new URL(`../../fixtures/plant/fio/${name}`, import.meta.url), 'utf8');
const dd = (name: string) => readFileSync(new URL(`../../fixtures/plant/dd/${name}`, import.meta.url), 'utf8');

function runScript(script: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile('/bin/sh', ['-s'], { timeout: 30_000 }, (_e, stdout) => resolve(stdout));
    child.stdin!.end(script);
  });
}

describe('the disk speed script', () => {
  it('carries the request only as here-document lines and is valid sh', async () => {
    const script = diskSpeedScript(REQ);
    expect(diskSpeedRequestLines(REQ)).toEqual([
      'name=sda', 'size=480103981056', 'serial=S45PNA0M512345', 'link=/dev/disk/by-path/pci-0000:00:17.0-ata-1', 'deadline=210',
    ]);
    expect(script).toContain("<<'SITEKIT_DISK_REQUEST'\nname=sda\n");
    expect(script.split('S45PNA0M512345').length).toBe(2);
    expect(script).toContain('fio --filename "$SK_DEV" --name=test --rw=write --ioengine=sync --size=22m -bs=2300 --fdatasync=1 --output-format=json');
    for (const shell of ['dash', 'bash']) await expect(run(shell, ['-n', '-c', script])).resolves.toBeDefined();
    await expect(run('sh', ['-n', '-c', DISK_SPEED_COMMAND])).resolves.toBeDefined();
  });

  it('refuses values that would not pass the patterns', () => {
    expect(() => diskSpeedRequestLines({ ...REQ, name: '../sda' })).toThrow(/kernel name/);
    expect(() => diskSpeedRequestLines({ ...REQ, serial: '-rf' })).toThrow(/serial/);
    expect(() => diskSpeedRequestLines({ ...REQ, link: '/dev/disk/by-path/../../sda' })).toThrow(/by-path/);
    expect(() => diskSpeedRequestLines({ ...REQ, link: '/etc/passwd' })).toThrow(/by-path/);
  });

  it('checks the request again on the node and refuses a tampered line, writing nothing', async () => {
    const tampered = diskSpeedScript(REQ).replace('\nname=sda\n', '\nname=sda;reboot\n');
    expect(parseDiskSpeedReport(await runScript(tampered)).refused).toEqual({ code: 'bad-request', detail: 'device name' });
    const noDeadline = diskSpeedScript(REQ).replace('\ndeadline=210\n', '\n');
    expect(parseDiskSpeedReport(await runScript(noDeadline)).refused).toEqual({ code: 'bad-request', detail: 'incomplete request' });
  });

  it('refuses on the node when the disk is not there', async () => {
    const report = parseDiskSpeedReport(await runScript(diskSpeedScript({ ...REQ, name: 'sitekitnosuchdisk' })));
    expect(report).toMatchObject({ refused: { code: 'not-found' }, writing: false, ended: true });
  });
});

// --- the laptop's reading of an answer, with a stand-in SSH client -------------------------

function fakeClient(stdout: string, opts: { close?: boolean } = {}): Client & { commands: string[]; stdin: string[] } {
  const client = new EventEmitter() as unknown as Client & { commands: string[]; stdin: string[] };
  client.commands = [];
  client.stdin = [];
  (client as unknown as { exec: unknown }).exec = (command: string, cb: (e: Error | undefined, s: unknown) => void) => {
    client.commands.push(command);
    const stream = Object.assign(new EventEmitter(), {
      stderr: new EventEmitter(),
      write: (s: string) => client.stdin.push(s),
      end: () => setTimeout(() => { stream.emit('data', Buffer.from(stdout)); stream.emit('close'); }, 5),
      close: () => stream.emit('close'),
    });
    cb(undefined, stream);
    if (opts.close !== false) setTimeout(() => { stream.emit('data', Buffer.from(stdout)); stream.emit('exit', 0); stream.emit('close'); }, 5);
  };
  return client;
}

function plan() {
  const disk: Disk = { name: 'sda', path: '/dev/sda', byPath: ['/dev/disk/by-path/pci-0000:00:17.0-ata-1'], byId: [], sizeBytes: 480103981056, type: 'disk', partitions: [], holders: [], signatures: [], mountpoints: [] };
  const node = { hostname: 'node1', disks: { boot: { deviceName: '/dev/disk/by-path/pci-0000:00:17.0-ata-1' } } } as unknown as SiteNode;
  const site = { nodes: [node], layout: {} } as unknown as Site;
  const inventory = { node: 'node1', facts: { disks: [disk], nics: [], lldp: [] } } as unknown as NodeInventory;
  return { node, site, inventory };
}

const answer = (tool: string, outs: [number, string, string][], tail = 'zeroed rc=0 bytes=24117248\nSITEKIT-DISK after zero') =>
  [
    'SITEKIT-DISK version 1 device /dev/sda user root', `SITEKIT-DISK tool ${tool}`, 'SITEKIT-DISK before zero', 'SITEKIT-DISK writing', 'SITEKIT-DISK zeroing',
    `SITEKIT-DISK ${tail}`,
    ...outs.flatMap(([rc, out, err], i) => [`=====SITEKIT-DISK-OUT ${tool} ${i + 1} rc=${rc}=====`, out, `=====SITEKIT-DISK-ERR ${tool} ${i + 1}=====`, err, `=====SITEKIT-DISK-END ${tool} ${i + 1}=====`]),
    'SITEKIT-DISK end', '',
  ].join('\n');

describe('measureDiskSpeed reading the node answer', () => {
  it('takes the worst p99 of the two fio runs and says what was written where', async () => {
    const { node, site, inventory } = plan();
    const client = fakeClient(answer('fio', [[0, fio('debian-fio-3.33-ai-command-slow-fuse-loop-job2.json'), ''], [0, fio('debian-fio-3.33-ai-command-slow-fuse-loop.json'), '']]));
    const result = await measureDiskSpeed(client, inventory, site, node);
    expect(client.commands).toEqual([DISK_SPEED_COMMAND]);
    expect(client.stdin.join('')).toContain('\nname=sda\nsize=480103981056\nlink=/dev/disk/by-path/pci-0000:00:17.0-ata-1\ndeadline=210\n');
    expect(result).toMatchObject({ status: 'measured', tool: 'fio', measure: 'p99', syncMs: 16.187392, thresholdMs: 10, device: '/dev/disk/by-path/pci-0000:00:17.0-ata-1', target: '/dev/sda' });
    expect(result.message).toBe(
      "node1: Sitekit ran fio twice at the same time (the Assisted Installer's test: 2300-byte writes, each followed by fdatasync) on the first 22 MiB of /dev/sda (/dev/disk/by-path/pci-0000:00:17.0-ata-1); " +
        "the 99th percentile of fdatasync was 16.19 ms (worst of 2 runs). That is slower than the Assisted Installer's limit of 10 ms: etcd on this disk may be too slow; use a faster disk (SSD/NVMe) or check the controller's write cache. " +
        'Afterwards it wrote zeros over the first 23 MiB of /dev/sda (/dev/disk/by-path/pci-0000:00:17.0-ata-1) and read them back as zeros; nothing else on the disk was touched.',
    );
  });

  it('ignores a failed fio run when the other gave a figure, as the agent does', async () => {
    const { node, site, inventory } = plan();
    const client = fakeClient(answer('fio', [[1, fio('debian-fio-3.33-ai-command-error-proc-version.json'), 'fio: pid=0, err=1'], [0, fio('debian-fio-3.33-ai-command-tmpfs-loop.json'), '']]));
    const result = await measureDiskSpeed(client, inventory, site, node);
    expect(result).toMatchObject({ status: 'measured', syncMs: 0.078336 });
    expect(result.message).toMatch(/worst of 1 run\)\. That is within the Assisted Installer's limit of 10 ms\./);
  });

  it('says the dd figure is an average, not the p99', async () => {
    const { node, site, inventory } = plan();
    const out = dd('gnu-coreutils-9.1-dsync-slow-fuse-loop.txt');
    const result = await measureDiskSpeed(fakeClient(answer('dd', [[0, '', out], [0, '', out]])), inventory, site, node);
    expect(result).toMatchObject({ status: 'measured', tool: 'dd', measure: 'average' });
    expect(result.message).toMatch(/fio is not installed on the node, so Sitekit wrote zeros with dd twice at the same time/);
    expect(result.message).toMatch(/This is an approximation: an average, not the 99th percentile/);
  });

  it('reports a node refusal and a failed zeroing plainly', async () => {
    const { node, site, inventory } = plan();
    const refused = await measureDiskSpeed(fakeClient('SITEKIT-DISK refused signature /dev/sda is not empty: PTTYPE=gpt \nSITEKIT-DISK end\n'), inventory, site, node);
    expect(refused).toMatchObject({ status: 'refused', message: 'node1: the node refused the disk speed test and wrote nothing: /dev/sda is not empty: PTTYPE=gpt.' });
    const failed = await measureDiskSpeed(
      fakeClient(answer('fio', [[0, fio('debian-fio-3.33-ai-command-tmpfs-loop.json'), '']], 'zeroed rc=1 bytes=24117248\nSITEKIT-DISK zero-error dd: error writing')),
      inventory, site, node,
    );
    expect(failed).toMatchObject({ status: 'error' });
    expect(failed.message).toMatch(/Writing zeros over the first 23 MiB of \/dev\/sda .* afterwards FAILED \(dd: error writing\): up to 2 × 22 MiB of test data may be left there/);
  });

  it('refuses on the laptop without opening a channel', async () => {
    const { node, site, inventory } = plan();
    inventory.facts.disks[0]!.mountpoints = ['/'];
    const client = fakeClient('');
    const result = await measureDiskSpeed(client, inventory, site, node);
    expect(result.status).toBe('refused');
    expect(client.commands).toEqual([]);
  });
});
