import { readFileSync } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECT_COMMAND } from '../../../../main/core/probe/collect/script';
import type { ProbeResult } from '../../../../main/core/probe/inventory';
import { jumpPinKey, probeNodes, type ProbeProgress } from '../../../../main/core/probe/probe';
import { keyAlgorithm, sha256Fingerprint } from '../../../../main/core/probe/ssh/fingerprint';
import type { HostKeyPin } from '../../../../main/core/probe/ssh/types';
import { parseSiteText } from '../../../../main/core/site/load';
import type { Site } from '../../../../main/core/site/schema';
import { closedPort, hostKey, keyPair, PASSWORD, startServer, USER, type Mode, type TestServer } from './server';

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function exampleSite(): Site {
  const file = path.resolve(__dirname, '../../../../resources/examples/plant-a.site.yaml');
  const parsed = parseSiteText(readFileSync(file, 'utf8'));
  if (parsed.status !== 'ok') throw new Error('example site does not load');
  return parsed.site;
}

function siteWith(ports: number[]): Site {
  const site = structuredClone(exampleSite());
  site.nodes = ports.map((port, i) => ({ ...site.nodes[i % site.nodes.length]!, hostname: `node${i + 1}`, ssh: { host: '127.0.0.1', port, user: USER } }));
  return site;
}

const pin = (s: TestServer): HostKeyPin => ({ host: '127.0.0.1', port: s.port, algorithm: 'ssh-ed25519', sha256: s.fingerprint });
// Wide limits for every healthy node: a real collection takes 3–4 s on a busy two-core machine.
// Only the node under test gets a short limit (nodeCommandTimeoutMs / connectTimeoutMs below).
const base = { credentials: { password: PASSWORD }, connectTimeoutMs: 60_000, commandTimeoutMs: 120_000, plant: { requests: [] } };

const servers: Partial<Record<Mode, TestServer>> = {};
beforeAll(async () => {
  for (const mode of ['real', 'garbage', 'hang', 'huge'] as const) servers[mode] = await startServer(mode);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.close()));
});

async function probeOne(server: TestServer, options: Parameters<typeof probeNodes>[1] = {}): Promise<ProbeResult> {
  const [result] = await probeNodes(siteWith([server.port]), { ...base, ...options });
  return result!;
}

describe('host keys', () => {
  it('first contact without acceptNew: host-key-unknown with the fingerprint, nothing run', async () => {
    const s = servers.real!;
    const before = s.commands.length;
    const r = await probeOne(s);
    expect(r).toMatchObject({ status: 'host-key-unknown', fingerprint: s.fingerprint, algorithm: 'ssh-ed25519' });
    expect(r.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(r.message).toContain(s.fingerprint);
    expect(r.inventory).toBeUndefined();
    expect(s.commands.length).toBe(before);
  });

  it('acceptNewHostKeys: collects and returns the new pin', async () => {
    const s = servers.real!;
    const r = await probeOne(s, { acceptNewHostKeys: true });
    expect(r.status).toBe('ok');
    expect(r.newPins!['node1']).toMatchObject({ host: '127.0.0.1', port: s.port, algorithm: 'ssh-ed25519', sha256: s.fingerprint });
  });

  it('pinned key: collects a real inventory over SSH with the fixed command', async () => {
    const s = servers.real!;
    const events: ProbeProgress[] = [];
    const r = await probeOne(s, { pins: { node1: pin(s) }, onProgress: (e) => events.push(e) });
    expect(r.status).toBe('ok');
    expect(r.newPins).toBeUndefined();
    expect(s.commands.at(-1)).toBe(COLLECT_COMMAND);
    expect(r.inventory!.source).toBe('ssh');
    expect(r.inventory!.hostKeyFingerprint).toBe(s.fingerprint);
    expect(r.inventory!.facts.nics.some((n) => n.name === 'lo')).toBe(true);
    expect(r.inventory!.facts.memory!.totalBytes).toBeGreaterThan(0);
    expect(events.map((e) => e.phase)).toEqual(['connecting', 'authenticating', 'collecting', 'parsing', 'done']);
  });

  it('changed key: host-key-changed naming both fingerprints; no command runs', async () => {
    const s = servers.real!;
    const old = hostKey().fingerprint;
    const before = s.commands.length;
    const r = await probeOne(s, { pins: { node1: { ...pin(s), sha256: old } }, acceptNewHostKeys: true });
    expect(r.status).toBe('host-key-changed');
    expect(r.message).toContain(old);
    expect(r.message).toContain(s.fingerprint);
    expect(r).toMatchObject({ fingerprint: s.fingerprint, pinnedFingerprint: old });
    expect(s.commands.length).toBe(before);
  });

  it('fingerprint helpers follow OpenSSH', () => {
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32, 1)]);
    expect(keyAlgorithm(blob)).toBe('ssh-ed25519');
    expect(sha256Fingerprint(blob)).not.toContain('=');
    expect(keyAlgorithm(Buffer.from([1, 2]))).toBe('unknown');
  });
});

describe('failures, each with its own status', () => {
  it('wrong password → auth-failed, and the password is in no result', async () => {
    const s = servers.real!;
    const r = await probeOne(s, { pins: { node1: pin(s) }, credentials: { password: 'hunter2-wrong' } });
    expect(r.status).toBe('auth-failed');
    expect(r.message).toMatch(/refused the login of user core/);
    expect(JSON.stringify(r)).not.toContain('hunter2-wrong');
  });

  it('no credentials at all → auth-failed with a plain message', async () => {
    const r = await probeOne(servers.real!, { credentials: {} });
    expect(r).toMatchObject({ status: 'auth-failed', message: expect.stringMatching(/No SSH key, agent or password/) });
  });

  it('a key file with a wrong passphrase → auth-failed, the passphrase never shown', async () => {
    const pair = keyPair({ passphrase: 'right-pass' });
    const r = await probeOne(servers.real!, { credentials: { privateKey: pair.private, passphrase: 'wrong-pass' } });
    expect(r.status).toBe('auth-failed');
    expect(r.message).toMatch(/passphrase/);
    expect(JSON.stringify(r)).not.toContain('wrong-pass');
  });

  it('a key file with its passphrase logs in (public key auth)', async () => {
    const pair = keyPair({ passphrase: 'right-pass' });
    const server = await startServer('real', hostKey(), { authorizedKey: pair.public });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sitekit-key-'));
    try {
      const keyFile = path.join(dir, 'id_ed25519');
      await writeFile(keyFile, pair.private, { mode: 0o600 });
      const r = await probeOne(server, { pins: { node1: pin(server) }, credentials: { privateKeyPath: keyFile, passphrase: 'right-pass' } });
      expect(r.status).toBe('ok');
      const missing = await probeOne(server, { pins: { node1: pin(server) }, credentials: { privateKeyPath: path.join(dir, 'nope') } });
      expect(missing).toMatchObject({ status: 'error', message: expect.stringMatching(/could not be read \(ENOENT\)/) });
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('SSH agent (a real ssh-agent holding the key)', async () => {
    const { execFileSync, spawn } = await import('node:child_process');
    const pair = keyPair();
    const server = await startServer('real', hostKey(), { authorizedKey: pair.public });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sitekit-agent-'));
    const sock = path.join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !(await exists(sock)); i++) await new Promise((r) => setTimeout(r, 50));
      const keyFile = path.join(dir, 'id_ed25519');
      await writeFile(keyFile, pair.private, { mode: 0o600 });
      execFileSync('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
      const r = await probeOne(server, { pins: { node1: pin(server) }, credentials: { agent: sock } });
      expect(r.status).toBe('ok');
    } finally {
      agent.kill();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('nothing listening → unreachable', async () => {
    const [r] = await probeNodes(siteWith([await closedPort()]), base);
    expect(r).toMatchObject({ status: 'unreachable', message: expect.stringMatching(/refused the connection/) });
  });

  it('a TCP peer that never speaks SSH → timeout', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const [r] = await probeNodes(siteWith([port]), { ...base, connectTimeoutMs: 800 });
    silent.close();
    expect(r!.status).toBe('timeout');
  });

  it('a command that never answers → timeout', async () => {
    const s = servers.hang!;
    const r = await probeOne(s, { pins: { node1: pin(s) }, commandTimeoutMs: 700 });
    expect(r).toMatchObject({ status: 'timeout', message: expect.stringMatching(/did not finish within 1 s/) });
  });

  it('garbage output → ok with problems, never a crash', async () => {
    const s = servers.garbage!;
    const r = await probeOne(s, { pins: { node1: pin(s) } });
    expect(r.status).toBe('ok');
    expect(r.inventory!.problems[0]).toMatchObject({ section: 'capture', severity: 'error' });
  });

  it('huge output → bounded, that node stops with a plain message', async () => {
    const s = servers.huge!;
    const r = await probeOne(s, { pins: { node1: pin(s) }, maxOutputBytes: 2 * 1024 * 1024 });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/more than 2 MiB/);
  });
});

describe('several nodes at once', () => {
  it('one failing node never affects the others', async () => {
    const dead = await closedPort();
    const [a, b, c] = [servers.real!, servers.hang!, servers.garbage!];
    const site = siteWith([a.port, dead, b.port, c.port]);
    const results = await probeNodes(site, {
      ...base,
      nodeCommandTimeoutMs: { node3: 1000 }, // only the hanging node
      pins: { node1: pin(a), node3: pin(b), node4: { ...pin(c), sha256: hostKey().fingerprint } },
    });
    expect(results.map((r) => [r.node, r.status])).toEqual([
      ['node1', 'ok'],
      ['node2', 'unreachable'],
      ['node3', 'timeout'],
      ['node4', 'host-key-changed'],
    ]);
  });

  it('a node without an SSH address is reported, not skipped silently', async () => {
    const site = siteWith([servers.real!.port]);
    delete site.nodes[0]!.ssh;
    const [r] = await probeNodes(site, base);
    expect(r).toMatchObject({ status: 'error', message: expect.stringMatching(/no SSH address/) });
  });

  it('through a jump host (forwardOut), with the jump host key pinned separately', async () => {
    const jump = await startServer('real', hostKey(), { allowForward: true });
    try {
      const target = servers.real!;
      const jumpHost = { host: '127.0.0.1', port: jump.port, credentials: { username: USER, password: PASSWORD } };
      const unknown = await probeOne(target, { jumpHost, pins: { node1: pin(target) } });
      expect(unknown).toMatchObject({ status: 'host-key-unknown', fingerprint: jump.fingerprint });
      expect(unknown.message).toMatch(/jump host/);
      const accepted = await probeOne(target, { jumpHost, pins: { node1: pin(target) }, acceptNewHostKeys: true });
      expect(accepted.status).toBe('ok');
      expect(accepted.newPins![jumpPinKey(jumpHost)]!.sha256).toBe(jump.fingerprint);
      const r = await probeOne(target, { jumpHost, pins: { node1: pin(target), [jumpPinKey(jumpHost)]: pin(jump) } });
      expect(r.status).toBe('ok');
      expect(r.inventory!.facts.nics.length).toBeGreaterThan(0);
    } finally {
      await jump.close();
    }
  });
});
