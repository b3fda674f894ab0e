// The SSH test bed: three real OpenSSH servers, each in its own network namespace, joined
// by veth pairs to a bridge in the root namespace that carries 10.254.(77+slot).1/24 (the
// test process reaches the nodes through it). Each bed takes a free slot (0–9), so test
// files and the benchmark can run side by side; a slot whose owner process died is cleaned
// up by the next start. Nothing outside sk-tb<slot>-* devices and the bed's folder is made,
// except the test user (see user.ts) and sshd's /run/sshd.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultHardware, writeHardware, type Fault, type NodeHardware } from './hardware';
import { assertNamespacesAllowed, createBridge, createNamespace, ip, PREFIX, removeSlotNetwork, slotsInKernel } from './net';
import {
  assertSshdInstalled,
  fingerprint,
  generateKey,
  killByPidFile,
  processAlive,
  startSshd,
  stopSshd,
  writeSshdConfig,
  type RunningSshd,
  type SshdSpec,
} from './sshd';
import { machineResolvConf } from './services/resolv';
import { ensureTestUser } from './user';

export type { Fault } from './hardware';

const STATE_ROOT = '/tmp/sitekit-testbed';
const SLOTS = 10;
const SSH_PORT = 22;

export interface TestBedNode {
  /** Plan hostname used by the tests (tb-1 …). */
  name: string;
  namespace: string;
  host: string;
  port: number;
  dir: string;
  hardware: NodeHardware;
  hostKeyFingerprint: string;
  sshd?: RunningSshd;
  spec: SshdSpec;
  config: string;
}

export interface TestBed {
  slot: number;
  prefix: string;
  dir: string;
  subnet: string;
  user: string;
  password: string;
  /** Private key (no passphrase) the nodes accept. */
  identityFile: string;
  /** The same public key, protected by `passphrase`. */
  encryptedIdentityFile: string;
  passphrase: string;
  nodes: TestBedNode[];
}

export async function startTestBed(): Promise<TestBed> {
  assertSshdInstalled();
  await assertNamespacesAllowed(`${PREFIX}-check-${process.pid}`);
  await cleanupStaleTestBeds();
  const { slot, dir } = await claimSlot();
  const prefix = `${PREFIX}${slot}`;
  try {
    const { user, password } = await ensureTestUser();
    const net = `10.254.${77 + slot}`;
    await createBridge(`${prefix}-br`, `${net}.1/24`);

    const identityFile = path.join(dir, 'id_ed25519');
    await generateKey(identityFile, 'sitekit-testbed');
    const encryptedIdentityFile = path.join(dir, 'id_ed25519_enc');
    const passphrase = 'testbed-passphrase';
    await generateKey(encryptedIdentityFile, 'sitekit-testbed-enc', passphrase);
    const authorizedKeys = path.join(dir, 'authorized_keys');
    await writeFile(
      authorizedKeys,
      (await readFile(`${identityFile}.pub`, 'utf8')) + (await readFile(`${encryptedIdentityFile}.pub`, 'utf8')),
      { mode: 0o644 },
    );

    const bed: TestBed = {
      slot,
      prefix,
      dir,
      subnet: `${net}.0/24`,
      user,
      password,
      identityFile,
      encryptedIdentityFile,
      passphrase,
      nodes: [],
    };
    for (let i = 0; i < 3; i++) {
      const nodeDir = path.join(dir, `node${i + 1}`);
      await mkdir(nodeDir, { recursive: true });
      const hardware = defaultHardware(i, slot);
      const pathDir = await writeHardware(nodeDir, hardware);
      // The node's /etc/resolv.conf (bind-mounted by node-init.sh); the plant services repoint it.
      await writeFile(path.join(nodeDir, 'resolv.conf'), await machineResolvConf(), { mode: 0o644 });
      const namespace = `${prefix}-n${i + 1}`;
      const host = `${net}.${11 + i}`;
      await createNamespace({ namespace, address: `${host}/24`, nics: hardware.nics }, `${prefix}-br`, `${prefix}-h${i + 1}`);
      const spec: SshdSpec = { dir: nodeDir, namespace, hostname: `tb-${i + 1}`, address: host, port: SSH_PORT, user, authorizedKeys, pathDir };
      const hostKeyFingerprint = await generateKey(path.join(nodeDir, 'ssh_host_ed25519_key'), `tb-${i + 1}`);
      const config = await writeSshdConfig(spec);
      bed.nodes.push({ name: `tb-${i + 1}`, namespace, host, port: SSH_PORT, dir: nodeDir, hardware, hostKeyFingerprint, spec, config });
    }
    await Promise.all(bed.nodes.map((node) => startNode(bed, node)));
    return bed;
  } catch (error) {
    await teardownSlot(slot, dir);
    throw error;
  }
}

export async function stopTestBed(bed: TestBed | undefined): Promise<void> {
  if (!bed) return;
  await Promise.all(bed.nodes.map((node) => stopSshd(node.sshd)));
  await teardownSlot(bed.slot, bed.dir);
}

export async function startNode(_bed: TestBed, node: TestBedNode): Promise<void> {
  if (node.sshd && node.sshd.child.exitCode === null && node.sshd.child.signalCode === null) return;
  node.sshd = await startSshd(node.spec, node.config);
  await writeFile(path.join(node.dir, 'sshd.owner-pid'), String(node.sshd.pid));
}

/** Takes the node's server down (the "node unreachable" fault). */
export async function stopNode(node: TestBedNode): Promise<void> {
  await stopSshd(node.sshd);
  node.sshd = undefined;
}

/** A new host key, as after a reinstall or a man in the middle; restarts the server. */
export async function regenerateHostKey(bed: TestBed, node: TestBedNode): Promise<string> {
  await stopNode(node);
  node.hostKeyFingerprint = await generateKey(path.join(node.dir, 'ssh_host_ed25519_key'), node.name);
  await startNode(bed, node);
  return node.hostKeyFingerprint;
}

export async function hostKeyFingerprint(node: TestBedNode): Promise<string> {
  return fingerprint(path.join(node.dir, 'ssh_host_ed25519_key.pub'));
}

/** Switches the node's hardware wrappers into a fault (or back with 'none'). */
export async function setFault(node: TestBedNode, fault: Fault): Promise<void> {
  await writeFile(path.join(node.dir, 'fault'), fault === 'none' ? '' : fault);
  if (fault === 'none') await killHangers(node.dir);
}

/** The bed's nodes as a site.yaml `nodes[].ssh` block. */
export function sshOf(bed: TestBed, node: TestBedNode): { host: string; port: number; user: string } {
  return { host: node.host, port: node.port, user: bed.user };
}

// --- slots and cleanup -------------------------------------------------------------------

async function claimSlot(): Promise<{ slot: number; dir: string }> {
  await mkdir(STATE_ROOT, { recursive: true, mode: 0o755 });
  const inKernel = await slotsInKernel();
  for (let slot = 0; slot < SLOTS; slot++) {
    if (inKernel.has(`${PREFIX}${slot}`)) continue;
    const dir = path.join(STATE_ROOT, `slot-${slot}`);
    try {
      await mkdir(dir); // atomic: the first claimer wins
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(`the test bed cannot create ${dir}: ${(error as Error).message}`);
    }
    await writeFile(path.join(dir, 'owner.pid'), String(process.pid));
    return { slot, dir };
  }
  throw new Error(`no free test bed slot (${SLOTS} in use under ${STATE_ROOT})`);
}

/** Removes beds whose owner process is gone (a crashed or killed test run). Idempotent. */
export async function cleanupStaleTestBeds(): Promise<void> {
  await mkdir(STATE_ROOT, { recursive: true, mode: 0o755 });
  const entries = await readdir(STATE_ROOT).catch(() => [] as string[]);
  const live = new Set<number>();
  for (const entry of entries) {
    const match = /^slot-(\d+)$/.exec(entry);
    if (!match) continue;
    const slot = Number(match[1]);
    const dir = path.join(STATE_ROOT, entry);
    const owner = Number((await readFile(path.join(dir, 'owner.pid'), 'utf8').catch(() => '')).trim());
    const young = Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? 0) < 30_000;
    if ((owner > 0 && processAlive(owner)) || (!owner && young)) {
      live.add(slot);
      continue;
    }
    await teardownSlot(slot, dir);
  }
  // Permission probes of runs that died between `netns add` and `netns del`.
  for (const ns of (await ip(['netns', 'list']).catch(() => '')).split('\n').map((l) => l.split(' ')[0] ?? '')) {
    const owner = /^sk-tb-check-(\d+)$/.exec(ns)?.[1];
    if (owner && !processAlive(Number(owner))) await ip(['netns', 'del', ns]).catch(() => undefined);
  }
  // Devices with no folder at all (the folder was removed by hand): nobody owns them.
  for (const prefix of await slotsInKernel()) {
    const slot = Number(prefix.slice(PREFIX.length));
    // Checked again now: a bed starting right now creates its folder before any device.
    const claimed = await stat(path.join(STATE_ROOT, `slot-${slot}`)).then(() => true, () => false);
    if (!live.has(slot) && !claimed) await removeSlotNetwork(prefix);
  }
}

async function teardownSlot(slot: number, dir: string): Promise<void> {
  for (let i = 1; i <= 3; i++) {
    await killByPidFile(path.join(dir, `node${i}`, 'sshd.owner-pid'), path.join(dir, `node${i}`, 'sshd_config'));
    await killHangers(path.join(dir, `node${i}`));
  }
  await removeSlotNetwork(`${PREFIX}${slot}`);
  await rm(dir, { recursive: true, force: true });
}

async function killHangers(nodeDir: string): Promise<void> {
  await killByPidFile(path.join(nodeDir, 'hang.pids'), 'sleep 119.77');
  await rm(path.join(nodeDir, 'hang.pids'), { force: true });
}

