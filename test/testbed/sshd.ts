// One real OpenSSH server per node (Debian openssh-server), started inside the node's
// network namespace with a generated config, host key and authorized_keys of its own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TestBedSetupError } from './net';

const run = promisify(execFile);
export const SSHD = '/usr/sbin/sshd';
const NODE_INIT = fileURLToPath(new URL('./node-init.sh', import.meta.url));

export interface SshdSpec {
  dir: string;
  namespace: string;
  address: string; // without prefix length
  hostname: string;
  port: number;
  user: string;
  authorizedKeys: string;
  pathDir: string;
}

export function assertSshdInstalled(): void {
  if (!existsSync(SSHD)) {
    throw new TestBedSetupError('the SSH test bed needs the OpenSSH server (/usr/sbin/sshd): apt-get install -y openssh-server');
  }
}

/** Generates an ed25519 key pair; returns the SHA256 fingerprint of the public key. */
export async function generateKey(file: string, comment: string, passphrase = ''): Promise<string> {
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file]);
  return fingerprint(`${file}.pub`);
}

export async function fingerprint(publicKeyFile: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]);
  const match = /(SHA256:\S+)/.exec(stdout);
  if (!match) throw new Error(`no fingerprint in: ${stdout}`);
  return match[1]!;
}

export async function writeSshdConfig(spec: SshdSpec): Promise<string> {
  const config = path.join(spec.dir, 'sshd_config');
  // StrictModes off: the authorized_keys file lives under /tmp, not in the user's home.
  // UsePAM off + PasswordAuthentication: passwords are checked against /etc/shadow.
  await writeFile(
    config,
    [
      `ListenAddress ${spec.address}:${spec.port}`,
      `HostKey ${path.join(spec.dir, 'ssh_host_ed25519_key')}`,
      `PidFile ${path.join(spec.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${spec.authorizedKeys}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin no',
      `AllowUsers ${spec.user}`,
      `SetEnv PATH=${spec.pathDir}:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin`,
      'Subsystem sftp internal-sftp',
      'MaxStartups 100:30:200',
      'MaxSessions 50',
      'LoginGraceTime 20',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  return config;
}

export interface RunningSshd {
  child: ChildProcess;
  pid: number;
  log: () => string;
}

/** Starts sshd in the namespace and waits until it accepts connections. */
export async function startSshd(spec: SshdSpec, config: string): Promise<RunningSshd> {
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation dir sshd insists on
  // `ip netns exec` execs sshd, so the child pid is sshd's own.
  // A UTS namespace of its own gives each node its own hostname; unshare and node-init exec,
  // so the child's pid ends up being sshd's.
  const args = ['netns', 'exec', spec.namespace, 'unshare', '--uts', NODE_INIT, spec.hostname, spec.dir];
  const child = spawn('ip', [...args, SSHD, '-D', '-e', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (log.length < 64 * 1024) log += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`sshd for ${spec.namespace} exited with ${code}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPort(spec.address, spec.port, SSHD_START_LIMIT_MS), exited]);
  } catch (error) {
    // Not up: stop it so nothing is left behind, and say what sshd itself said.
    child.kill('SIGKILL');
    const said = log.trim() ? `; sshd said: ${log.trim()}` : '; sshd printed nothing';
    throw new Error(`${(error as Error).message}${said}`);
  }
  return { child, pid: child.pid!, log: () => log };
}

export async function stopSshd(sshd: RunningSshd | undefined): Promise<void> {
  if (!sshd || sshd.child.exitCode !== null || sshd.child.signalCode !== null) return;
  const gone = new Promise((resolve) => sshd.child.once('exit', resolve));
  sshd.child.kill('SIGTERM');
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (sshd.child.exitCode === null && sshd.child.signalCode === null) sshd.child.kill('SIGKILL');
}

/**
 * Kills processes a bed started, by the pids it wrote — only when /proc still shows the same
 * program (`marker` in its command line), so a reused pid is never hit.
 */
/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function killByPidFile(file: string, marker: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const pid of text.split(/\s+/).map(Number).filter((n) => n > 1)) {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
    if (!cmdline.includes(marker)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

/**
 * How long sshd may take to listen. It is ready within a second on an idle machine, but a busy
 * two-core CI machine (load 4–7) has taken over 8 s; the wait ends as soon as the port answers,
 * so a wide limit costs nothing when all is well.
 */
const SSHD_START_LIMIT_MS = 60_000;

/** Waits until something accepts TCP connections on host:port (`what` names it in the error). */
export async function waitForPort(host: string, port: number, timeoutMs: number, what = 'sshd'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.setTimeout(500, () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} on ${host}:${port} did not start listening within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
