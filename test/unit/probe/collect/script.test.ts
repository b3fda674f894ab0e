// The collection script run for real on this machine (plain `sh`, no SSH), fed on stdin exactly
// as a probe sends it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { PlantRequest } from '../../../../main/core/plant/types';
import { COLLECT_COMMAND, collectScript } from '../../../../main/core/probe/collect/script';
import { nodeInventorySchema } from '../../../../main/core/probe/inventory';
import { parseCapture } from '../../../../main/core/probe/parse/capture';

function runLocally(script: string): { stdout: string; status: number | null } {
  const [cmd, ...args] = COLLECT_COMMAND.split(' ');
  const r = spawnSync(cmd!, args, { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { stdout: r.stdout, status: r.status };
}

const localhost: PlantRequest = { kind: 'dns', id: 'dns-node-localhost-a', server: 'node', type: 'A', name: 'localhost' };

describe('collection script on this machine', () => {
  const { stdout, status } = runLocally(collectScript({ requests: [localhost] }));
  const inv = parseCapture(stdout, { node: 'local', source: 'ssh' });

  it('runs to the end and parses into a valid inventory', () => {
    expect(status).toBe(0);
    expect(stdout).toMatch(/=====SITEKIT-DONE [0-9a-z]+=====\n$/);
    expect(nodeInventorySchema.safeParse(inv).success).toBe(true);
    expect(inv.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('finds this machine’s host name, CPU, memory, NICs and disks', () => {
    const f = inv.facts;
    expect(f.hostname).toBe(os.hostname());
    expect(f.cpu!.threads).toBe(os.cpus().length);
    expect(f.cpu!.flags.length).toBeGreaterThan(0);
    expect(Math.abs(f.memory!.totalBytes - os.totalmem())).toBeLessThan(64 * 1024 * 1024);
    const ifaces = Object.keys(os.networkInterfaces());
    for (const name of ifaces) expect(f.nics.map((n) => n.name)).toContain(name);
    const lo = f.nics.find((n) => n.name === 'lo');
    expect(lo?.kind).toBe('loopback');
    expect(f.disks.length).toBeGreaterThan(0);
    expect(f.disks.every((d) => d.sizeBytes > 0 && d.path.startsWith('/dev/'))).toBe(true);
    const rootDisk = f.disks.find((d) => d.mountpoints.includes('/') || d.partitions.some((p) => p.mountpoints.includes('/')));
    if (readFileSync('/proc/mounts', 'utf8').includes(' / ')) expect(rootDisk).toBeDefined();
    expect(Math.abs(f.time!.epochMs - Date.now())).toBeLessThan(120_000);
    expect(inv.sections['plant-dns/dns-node-localhost-a']!.stdout).toMatch(/^127\.0\.0\.1\s+STREAM\s+localhost$/m);
    expect(f.plant?.requests).toEqual([localhost]);
  });

  it('keeps the raw output of every section as evidence', () => {
    for (const name of ['meta', 'clock', 'hostname', 'lscpu', 'meminfo', 'ip-link', 'ip-addr', 'lsblk', 'disk-links', 'tools']) {
      expect(inv.sections[name], name).toBeDefined();
    }
    expect(inv.sections['meminfo']!.stdout).toMatch(/^MemTotal:/);
  });
});

describe.runIf(process.getuid?.() === 0)('collection script without root', () => {
  it('reports what needs root plainly and still collects the rest', () => {
    const [cmd, ...args] = COLLECT_COMMAND.split(' ');
    const r = spawnSync(cmd!, args, { input: collectScript(), encoding: 'utf8', uid: 65534, gid: 65534, cwd: '/', timeout: 60_000 });
    const inv = parseCapture(r.stdout, { node: 'local', source: 'ssh' });
    expect(inv.facts.privileged).toBe(false);
    expect(inv.problems.find((p) => p.section === 'dmidecode')?.message).toMatch(/without root/);
    expect(inv.problems.find((p) => p.section === 'meta')?.message).toMatch(/without root/);
    expect(inv.facts.nics.length).toBeGreaterThan(0);
    expect(inv.facts.disks.length).toBeGreaterThan(0);
  });
});

describe('plant requests are data, never code', () => {
  it('hostile requests are dropped before the node sees them and never run', () => {
    const hostile: PlantRequest[] = [
      { kind: 'dns', id: 'a', server: 'node', type: 'A', name: '$(echo PWNED)' },
      { kind: 'ntp', id: 'b', server: 'x`echo PWNED`' },
      { kind: 'ping', id: 'c', address: '10.0.0.1;echo PWNED' },
      { kind: 'dns', id: 'SITEKIT_PLANT_REQUESTS\necho PWNED', server: 'node', type: 'A', name: 'ok.example' },
      { kind: 'dns', id: 'ok', server: 'node', type: 'A', name: 'ok.example' },
    ];
    const script = collectScript({ requests: hostile });
    expect(script).not.toContain('PWNED');
    expect(script).toContain('\ndns ok node A ok.example\n');
  });

  it('the script text is fixed apart from the request lines', () => {
    const a = collectScript();
    const b = collectScript({ requests: [{ kind: 'ping', id: 'ping-gateway', address: '10.10.0.1' }] });
    expect(b.replace('ping ping-gateway 10.10.0.1\n', '')).toBe(a);
  });
});
