// An install folder as `openshift-install agent create image` leaves it (see SOURCES.md):
// auth/kubeconfig, auth/kubeadmin-password and .openshift_install_state.json — the asset state
// written the way the installer's store writes it (Go json.MarshalIndent with 4 spaces, the
// top-level keys sorted, <, > and & escaped), with the `*gencrypto.AuthConfig` asset in the shape
// of the chosen installer generation and real ES256 JWTs, plus the assets that make a real state
// file large and full of secrets (the kubeconfig with its client key, the kubeadmin password,
// the agent ignition with the tokens inside data URLs). `secrets` lists every value that must
// never leave Sitekit.
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';

/** Which AuthConfig shape: 4.18+ (three persona tokens), 4.17 (one AgentAuthToken), 4.16 (none). */
export type InstallerGeneration = '4.18' | '4.17' | '4.16';

export interface InstallFolderOptions {
  /** auth/kubeconfig's text; undefined: the file is not written. */
  kubeconfig?: string;
  /** auth/kubeadmin-password; null: not written ('' writes the empty file of a hash-only install). */
  kubeadminPassword?: string | null;
  generation?: InstallerGeneration;
  /** Write no state file at all. */
  noState?: boolean;
  /** Roughly this many bytes of ignition payload in the state file (default 200 KiB). */
  ignitionBytes?: number;
  /** Put *gencrypto.AuthConfig last, out of Go's order, so a scan has to read the whole file. */
  authConfigLast?: boolean;
}

export interface FakeInstallFolder {
  dir: string;
  password?: string;
  tokens: { agent?: string; user?: string; watcher?: string };
  stateFile: string;
  /** Every value that must never appear in an answer, event, log line or output. */
  secrets: string[];
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The password form openshift-install generates: 23 characters, dashes at 5, 11 and 17. */
function installerPassword(): string {
  const all = 'abcdefghijkmnopqrstuvwxyzABCDEFGHIJKLMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(23)].map((b) => all[b % all.length]!);
  for (const i of [5, 11, 17]) chars[i] = '-';
  return chars.join('');
}

function pem(type: string, der: Buffer): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${type}-----\n${body}-----END ${type}-----\n`;
}

/** The installer's key pair and tokens: ES256 JWTs signed with a fresh P-256 key. */
function authConfig(generation: InstallerGeneration): { asset?: Record<string, string>; tokens: FakeInstallFolder['tokens'] } {
  if (generation === '4.16') return { tokens: {} };
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // keyPairPEM: "EC PUBLIC KEY" block of the PKIX bytes, then base64 of the whole PEM.
  const publicKeyField = Buffer.from(pem('EC PUBLIC KEY', publicKey.export({ type: 'spki', format: 'der' }))).toString('base64');
  const jwt = (claims: Record<string, unknown>) => {
    const input = `${b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }))}`;
  };
  if (generation === '4.17') {
    const agent = jwt({ infra_env_id: randomUUID() });
    return {
      asset: { PublicKey: publicKeyField, AgentAuthToken: agent, AgentAuthTokenExpiry: '', AuthType: 'agent-installer-local' },
      tokens: { agent },
    };
  }
  const agent = jwt({ sub: 'agentAuth' });
  const user = jwt({ sub: 'userAuth' });
  const watcher = jwt({ sub: 'watcherAuth' });
  return {
    asset: { PublicKey: publicKeyField, AgentAuthToken: agent, UserAuthToken: user, WatcherAuthToken: watcher, AuthTokenExpiry: '', AuthType: 'agent-installer-local' },
    tokens: { agent, user, watcher },
  };
}

/** A file of the agent ignition as ignition.FileFromString makes it (v3.2 types, data URL). */
function ignitionFile(filePath: string, text: string, mode = 420) {
  return {
    group: {},
    overwrite: true,
    path: filePath,
    user: { name: 'root' },
    contents: { source: `data:text/plain;charset=utf-8;base64,${Buffer.from(text).toString('base64')}`, verification: {} },
    mode,
  };
}

/** Go's json.MarshalIndent(v, "", "    ") with its HTML-safe escaping. */
function goMarshalIndent(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function writeInstallFolder(dir: string, options: InstallFolderOptions = {}): Promise<FakeInstallFolder> {
  const generation = options.generation ?? '4.18';
  await mkdir(path.join(dir, 'auth'), { recursive: true });
  const secrets: string[] = [];
  const password = options.kubeadminPassword === undefined ? installerPassword() : (options.kubeadminPassword ?? undefined);
  if (password !== undefined) {
    await writeFile(path.join(dir, 'auth', 'kubeadmin-password'), password, { mode: 0o600 });
    if (password) secrets.push(password);
  }
  if (options.kubeconfig !== undefined) await writeFile(path.join(dir, 'auth', 'kubeconfig'), options.kubeconfig, { mode: 0o600 });
  const auth = authConfig(generation);
  secrets.push(...Object.values(auth.tokens).filter((t): t is string => t !== undefined));

  const stateFile = path.join(dir, '.openshift_install_state.json');
  const result: FakeInstallFolder = { dir, ...(password ? { password } : {}), tokens: auth.tokens, stateFile, secrets };
  if (options.noState) return result;

  const kubeconfigObject = options.kubeconfig ? (YAML.parse(options.kubeconfig) as Record<string, unknown>) : undefined;
  const rendezvousEnv = `NODE_ZERO_IP=10.10.0.11\nSERVICE_BASE_URL=http://10.10.0.11:8090/\nIMAGE_SERVICE_BASE_URL=http://10.10.0.11:8888/\n${
    auth.tokens.agent ? `AGENT_AUTH_TOKEN=${auth.tokens.agent}\n` : ''
  }${auth.tokens.user ? `USER_AUTH_TOKEN=${auth.tokens.user}\n` : ''}WORKFLOW_TYPE=install\n`;
  // The bulk of a real state file: the ignition's embedded files (scripts, manifests, images lists).
  const padding = Array.from({ length: Math.max(1, Math.ceil((options.ignitionBytes ?? 200 * 1024) / 48_000)) }, (_, i) =>
    ignitionFile(`/usr/local/share/assisted/payload-${i}.bin`, randomBytes(36_000).toString('base64')),
  );
  // A decoy: the asset's name inside a file's text, which must not count as the asset.
  const decoy = ignitionFile('/usr/local/share/assisted/notes.json', JSON.stringify({ '*gencrypto.AuthConfig': { WatcherAuthToken: 'not-the-token' } }));

  const state: Record<string, unknown> = {
    '*agentconfig.AgentHosts': { Hosts: [{ Hostname: 'acp-1', Role: 'master' }] },
    '*image.Ignition': {
      Config: {
        ignition: { version: '3.2.0' },
        passwd: { users: [{ name: 'core', passwordHash: '$2a$10$abcdefghijklmnopqrstuu5B6rHnFOWDp2sWcvBXf3gFGN1ZJ5G.q' }] },
        storage: { files: [ignitionFile('/etc/assisted/rendezvous-host.env', rendezvousEnv, 420), decoy, ...padding] },
      },
      CPUArch: 'x86_64',
      RendezvousIP: '10.10.0.11',
    },
    '*password.KubeadminPassword': {
      Password: password ?? '',
      PasswordHash: Buffer.from('$2a$10$0123456789abcdefghijkuTgJ8xQ1kQ2mD2n3b4c5d6e7f8g9h0i').toString('base64'),
      File: { Filename: 'auth/kubeadmin-password', Data: Buffer.from(password ?? '').toString('base64') },
    },
    // Nested, not top level: the scan must not take this for the asset either.
    '*agentconfig.AgentConfig': { Config: { '*gencrypto.AuthConfig': { WatcherAuthToken: 'nested-not-the-token' } }, File: null },
  };
  if (kubeconfigObject) {
    state['*kubeconfig.AgentAdminClient'] = { Config: kubeconfigObject, File: { Filename: 'auth/kubeconfig', Data: Buffer.from(options.kubeconfig!).toString('base64') } };
  }
  const keys = Object.keys(state).sort();
  const ordered: Record<string, unknown> = {};
  if (auth.asset) {
    keys.push('*gencrypto.AuthConfig');
    keys.sort();
    if (options.authConfigLast) {
      keys.splice(keys.indexOf('*gencrypto.AuthConfig'), 1);
      state['*zz.Last'] = {};
      keys.push('*zz.Last', '*gencrypto.AuthConfig');
    }
  }
  for (const key of keys) ordered[key] = key === '*gencrypto.AuthConfig' ? auth.asset : state[key];
  await writeFile(stateFile, goMarshalIndent(ordered), { mode: 0o640 });
  return result;
}
