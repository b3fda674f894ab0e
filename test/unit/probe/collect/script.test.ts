// The collection script run for real on this machine (plain `sh`, no SSH), fed on stdin exactly
// as a probe sends it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { COLLECT_COMMAND, collectScript, isSafeDnsName, planDnsNames } from '../../../../main/core/probe/collect/script';
import { nodeInventorySchema } from '../../../../main/core/probe/inventory';
import { parseCapture } from '../../../../main/core/probe/parse/capture';

function runLocally(script: string): { stdout: string; status: number | null } {
  const [cmd, ...args] = COLLECT_COMMAND.split(' ');
  const r = spawnSync(cmd!, args, { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { stdout: r.stdout, status: r.status };
}

describe('collection script on this machine', () => {
  const { stdout, status } = runLocally(collectScript(['localhost']));
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
    expect(f.dns).toEqual([{ name: 'localhost', addresses: expect.arrayContaining([expect.stringMatching(/^(127\.|::1)/)]) }]);
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
    const r = spawnSync(cmd!, args, { input: collectScript([]), encoding: 'utf8', uid: 65534, gid: 65534, cwd: '/', timeout: 60_000 });
    const inv = parseCapture(r.stdout, { node: 'local', source: 'ssh' });
    expect(inv.facts.privileged).toBe(false);
    expect(inv.problems.find((p) => p.section === 'dmidecode')?.message).toMatch(/without root/);
    expect(inv.problems.find((p) => p.section === 'meta')?.message).toMatch(/without root/);
    expect(inv.facts.nics.length).toBeGreaterThan(0);
    expect(inv.facts.disks.length).toBeGreaterThan(0);
  });
});

describe('DNS names are data, never code', () => {
  it('only plain host names pass', () => {
    expect(isSafeDnsName('api.acp.plant-a.example.com')).toBe(true);
    for (const bad of ['$(reboot)', 'a;b', 'a b', '`id`', '-x', "a'b", 'a\nb', 'SITEKIT_DNS_NAMES\nreboot', '']) {
      expect(isSafeDnsName(bad)).toBe(false);
    }
    expect(planDnsNames({ name: 'acp', baseDomain: 'plant-a.example.com.' })).toEqual([
      'api.acp.plant-a.example.com',
      'sitekit-check.apps.acp.plant-a.example.com',
    ]);
  });

  it('hostile names are dropped and never run', () => {
    const script = collectScript(['$(echo PWNED)', 'x`echo PWNED`', 'ok.example', 'SITEKIT_DNS_NAMES\necho PWNED']);
    expect(script).not.toContain('PWNED');
    expect(script).toContain('\nok.example\n');
  });

  it('the script text is fixed apart from the name lines', () => {
    const a = collectScript([]);
    const b = collectScript(['a.example']);
    expect(b.replace('a.example\n', '')).toBe(a);
  });
});
