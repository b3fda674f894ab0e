// The API server's CA, pinned like an SSH host key: `<site dir>/.sitekit/cluster/api-pin.json`
// holds the CA the technician accepted on first contact, and every later request is verified
// against exactly that CA. A pin file that cannot be read is an error, never "no pin" (that
// would silently trust a new CA). The identity is read with one TLS handshake that verifies
// nothing itself (it only looks), keeping the API name as the TLS server name when the
// connection goes through the API VIP.
import { X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { isIP } from 'node:net';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { BoundedReadError, readTextBounded } from '../fs/read-bounded';
import { ClusterError, cancelledFailure, toClusterError } from './failure';
import { pemBlocks } from '../net/pem';
import type { ApiPin, ApiRoute, ApiServerIdentity, CertificateView } from './types';

const WORKSPACE_DIR = '.sitekit';
/** A CA certificate and a few fields: far below this. */
const MAX_PIN_BYTES = 256 * 1024;
const SHA256_VIEW = /^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

const pinSchema = z.object({
  server: z.string().regex(/^https:\/\//),
  caSha256: z.string().regex(SHA256_VIEW),
  caPem: z.string().includes('-----BEGIN CERTIFICATE-----'),
  acceptedAt: z.string(),
});
const pinFileSchema = z.object({ version: z.literal(1), pin: pinSchema });

export function pinPath(siteDir: string): string {
  return path.join(siteDir, WORKSPACE_DIR, 'cluster', 'api-pin.json');
}

export async function loadPin(siteDir: string): Promise<ApiPin | undefined> {
  const file = pinPath(siteDir);
  let text: string;
  try {
    // A pin is a few KiB; the file comes with the site folder, which may come from anywhere.
    text = await readTextBounded(file, { maxBytes: MAX_PIN_BYTES, what: 'an API pin file' });
  } catch (error) {
    if (error instanceof BoundedReadError && error.problem === 'not-found') return undefined;
    if (error instanceof BoundedReadError) throw new Error(`${file} cannot be used: ${error.reason}; fix or remove it (the API server's CA is then asked for again).`);
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix or remove it (the API server's CA is then asked for again).`);
  }
  const parsed = pinFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file} is not a Sitekit API pin file; fix or remove it (the API server's CA is then asked for again).`);
  if (sha256View(parsed.data.pin.caPem) !== parsed.data.pin.caSha256) {
    throw new Error(`${file}: the pinned CA does not match its fingerprint; remove the file and accept the API server's CA again.`);
  }
  return parsed.data.pin;
}

export async function savePin(siteDir: string, pin: ApiPin): Promise<void> {
  const file = pinPath(siteDir);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, pin }, null, 2)}\n`);
}

/** `SHA256:AB:CD:…` of one PEM certificate (the first in the text). */
export function sha256View(pem: string): string {
  return `SHA256:${new X509Certificate(pem).fingerprint256}`;
}

export function certificateView(cert: X509Certificate): CertificateView {
  return {
    sha256: `SHA256:${cert.fingerprint256}`,
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

/** What one TLS handshake showed, with what connect needs to judge it. */
export interface ServerInspection {
  identity: ApiServerIdentity;
  /** The CA as PEM (public): what a new pin stores. */
  caPem: string;
  /** True when the CA is one of the kubeconfig's (it signed a certificate of the chain). */
  signedByKubeconfigCa: boolean;
  /** True when the leaf is valid for the API name (the name the kubeconfig's server has). */
  nameMatches: boolean;
}

export interface InspectOptions {
  /** The kubeconfig's CA bundle (certificate-authority-data decoded). */
  caPem?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  apiVips?: readonly string[];
}

export async function fetchServerIdentity(route: ApiRoute, options: InspectOptions = {}): Promise<ApiServerIdentity> {
  return (await inspectApiServer(route, options)).identity;
}

/**
 * One TLS handshake with the API server (through the VIP when the route says so, the API name
 * kept as servername): the leaf and the CA its chain ends at, i.e. the kubeconfig CA that signed
 * a certificate of the chain, or else the top certificate the server presented.
 */
export async function inspectApiServer(route: ApiRoute, options: InspectOptions = {}): Promise<ServerInspection> {
  const url = new URL(route.server);
  const name = url.hostname.replace(/^\[|\]$/g, '');
  const host = route.viaAddress ?? name;
  const port = Number(url.port || 443);
  const context = { server: route.server, viaAddress: route.viaAddress, apiVips: options.apiVips, signal: options.signal };
  if (options.signal?.aborted) throw new ClusterError(cancelledFailure());

  const chain = await new Promise<X509Certificate[]>((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      // SNI only carries names; the certificate is judged below and by every later request.
      ...(isIP(name) ? {} : { servername: name }),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' })), options.timeoutMs ?? 15_000);
    const onAbort = () => socket.destroy(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    socket.once('secureConnect', () => {
      done();
      try {
        resolve(peerChain(socket));
      } catch (error) {
        reject(error);
      } finally {
        socket.end();
      }
    });
    socket.once('error', (error) => {
      done();
      reject(error);
    });
  }).catch((error: unknown) => {
    throw toClusterError(error, context);
  });

  const leaf = chain[0];
  if (!leaf) {
    throw new ClusterError({ kind: 'tls-untrusted', message: `${host} presented no certificate: check that it is the cluster's API server (port 6443).`, retryable: false });
  }
  const trusted = (options.caPem ? pemBlocks(options.caPem) : []).map((pem) => new X509Certificate(pem));
  let ca: X509Certificate | undefined;
  for (const cert of chain) {
    ca = trusted.find((candidate) => issued(candidate, cert));
    if (ca) break;
  }
  const top = chain[chain.length - 1] as X509Certificate;
  const chosen = ca ?? top;
  return {
    identity: { leaf: certificateView(leaf), ca: certificateView(chosen), caFromKubeconfig: ca !== undefined },
    caPem: chosen.toString(),
    signedByKubeconfigCa: ca !== undefined,
    nameMatches: (isIP(name) ? leaf.checkIP(name) : leaf.checkHost(name)) !== undefined,
  };
}

/** The presented chain from the leaf upwards (getPeerCertificate(true) links it through issuerCertificate). */
function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

function issued(ca: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}
