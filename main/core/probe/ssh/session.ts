// One SSH connection (optionally through a jump host) and one fixed command. Every failure is
// turned into a status with plain words; nothing thrown escapes, and no secret is put into a
// message.
import { readFile } from 'node:fs/promises';
import { Client, type ConnectConfig, utils } from 'ssh2';
import type { Readable } from 'node:stream';
import { hostKeyMessage, judgeHostKey, type HostKeyPolicy, type HostKeyVerdict } from './host-key';
import type { HostKeyPin, SshCredentials, SshTarget } from './types';
import type { ProbeStatus } from '../inventory';

export interface ConnectOptions {
  target: SshTarget;
  credentials: SshCredentials;
  policy: HostKeyPolicy;
  connectTimeoutMs: number;
  /** Already-open stream to the target (jump host forwarding). */
  sock?: Readable;
  /** Words naming the node in messages, e.g. `node1 (10.0.0.11:22)`. */
  label: string;
  /** Key exchange done, user authentication starts. */
  onHandshake?: () => void;
}

export interface Connected {
  ok: true;
  client: Client;
  fingerprint: string;
  algorithm: string;
  newPin?: HostKeyPin;
}

export interface Failed {
  ok: false;
  status: Exclude<ProbeStatus, 'ok'>;
  message: string;
  fingerprint?: string;
  pinnedFingerprint?: string;
  algorithm?: string;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

async function authConfig(creds: SshCredentials, label: string): Promise<Partial<ConnectConfig> | Failed> {
  const config: Partial<ConnectConfig> = {};
  let key = creds.privateKey;
  if (key === undefined && creds.privateKeyPath) {
    try {
      key = await readFile(creds.privateKeyPath);
    } catch (error) {
      return {
        ok: false,
        status: 'error',
        message: `The private key file ${creds.privateKeyPath} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      };
    }
  }
  if (key !== undefined) {
    // Parse here so a wrong passphrase is reported as such, not as a generic failure.
    const parsed = utils.parseKey(key, creds.passphrase);
    if (parsed instanceof Error) {
      const encrypted = /passphrase|encrypted/i.test(parsed.message);
      return {
        ok: false,
        status: 'auth-failed',
        message: encrypted
          ? `The private key for ${label} needs a passphrase, and the one given (if any) is wrong.`
          : `The private key for ${label} is not a key ssh can read.`,
      };
    }
    config.privateKey = key;
    if (creds.passphrase !== undefined) config.passphrase = creds.passphrase;
  }
  if (creds.password !== undefined) config.password = creds.password;
  if (creds.agent !== undefined) {
    const socket = creds.agent === true ? process.env.SSH_AUTH_SOCK : creds.agent;
    if (socket) config.agent = socket;
  }
  return config;
}

export async function connect(options: ConnectOptions): Promise<Connected | Failed> {
  const { target, label } = options;
  const auth = await authConfig(options.credentials, label);
  if ('ok' in auth) return auth;
  if (!auth.privateKey && !auth.password && !auth.agent) {
    return { ok: false, status: 'auth-failed', message: `No SSH key, agent or password was given for ${label}.` };
  }

  return new Promise((resolve) => {
    const client = new Client();
    let verdict: HostKeyVerdict | undefined;
    let settled = false;
    const finish = (result: Connected | Failed): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result.ok) client.end();
      resolve(result);
    };
    // ssh2's readyTimeout covers the handshake; this also covers a TCP connect that hangs.
    const timer = setTimeout(() => {
      finish({
        ok: false,
        status: 'timeout',
        message: `${label} did not complete the SSH login within ${Math.round(options.connectTimeoutMs / 1000)} s.`,
        ...(verdict ? { fingerprint: verdict.fingerprint, algorithm: verdict.algorithm } : {}),
      });
      client.destroy();
    }, options.connectTimeoutMs + 1000);

    // SSH login and the exec are a few small packets each way: without TCP_NODELAY, Nagle's
    // algorithm holds them for the peer's delayed ACK (40 ms a time on Linux).
    client.on('connect', () => client.setNoDelay(true));
    client.on('handshake', () => options.onHandshake?.());
    client.on('ready', () => {
      if (!verdict?.accepted) {
        finish({ ok: false, status: 'error', message: `${label}: the SSH session started without a host key check.` });
        return;
      }
      finish({ ok: true, client, fingerprint: verdict.fingerprint, algorithm: verdict.algorithm, newPin: verdict.newPin });
    });
    const refusedKey = (): boolean => {
      if (!verdict || verdict.accepted) return false;
      finish({
        ok: false,
        status: verdict.reason === 'changed' ? 'host-key-changed' : 'host-key-unknown',
        message: hostKeyMessage(verdict, label),
        fingerprint: verdict.fingerprint,
        algorithm: verdict.algorithm,
        ...(verdict.pinned ? { pinnedFingerprint: verdict.pinned.sha256 } : {}),
      });
      return true;
    };
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (refusedKey()) return;
      const base = verdict ? { fingerprint: verdict.fingerprint, algorithm: verdict.algorithm } : {};
      if (error.level === 'client-authentication') {
        finish({
          ok: false,
          status: 'auth-failed',
          message: `${label} refused the login of user ${target.username} (wrong password or key not authorised).`,
          ...base,
        });
      } else if (error.level === 'client-timeout') {
        finish({
          ok: false,
          status: 'timeout',
          message: `${label} did not complete the SSH login within ${Math.round(options.connectTimeoutMs / 1000)} s.`,
          ...base,
        });
      } else if (error.code && UNREACHABLE_CODES.has(error.code)) {
        finish({ ok: false, status: 'unreachable', message: unreachableMessage(label, error.code), ...base });
      } else {
        finish({ ok: false, status: 'error', message: `SSH to ${label} failed: ${error.message}`, ...base });
      }
    });
    client.on('close', () => {
      if (refusedKey()) return;
      finish({ ok: false, status: 'unreachable', message: `${label} closed the connection during the SSH login.` });
    });

    const pin = options.policy.pin;
    try {
      client.connect({
        ...auth,
        host: target.host,
        port: target.port,
        username: target.username,
        sock: options.sock,
        readyTimeout: options.connectTimeoutMs,
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        // Offer the pinned key type first so a server with several keys shows the pinned one.
        ...(pin && /^[a-z0-9@.-]+$/.test(pin.algorithm)
          ? { algorithms: { serverHostKey: { prepend: pin.algorithm } as never } }
          : {}),
        hostVerifier: (key: Buffer) => {
          verdict = judgeHostKey(key, options.policy, target);
          return verdict.accepted;
        },
      });
    } catch (error) {
      finish({ ok: false, status: 'error', message: `SSH to ${label} could not start: ${(error as Error).message}` });
    }
  });
}

function unreachableMessage(label: string, code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `${label} refused the connection: no SSH server is listening (is the node booted into the live image?).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${label}: the host name could not be resolved.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${label} cannot be reached from this computer (no route to the address).`;
    default:
      return `${label} dropped the connection (${code}).`;
  }
}

export interface ExecOptions {
  command: string;
  stdin: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface ExecResult {
  outcome: 'done' | 'timeout' | 'too-big' | 'error';
  stdout: string;
  stderr: string;
  exitCode?: number;
  message?: string;
}

const STDERR_LIMIT = 64 * 1024;

/** Runs a fixed command, feeds it stdin, collects bounded output. Never rejects. */
export function execBounded(client: Client, options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let settled = false;
    let exitCode: number | undefined;
    let channel: { close(): void; destroy?(): void } | undefined;
    const finish = (result: Omit<ExecResult, 'stdout' | 'stderr'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
      if (result.outcome !== 'done') {
        try {
          channel?.close();
        } catch {
          // the connection is ended right after anyway
        }
      }
    };
    const timer = setTimeout(
      () => finish({ outcome: 'timeout', message: `did not finish within ${Math.round(options.timeoutMs / 1000)} s` }),
      options.timeoutMs,
    );
    client.exec(options.command, (error, stream) => {
      if (error) {
        finish({ outcome: 'error', message: `the node refused to run the collection command (${error.message})` });
        return;
      }
      channel = stream;
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = options.maxBytes - outBytes;
        if (chunk.length > room) {
          out.push(chunk.subarray(0, Math.max(0, room)));
          outBytes = options.maxBytes;
          finish({ outcome: 'too-big', message: `sent more than ${Math.round(options.maxBytes / 1048576)} MiB of output` });
          return;
        }
        out.push(chunk);
        outBytes += chunk.length;
      });
      stream.stderr.on('data', (chunk: Buffer) => {
        if (err.length < STDERR_LIMIT) err += chunk.toString('utf8').slice(0, STDERR_LIMIT - err.length);
      });
      stream.on('exit', (code: number | null) => {
        if (typeof code === 'number') exitCode = code;
      });
      stream.on('close', () => finish({ outcome: 'done', exitCode }));
      stream.on('error', (e: Error) => finish({ outcome: 'error', message: e.message }));
      stream.end(options.stdin);
    });
  });
}
