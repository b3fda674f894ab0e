// Judges the certificate chain a node saw (openssl s_client -showcerts on the node) on the
// laptop: does it lead to a trusted CA, does it name the host the nodes use, and how long is it
// still valid. The node's curl runs with -k on purpose: trust is decided here, against the
// plan's CA bundle (and the public roots the nodes' system store also has), the same way for a
// live probe and an imported capture.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { pemBlocks } from '../net/pem';
import { datedVerdict, type TlsTrust, type TlsVerdict } from './tls-trust';
import type { ChainVerdict } from './types';

/** Longer chains than this are not real server chains; stops a loop on odd input. */
const MAX_CHAIN_DEPTH = 8;

export type { TlsVerdict } from './tls-trust';

export interface VerifyOptions extends TlsTrust {
  now: number;
}

interface Anchor {
  cert: X509Certificate;
  source: 'bundle' | 'public';
}

let publicAnchors: Anchor[] | undefined;

function parse(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function anchorsFor(options: TlsTrust): Anchor[] {
  const bundle = pemBlocks(options.caBundle ?? '')
    .map(parse)
    .filter((c): c is X509Certificate => c !== undefined)
    .map((cert) => ({ cert, source: 'bundle' as const }));
  if (!options.publicRoots) return bundle;
  publicAnchors ??= rootCertificates.map(parse).filter((c): c is X509Certificate => c !== undefined).map((cert) => ({ cert, source: 'public' as const }));
  return [...bundle, ...publicAnchors];
}

/** `CN=x, O=y` from the multi-line distinguished name node:crypto gives. */
export function oneLineName(distinguishedName: string): string {
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}

function facts(cert: X509Certificate): NonNullable<ChainVerdict['leaf']> {
  return { subject: oneLineName(cert.subject), issuer: oneLineName(cert.issuer), notBefore: iso(cert.validFrom), notAfter: iso(cert.validTo) };
}

function iso(date: string): string {
  const ms = Date.parse(date);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : date;
}

/** `issuer` is a CA certificate (basicConstraints CA:TRUE) whose key signed `child`. */
function signedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return issuer.ca && child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function namesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .map((n) => n.trim())
    .filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:'));
}

function matchesHost(cert: X509Certificate, host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  // subject 'never': like Go's crypto/tls (CRI-O, the installer), a CN alone never counts.
  if (isIP(bare)) return cert.checkIP(bare) !== undefined;
  return cert.checkHost(bare, { subject: 'never' }) !== undefined;
}

/** Walks leaf → intermediates the server sent → an anchor; the anchor may be the leaf itself. */
export function chainVerdict(chainPem: readonly string[], trust: TlsTrust): Omit<ChainVerdict, 'basis'> {
  const chain = chainPem.map(parse).filter((c): c is X509Certificate => c !== undefined);
  const leaf = chain[0];
  if (!leaf) return { readable: false, trusted: false, nameMatches: false, names: [], path: [] };
  const anchors = anchorsFor(trust);
  const intermediates = chain.slice(1);
  const path: { cert: X509Certificate; which: 'leaf' | 'intermediate' | 'ca' }[] = [{ cert: leaf, which: 'leaf' }];
  let anchor: Anchor | undefined;
  let current = leaf;
  for (let depth = 0; depth < MAX_CHAIN_DEPTH && !anchor; depth++) {
    // A certificate that is itself in the bundle is trusted as it is (a self-signed registry
    // certificate pasted into the bundle, or an intermediate CA planted as the anchor).
    const same = anchors.find((a) => a.cert.fingerprint256 === current.fingerprint256);
    if (same) {
      anchor = same;
      break;
    }
    const issuerAnchor = anchors.find((a) => signedBy(current, a.cert));
    if (issuerAnchor) {
      anchor = issuerAnchor;
      path.push({ cert: issuerAnchor.cert, which: 'ca' });
      break;
    }
    const next = intermediates.find((c) => c !== current && !path.some((p) => p.cert === c) && signedBy(current, c));
    if (!next) break;
    path.push({ cert: next, which: 'intermediate' });
    current = next;
  }
  const verdict: Omit<ChainVerdict, 'basis'> = {
    readable: true,
    leaf: facts(leaf),
    trusted: anchor !== undefined,
    nameMatches: matchesHost(leaf, trust.host),
    names: namesOf(leaf),
    path: path.map((step) => ({ which: step.which, subject: oneLineName(step.cert.subject), notBefore: iso(step.cert.validFrom), notAfter: iso(step.cert.validTo) })),
  };
  if (anchor) verdict.anchor = anchor.source;
  else {
    const top = current;
    const selfSigned = top.checkIssued(top);
    verdict.missingCa = oneLineName(selfSigned ? top.subject : top.issuer);
    verdict.trustProblem = selfSigned
      ? `the chain ends at the self-signed ${top === leaf ? 'server certificate' : 'CA'} ${oneLineName(top.subject)}, which is not in the trusted CAs`
      : `the chain ends at a certificate issued by ${oneLineName(top.issuer)}, and that CA is neither in the trusted CAs nor sent by the server`;
  }
  return verdict;
}

/** The chain verdict with its dates judged against `options.now`. */
export function verifyServerChain(chainPem: readonly string[], options: VerifyOptions): TlsVerdict {
  return datedVerdict(chainVerdict(chainPem, options), options.now);
}
