// Network plumbing of the test bed: one Linux bridge in the root namespace, one network
// namespace per node, veth pairs between them. Every root-namespace command names only
// devices with our prefix (asserted), so the machine's own interfaces are never touched.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PREFIX = 'sk-tb';

export interface NicSpec {
  /** Name inside the node namespace. */
  name: string;
  mac: string;
  /** bridge: plugged into the test switch; up: a peer that is up (carrier); down: no carrier. */
  peer: 'bridge' | 'up' | 'down';
}

export interface NamespaceSpec {
  namespace: string;
  address: string; // on the bridge NIC, with prefix length
  nics: NicSpec[];
}

export class TestBedSetupError extends Error {}

function assertOurs(name: string): void {
  if (!name.startsWith(PREFIX)) throw new Error(`test bed refuses to touch ${name}: not a ${PREFIX}* device`);
}

export async function ip(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('ip', args, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new TestBedSetupError('the test bed needs iproute2 (`ip`): apt-get install -y iproute2');
    throw new Error(`ip ${args.join(' ')}: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** Fails with a plain message when namespaces cannot be made (not root, no CAP_NET_ADMIN). */
export async function assertNamespacesAllowed(probe: string): Promise<void> {
  assertOurs(probe);
  try {
    await ip(['netns', 'add', probe]);
    await ip(['netns', 'del', probe]);
  } catch (error) {
    if (error instanceof TestBedSetupError) throw error;
    throw new TestBedSetupError(
      `the SSH test bed needs to create network namespaces (ip netns add), which failed: ${(error as Error).message}. ` +
        'Run the integration tests as root (or with CAP_NET_ADMIN and CAP_SYS_ADMIN), as CI does.',
    );
  }
}

export async function createBridge(bridge: string, address: string): Promise<void> {
  assertOurs(bridge);
  await ip(['link', 'add', bridge, 'type', 'bridge']);
  await ip(['addr', 'add', address, 'dev', bridge]);
  await ip(['link', 'set', bridge, 'up']);
}

/** A namespace with its NICs; `hostSide(i)` names the root-side end of NIC i when bridged. */
export async function createNamespace(spec: NamespaceSpec, bridge: string, hostSide: string): Promise<void> {
  assertOurs(spec.namespace);
  assertOurs(bridge);
  assertOurs(hostSide);
  const ns = spec.namespace;
  await ip(['netns', 'add', ns]);
  await ip(['-n', ns, 'link', 'set', 'lo', 'up']);
  let index = 0;
  for (const nic of spec.nics) {
    index++;
    if (nic.peer === 'bridge') {
      // Created under our own names in the root namespace, then moved and renamed inside.
      const inner = `${hostSide}x`;
      assertOurs(inner);
      await ip(['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', inner]);
      await ip(['link', 'set', inner, 'netns', ns]);
      await ip(['link', 'set', hostSide, 'master', bridge, 'up']);
      await ip(['-n', ns, 'link', 'set', inner, 'name', nic.name]);
    } else {
      // Both ends live in the namespace; the peer's state decides the carrier.
      await ip(['-n', ns, 'link', 'add', nic.name, 'type', 'veth', 'peer', 'name', `p${index}-${nic.name}`.slice(0, 15)]);
      if (nic.peer === 'up') await ip(['-n', ns, 'link', 'set', `p${index}-${nic.name}`.slice(0, 15), 'up']);
    }
    await ip(['-n', ns, 'link', 'set', nic.name, 'address', nic.mac]);
    await ip(['-n', ns, 'link', 'set', nic.name, 'up']);
    if (nic.peer === 'bridge') await ip(['-n', ns, 'addr', 'add', spec.address, 'dev', nic.name]);
  }
}

/** Removes namespaces and links of one slot prefix; missing ones are fine (idempotent). */
export async function removeSlotNetwork(slotPrefix: string): Promise<void> {
  assertOurs(slotPrefix);
  const namespaces = (await ip(['netns', 'list']).catch(() => ''))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`${slotPrefix}-`));
  for (const ns of namespaces) {
    // Everything still running in our namespace is ours: sshd sessions outliving the listener
    // (a client that never closed), a hung fault wrapper. Killed before the namespace goes.
    const pids = (await ip(['netns', 'pids', ns]).catch(() => '')).split(/\s+/).map(Number).filter((pid) => pid > 1);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    await ip(['netns', 'del', ns]).catch(() => undefined);
  }
  const links = (await ip(['-o', 'link', 'show']).catch(() => ''))
    .split('\n')
    .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(`${slotPrefix}-`));
  for (const link of links) {
    assertOurs(link);
    await ip(['link', 'del', link]).catch(() => undefined);
  }
}

/** All slot prefixes that have anything left in the kernel (`sk-tb3-…` → `sk-tb3`). */
export async function slotsInKernel(): Promise<Set<string>> {
  const names = [
    ...(await ip(['netns', 'list']).catch(() => '')).split('\n').map((l) => l.split(' ')[0] ?? ''),
    ...(await ip(['-o', 'link', 'show']).catch(() => '')).split('\n').map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? ''),
  ];
  const slots = new Set<string>();
  for (const name of names) {
    const match = new RegExp(`^(${PREFIX}\\d+)-`).exec(name);
    if (match) slots.add(match[1]!);
  }
  return slots;
}
