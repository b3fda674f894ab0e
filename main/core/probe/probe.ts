// Probe every planned node at once: connect, check the host key, run the fixed collection
// script, parse. One node's failure never touches another's result.
import type { Client } from 'ssh2';
import type { Readable } from 'node:stream';
import { measureDiskSpeed } from '../plant/disk-speed';
import { attachRegistryAuths } from '../plant/registry-auth';
import { plantPlan } from '../plant/requests';
import type { PlantRequest } from '../plant/types';
import type { Site, SiteNode } from '../site/schema';
import { COLLECT_COMMAND, collectScript } from './collect/script';
import type { ProbeResult, ProbeStatus } from './inventory';
import { judgeTlsResults } from '../plant/tls-judge';
import { parseCapture } from './parse/capture';
import { connect, execBounded, type Failed } from './ssh/session';
import type { HostKeyPin, HostKeyPins, JumpHost, SshCredentials } from './ssh/types';

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SSH_USER = 'core';

export type ProbePhase = 'connecting' | 'authenticating' | 'collecting' | 'parsing' | 'done' | 'failed';

export interface ProbeProgress {
  node: string;
  phase: ProbePhase;
  status?: ProbeStatus;
  message?: string;
}

export interface ProbeOptions {
  /** Used for every node without its own entry in nodeCredentials. */
  credentials?: SshCredentials;
  nodeCredentials?: Record<string, SshCredentials>;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** A node's own collection limit, over commandTimeoutMs (a node known to be slow, or one under test). */
  nodeCommandTimeoutMs?: Record<string, number>;
  maxOutputBytes?: number;
  jumpHost?: JumpHost;
  /** Pins by node name (and `jump:<host>:<port>`). */
  pins?: HostKeyPins;
  acceptNewHostKeys?: boolean;
  /** Only these plan hostnames (default: all). */
  nodes?: string[];
  /** The plant's services as the nodes see them (core/plant). */
  plant?: PlantProbeOptions;
  onProgress?: (event: ProbeProgress) => void;
}

export interface PlantProbeOptions {
  /** What the nodes are asked; default plantPlan(site).requests. `[]` asks nothing. */
  requests?: PlantRequest[];
  /**
   * Registry host[:port] → base64 `user:password` (registryAuths, from the pull secret). They
   * reach the script only as shell variables handed to curl through a pipe: never a command
   * line, a file on the node, the capture or a message.
   */
  auths?: Record<string, string>;
  /** The opt-in install-disk speed test: a second exec on the same connection, after parsing. */
  diskSpeed?: boolean;
  /** How long the disk test may write (measureDiskSpeed's default otherwise). */
  diskSpeedTimeoutMs?: number;
}

export function jumpPinKey(jump: Pick<JumpHost, 'host' | 'port'>): string {
  return `jump:${jump.host}:${jump.port ?? 22}`;
}

export async function probeNodes(site: Site, options: ProbeOptions = {}): Promise<ProbeResult[]> {
  const wanted = options.nodes ? site.nodes.filter((n) => options.nodes!.includes(n.hostname)) : site.nodes;
  const plant = attachRegistryAuths(options.plant?.requests ?? plantPlan(site).requests, options.plant?.auths);
  // With credentials the node checks the mirror against the plan's CA bundle before sending them.
  const caBundle = site.cluster.mirror?.caBundle;
  const script = collectScript({ ...plant, ...(caBundle ? { caBundle } : {}) });
  const progress = (event: ProbeProgress): void => {
    try {
      options.onProgress?.(event);
    } catch {
      // a broken progress listener must not break the probe
    }
  };

  let jump: { client?: Client; failure?: Failed; newPin?: HostKeyPin } | undefined;
  if (options.jumpHost) jump = await connectJump(options.jumpHost, options);

  const results = await Promise.all(
    wanted.map((node) =>
      probeOne(node, { ...options, site, script, progress, jump })
        .catch(
          (error: unknown): ProbeResult => ({
            node: node.hostname,
            status: 'error',
            message: `Probing ${node.hostname} failed unexpectedly: ${(error as Error).message}`,
          }),
        )
        .then((r) => {
          // The registry certificate is judged here, against the plan (the checks only read it).
          if (r.inventory) r.inventory = judgeTlsResults(site, [r.inventory])[0]!;
          progress({ node: r.node, phase: r.status === 'ok' ? 'done' : 'failed', status: r.status, message: r.message });
          return r;
        }),
    ),
  );
  jump?.client?.end();
  if (jump?.newPin && options.jumpHost) {
    for (const r of results) r.newPins = { ...r.newPins, [jumpPinKey(options.jumpHost)]: jump.newPin };
  }
  return results;
}

async function connectJump(j: JumpHost, options: ProbeOptions): Promise<{ client?: Client; failure?: Failed; newPin?: HostKeyPin }> {
  const port = j.port ?? 22;
  const result = await connect({
    target: { host: j.host, port, username: j.credentials.username ?? options.credentials?.username ?? DEFAULT_SSH_USER },
    credentials: j.credentials,
    policy: { pin: j.pin ?? options.pins?.[jumpPinKey(j)], acceptNew: options.acceptNewHostKeys ?? false },
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    label: `the jump host ${j.host}:${port}`,
  });
  if (!result.ok) return { failure: result };
  return { client: result.client, newPin: result.newPin };
}

interface OneOptions extends ProbeOptions {
  site: Site;
  script: string;
  progress: (e: ProbeProgress) => void;
  jump?: { client?: Client; failure?: Failed };
}

async function probeOne(node: SiteNode, o: OneOptions): Promise<ProbeResult> {
  const started = Date.now();
  const name = node.hostname;
  const fail = (status: Exclude<ProbeStatus, 'ok'>, message: string, extra: Partial<ProbeResult> = {}): ProbeResult => ({
    node: name,
    status,
    message,
    durationMs: Date.now() - started,
    ...extra,
  });
  if (!node.ssh?.host) {
    return fail('error', `The plan gives no SSH address for ${name} (nodes[].ssh.host); it was not probed.`);
  }
  const port = node.ssh.port ?? 22;
  const credentials = o.nodeCredentials?.[name] ?? o.credentials ?? {};
  const username = node.ssh.user ?? credentials.username ?? DEFAULT_SSH_USER;
  const label = `${name} (${node.ssh.host}:${port})`;
  o.progress({ node: name, phase: 'connecting' });

  if (o.jump?.failure) {
    // The jump host's own status (e.g. host-key-unknown) so the user can act on it; the
    // message names the jump host, and an accepted key is pinned under jumpPinKey().
    const { ok: _ok, status, message, ...rest } = o.jump.failure;
    return fail(status, `Not probed: ${message}`, rest);
  }
  let sock: Readable | undefined;
  if (o.jump?.client) {
    const forwarded = await forward(o.jump.client, node.ssh.host, port);
    if ('error' in forwarded) return fail('unreachable', `The jump host could not reach ${label}: ${forwarded.error}.`);
    sock = forwarded.stream;
  }

  const conn = await connect({
    target: { host: node.ssh.host, port, username },
    credentials,
    policy: { pin: o.pins?.[name], acceptNew: o.acceptNewHostKeys ?? false },
    connectTimeoutMs: o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    sock,
    label,
    onHandshake: () => o.progress({ node: name, phase: 'authenticating' }),
  });
  if (!conn.ok) {
    const { ok: _ok, status, message, ...rest } = conn;
    return fail(status, message, rest);
  }
  const keyInfo = {
    fingerprint: conn.fingerprint,
    algorithm: conn.algorithm,
    ...(conn.newPin ? { newPins: { [name]: conn.newPin } } : {}),
  };
  o.progress({ node: name, phase: 'collecting' });
  const collectedAt = new Date().toISOString();
  const timeoutMs = o.nodeCommandTimeoutMs?.[name] ?? o.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const exec = await execBounded(conn.client, {
    command: COLLECT_COMMAND,
    stdin: o.script,
    timeoutMs,
    maxBytes: o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
  });
  if (exec.outcome !== 'done' || !o.plant?.diskSpeed) conn.client.end();
  if (exec.outcome === 'timeout') {
    return fail('timeout', `${label}: the hardware collection did not finish within ${Math.round(timeoutMs / 1000)} s.`, keyInfo);
  }
  if (exec.outcome === 'too-big') {
    return fail('error', `${label} ${exec.message}; Sitekit stopped reading from it. Something on the node prints far too much.`, keyInfo);
  }
  if (exec.outcome === 'error') return fail('error', `${label}: ${exec.message}.`, keyInfo);

  o.progress({ node: name, phase: 'parsing' });
  const inventory = parseCapture(exec.stdout, { node: name, source: 'ssh', collectedAt, hostKeyFingerprint: conn.fingerprint });
  if (exec.stderr.trim()) {
    inventory.sections['ssh-stderr'] = { ok: true, stdout: '', stderr: exec.stderr };
  }
  if (exec.exitCode !== undefined && exec.exitCode !== 0) {
    inventory.problems.push({
      section: 'capture',
      severity: 'warning',
      message: `The collection script ended with exit code ${exec.exitCode}${exec.stderr.trim() ? `: ${exec.stderr.trim().split('\n')[0]}` : ''}.`,
    });
  }
  if (o.plant?.diskSpeed) {
    // Needs the inventory: the boot hint selects the device among the disks just read.
    try {
      const diskSpeed = await measureDiskSpeed(conn.client, inventory, o.site, node, {
        ...(o.plant.diskSpeedTimeoutMs !== undefined ? { timeoutMs: o.plant.diskSpeedTimeoutMs } : {}),
      });
      inventory.facts.plant = { ...(inventory.facts.plant ?? { requests: [], dns: [], tls: [], http: [], ntp: [], ping: [] }), diskSpeed };
    } finally {
      conn.client.end();
    }
  }
  const errors = inventory.problems.filter((p) => p.severity === 'error').length;
  return {
    node: name,
    status: 'ok',
    message: errors ? `Collected from ${label}, with ${errors} problem(s) reading the output.` : `Collected from ${label}.`,
    inventory,
    durationMs: Date.now() - started,
    ...keyInfo,
  };
}

function forward(client: Client, host: string, port: number): Promise<{ stream: Readable } | { error: string }> {
  return new Promise((resolve) => {
    try {
      client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
        if (error) resolve({ error: error.message });
        else resolve({ stream });
      });
    } catch (error) {
      resolve({ error: (error as Error).message });
    }
  });
}
