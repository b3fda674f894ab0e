// Reads a kubeconfig (the installer's auth/kubeconfig) and builds the client-node KubeConfig
// Sitekit talks through. Only what can be checked without running anything is accepted:
// embedded certificates/keys or a bearer token. exec and auth-provider users would run programs
// named in the file, file references would read other files of this laptop, and
// insecure-skip-tls-verify would trust any server: all are refused with the field named.
// Nothing returned or thrown here carries a credential.
import { X509Certificate } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { parseDocument } from 'yaml';
import { pemBlocks } from '../net/pem';
import { ClusterError } from './failure';
import type { ApiRoute } from './types';

export const MAX_KUBECONFIG_BYTES = 1024 * 1024;
export const MAX_KUBECONFIG_CONTEXTS = 50;

/** What the kubeconfig says about the connection (no credentials). */
export interface KubeconfigInfo {
  /** https://api.acp.plant-a.example.com:6443 */
  server: string;
  context: string;
  cluster: string;
  /** The users[] entry name (admin). */
  user: string;
  /** Who it logs in as when the file shows it: the client certificate's CN (system:admin). */
  identity?: string;
  auth: 'client-certificate' | 'token';
  /** certificate-authority-data decoded: one or more PEM certificates (a public bundle). */
  caPem?: string;
  /** The cluster's tls-server-name when the file sets one. */
  tlsServerName?: string;
  namespace?: string;
}

/** The parts client-node needs; kept apart from KubeconfigInfo so credentials never travel with it. */
interface Credentials {
  certData?: string;
  keyData?: string;
  token?: string;
}

type Node = Record<string, unknown>;

export function checkKubeconfig(text: string): KubeconfigInfo {
  return readKubeconfig(text).info;
}

/**
 * The KubeConfig for client-node: the current context only, pointed along `route` (through the
 * VIP the server becomes https://<VIP>:<port> and the TLS server name stays the API name), and
 * trusting exactly `caPem` when given (the accepted pin) instead of the file's CA bundle.
 */
export function kubeConfigFor(text: string, options: { route?: ApiRoute; caPem?: string } = {}): k8s.KubeConfig {
  const { info, credentials } = readKubeconfig(text);
  const server = options.route?.viaAddress ? serverThrough(info.server, options.route.viaAddress) : info.server;
  const tlsServerName = options.route?.viaAddress ? (info.tlsServerName ?? new URL(info.server).hostname) : info.tlsServerName;
  const caPem = options.caPem ?? info.caPem;
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: info.cluster,
        server,
        skipTLSVerify: false,
        ...(tlsServerName ? { tlsServerName } : {}),
        ...(caPem ? { caData: Buffer.from(caPem, 'utf8').toString('base64') } : {}),
      },
    ],
    users: [
      {
        name: info.user,
        ...(credentials.certData ? { certData: credentials.certData, keyData: credentials.keyData } : {}),
        ...(credentials.token ? { token: credentials.token } : {}),
      },
    ],
    contexts: [{ name: info.context, cluster: info.cluster, user: info.user, ...(info.namespace ? { namespace: info.namespace } : {}) }],
    currentContext: info.context,
  });
  return kc;
}

/** https://<address>:<port of the server>, IPv6 in brackets. */
export function serverThrough(server: string, address: string): string {
  const url = new URL(server);
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `https://${host}:${url.port || '443'}`;
}

function readKubeconfig(text: string): { info: KubeconfigInfo; credentials: Credentials } {
  if (Buffer.byteLength(text, 'utf8') > MAX_KUBECONFIG_BYTES) {
    bad('The kubeconfig is larger than 1 MiB; an installer kubeconfig is a few kilobytes: choose auth/kubeconfig from the install folder.');
  }
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) bad(`The kubeconfig is not valid YAML (line ${lineOf(doc.errors[0])}): choose auth/kubeconfig from the install folder.`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 20 });
  } catch {
    bad('The kubeconfig uses YAML aliases too heavily to be read safely: choose auth/kubeconfig from the install folder.');
  }
  if (!isNode(data)) bad('The file is not a kubeconfig (no clusters, users and contexts): choose auth/kubeconfig from the install folder.');
  if (data.kind !== undefined && data.kind !== 'Config') bad(`The file is a ${String(data.kind)}, not a kubeconfig (kind: Config): choose auth/kubeconfig from the install folder.`);
  const contexts = namedList(data, 'contexts', 'context');
  const clusters = namedList(data, 'clusters', 'cluster');
  const users = namedList(data, 'users', 'user');
  if (contexts.length > MAX_KUBECONFIG_CONTEXTS) bad(`The kubeconfig has ${contexts.length} contexts (at most ${MAX_KUBECONFIG_CONTEXTS}): use the installer's auth/kubeconfig of this cluster.`);

  const current = typeof data['current-context'] === 'string' && data['current-context'] ? data['current-context'] : contexts.length === 1 ? contexts[0]?.name : undefined;
  if (!current) bad('The kubeconfig has no current-context and several contexts: set current-context to the context of this cluster.');
  const context = contexts.find((c) => c.name === current);
  if (!context) bad(`The kubeconfig's current-context "${current}" is not among its contexts: fix current-context.`);
  const clusterName = stringField(context.body, 'cluster');
  const userName = stringField(context.body, 'user');
  if (!clusterName) bad(`Context "${current}" names no cluster: set contexts[].context.cluster.`);
  if (!userName) bad(`Context "${current}" names no user: set contexts[].context.user.`);
  const cluster = clusters.find((c) => c.name === clusterName);
  if (!cluster) bad(`Context "${current}" uses cluster "${clusterName}", which the kubeconfig does not define: fix clusters[].`);
  const user = users.find((u) => u.name === userName);
  if (!user) bad(`Context "${current}" uses user "${userName}", which the kubeconfig does not define: fix users[].`);

  const server = checkServer(stringField(cluster.body, 'server'), clusterName);
  if (cluster.body['insecure-skip-tls-verify'] === true || cluster.body['insecure-skip-tls-verify'] === 'true') {
    bad(`Cluster "${clusterName}" sets insecure-skip-tls-verify, which would trust any server: remove it and keep certificate-authority-data (the installer's kubeconfig has it).`);
  }
  if (cluster.body['certificate-authority'] !== undefined) {
    bad(`Cluster "${clusterName}" points to a certificate-authority file: embed the CA as certificate-authority-data (the installer's auth/kubeconfig does).`);
  }
  if (cluster.body['proxy-url'] !== undefined) {
    bad(`Cluster "${clusterName}" sets proxy-url: Sitekit connects to the API directly (or through the API VIP); remove proxy-url.`);
  }
  const caPem = caPemOf(cluster.body['certificate-authority-data'], clusterName);
  const tlsServerName = stringField(cluster.body, 'tls-server-name');

  const { auth, credentials, identity } = checkUser(user.body, userName);
  const namespace = stringField(context.body, 'namespace');
  const info: KubeconfigInfo = {
    server,
    context: current,
    cluster: clusterName,
    user: userName,
    auth,
    ...(identity ? { identity } : {}),
    ...(caPem ? { caPem } : {}),
    ...(tlsServerName ? { tlsServerName } : {}),
    ...(namespace ? { namespace } : {}),
  };
  return { info, credentials };
}

function checkServer(server: string | undefined, clusterName: string): string {
  if (!server) bad(`Cluster "${clusterName}" has no server: set clusters[].cluster.server to https://api.<cluster>.<domain>:6443.`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    bad(`Cluster "${clusterName}" has a server that is not a URL: set it to https://api.<cluster>.<domain>:6443.`);
  }
  if (url.protocol !== 'https:') bad(`Cluster "${clusterName}" has a server that is not https: the API is https://api.<cluster>.<domain>:6443.`);
  if (url.username || url.password) bad(`Cluster "${clusterName}" has credentials inside the server URL: remove them from clusters[].cluster.server.`);
  return `https://${url.host}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
}

function caPemOf(value: unknown, clusterName: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') bad(`Cluster "${clusterName}" has a certificate-authority-data that is not text: it must be the base64 of the CA certificates.`);
  const pem = Buffer.from(value, 'base64').toString('utf8');
  const blocks = pemBlocks(pem);
  if (blocks.length === 0) bad(`Cluster "${clusterName}": certificate-authority-data is not base64 of PEM certificates; take the kubeconfig from the install folder again.`);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      bad(`Cluster "${clusterName}": a certificate in certificate-authority-data cannot be read; take the kubeconfig from the install folder again.`);
    }
  }
  return blocks.join('');
}

function checkUser(body: Node, userName: string): { auth: KubeconfigInfo['auth']; credentials: Credentials; identity?: string } {
  if (body.exec !== undefined) {
    bad(`User "${userName}" gets its credentials by running a program (exec), which Sitekit does not do from a file: use the installer's auth/kubeconfig (client certificate) instead.`);
  }
  if (body['auth-provider'] !== undefined) {
    bad(`User "${userName}" uses an auth-provider plugin, which Sitekit does not run from a file: use the installer's auth/kubeconfig (client certificate) instead.`);
  }
  for (const field of ['client-certificate', 'client-key', 'tokenFile']) {
    if (body[field] !== undefined) bad(`User "${userName}" points to a file (${field}): embed it (client-certificate-data, client-key-data, token) as the installer's auth/kubeconfig does.`);
  }
  if (body.username !== undefined || body.password !== undefined) {
    bad(`User "${userName}" logs in with a user name and password, which the OpenShift API does not accept: use the installer's auth/kubeconfig (client certificate).`);
  }
  const certData = stringField(body, 'client-certificate-data');
  const keyData = stringField(body, 'client-key-data');
  const token = stringField(body, 'token');
  if (certData || keyData) {
    if (!certData || !keyData) bad(`User "${userName}" has ${certData ? 'client-certificate-data without client-key-data' : 'client-key-data without client-certificate-data'}: take the kubeconfig from the install folder again.`);
    const certPem = Buffer.from(certData, 'base64').toString('utf8');
    let identity: string | undefined;
    try {
      identity = commonName(new X509Certificate(pemBlocks(certPem)[0] ?? '').subject);
    } catch {
      bad(`User "${userName}": client-certificate-data is not base64 of a PEM certificate; take the kubeconfig from the install folder again.`);
    }
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(Buffer.from(keyData, 'base64').toString('utf8'))) {
      bad(`User "${userName}": client-key-data is not base64 of a PEM private key; take the kubeconfig from the install folder again.`);
    }
    return { auth: 'client-certificate', credentials: { certData, keyData }, identity };
  }
  if (token) return { auth: 'token', credentials: { token } };
  bad(`User "${userName}" has no credentials (client-certificate-data and client-key-data, or token): use the installer's auth/kubeconfig.`);
}

function commonName(subject: string): string | undefined {
  const line = subject.split('\n').find((l) => l.startsWith('CN='));
  return line?.slice(3) || undefined;
}


function namedList(data: Node, key: string, inner: string): { name: string; body: Node }[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) bad(`The kubeconfig's ${key} is not a list: choose auth/kubeconfig from the install folder.`);
  return value.map((entry, index) => {
    if (!isNode(entry) || typeof entry.name !== 'string' || !entry.name) bad(`${key}[${index}] has no name: fix the kubeconfig's ${key}.`);
    const body = entry[inner];
    if (!isNode(body)) bad(`${key}[${index}] ("${entry.name}") has no ${inner} section: fix the kubeconfig's ${key}.`);
    return { name: entry.name, body };
  });
}

function stringField(node: Node, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(error: { linePos?: [{ line: number }, ...unknown[]] } | undefined): number | string {
  return error?.linePos?.[0]?.line ?? '?';
}

function bad(message: string): never {
  throw new ClusterError({ kind: 'bad-kubeconfig', message, retryable: false });
}
