// A plant service of the test bed lives in a network namespace of its own, plugged into the
// bed's bridge like a node: `sk-tb<slot>-s-<name>` (namespace) and `sk-tb<slot>-s<name>` (the
// root-side veth). The bed's teardown removes every `sk-tb<slot>-*` namespace and link and kills
// what still runs in them, so a crashed run leaves nothing behind. A new namespace forwards
// nothing (net.ipv4.ip_forward is 0 there) and the bridge is not connected to the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createNamespace, ip } from '../net';
import type { TestBed } from '../testbed';

export interface ServiceNamespace {
  /** Short service name (1–6 lowercase letters or digits), e.g. `dns1`, `ntp`, `reg`. */
  name: string;
  /** The network namespace, e.g. sk-tb3-s-dns1. */
  namespace: string;
  /** The service's address on the bed subnet (no prefix length), e.g. 10.254.80.53. */
  address: string;
  /** A folder of its own for configuration, pid files and logs (mode 0700). */
  dir: string;
}

/** `10.254.(77+slot).<lastOctet>`: an address on the bed's /24. */
export function bedAddress(bed: Pick<TestBed, 'subnet'>, lastOctet: number): string {
  if (!Number.isInteger(lastOctet) || lastOctet < 2 || lastOctet > 254) throw new Error(`no host address .${lastOctet} on a /24`);
  return bed.subnet.replace(/\.0\/24$/, `.${lastOctet}`);
}

/**
 * Makes the namespace of one service on the bed bridge, with `eth0` carrying
 * `bedAddress(bed, lastOctet)/24`. Octets in use: see addresses.ts (PLANT_OCTETS).
 */
export async function serviceNamespace(bed: TestBed, name: string, lastOctet: number): Promise<ServiceNamespace> {
  // The root-side veth is sk-tb<slot>-s<name> and its peer gets an x appended: 15 characters at most.
  if (!/^[a-z0-9]{1,6}$/.test(name)) throw new Error(`service name ${name}: 1–6 lowercase letters or digits`);
  const namespace = `${bed.prefix}-s-${name}`;
  const address = bedAddress(bed, lastOctet);
  await createNamespace(
    { namespace, address: `${address}/24`, nics: [{ name: 'eth0', mac: serviceMac(bed.slot, lastOctet), peer: 'bridge' }] },
    `${bed.prefix}-br`,
    `${bed.prefix}-s${name}`,
  );
  const dir = path.join(bed.dir, 'services', name);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return { name, namespace, address, dir };
}

/** One more address on the service's eth0 (a VIP someone took, a second listener). */
export async function addServiceAddress(bed: TestBed, service: ServiceNamespace, lastOctet: number): Promise<string> {
  const address = bedAddress(bed, lastOctet);
  await ip(['-n', service.namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
  return address;
}

export async function removeServiceAddress(bed: TestBed, service: ServiceNamespace, lastOctet: number): Promise<void> {
  await ip(['-n', service.namespace, 'addr', 'del', `${bedAddress(bed, lastOctet)}/24`, 'dev', 'eth0']).catch(() => undefined);
}

/** Removes the namespace (and with it its veth); what still runs inside is killed first. */
export async function removeServiceNamespace(service: ServiceNamespace): Promise<void> {
  const pids = (await ip(['netns', 'pids', service.namespace]).catch(() => '')).split(/\s+/).map(Number).filter((pid) => pid > 1);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  await ip(['netns', 'del', service.namespace]).catch(() => undefined);
}

/** Runs a command inside the namespace to completion (sysctl, ss, …). */
export async function runIn(namespace: string, command: string, args: string[]): Promise<string> {
  return ip(['netns', 'exec', namespace, command, ...args]);
}

export interface ServiceProcess {
  child: ChildProcess;
  /** What the daemon printed on stdout and stderr (64 KiB at most), for failure messages. */
  log: () => string;
}

/**
 * Starts a foreground daemon in the namespace. `ip netns exec` execs the program, so the child's
 * pid is the daemon's own; stopService ends it, the bed's teardown kills it if the test crashed.
 */
export function startInNamespace(namespace: string, command: string, args: string[]): ServiceProcess {
  const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    if (log.length < 64 * 1024) log += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(`${command}: ${error.message}\n`)));
  return { child, log: () => log };
}

export async function stopService(service: ServiceProcess | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  const gone = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGTERM');
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
}

/**
 * Polls `ready` until it says yes; fails with the daemon's own words when it exits or never gets
 * ready. The wait ends as soon as it is ready, so a wide limit costs nothing on an idle machine.
 */
export async function waitUntilReady(what: string, service: ServiceProcess, ready: () => Promise<boolean>, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${what} exited (${service.child.exitCode ?? service.child.signalCode}): ${service.log().trim() || 'it printed nothing'}`);
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      await stopService(service);
      throw new Error(`${what} was not ready within ${limitMs / 1000} s: ${service.log().trim() || 'it printed nothing'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A locally administered MAC that names the slot and the octet (the nodes use 02:54:…). */
function serviceMac(slot: number, lastOctet: number): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `02:53:${hex(0x77 + slot)}:00:00:${hex(lastOctet)}`;
}
