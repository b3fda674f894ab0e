// What a registry certificate is judged against, and the dates of a stored verdict against
// "now". Pure (no node:crypto), so the wizard in the browser uses the verdict the main process
// made (tls-judge.ts) and still sees days left move on.
import { pemBlocks } from '../net/pem';
import type { Site } from '../site/schema';
import { splitRegistry } from './registry-targets';
import type { ChainVerdict, PlantRequest } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TlsTrust {
  /** Host name or IP the nodes connect to (the SNI name). */
  host: string;
  /** The plan's CA bundle, for the mirror registry only. */
  caBundle?: string;
  /** The nodes' system store has the public CAs: always trusted too. */
  publicRoots?: boolean;
}

/** A chain verdict with its dates judged against `now`. */
export type TlsVerdict = Omit<ChainVerdict, 'basis' | 'path'> & {
  /** Whole days until the leaf's notAfter (negative when it is over). */
  daysLeft?: number;
  /** A certificate of the path (leaf first) whose validity period does not contain `now`. */
  outOfDate?: { which: 'leaf' | 'intermediate' | 'ca'; subject: string; notBefore: string; notAfter: string; state: 'expired' | 'not-yet-valid' };
};

export function isMirrorEndpoint(site: Site, host: string, port: number): boolean {
  const planned = site.cluster.mirror ? splitRegistry(site.cluster.mirror.registry) : undefined;
  return planned !== undefined && planned.hostname.toLowerCase() === host.toLowerCase() && planned.port === port;
}

export function tlsTrustFor(site: Site, request: Extract<PlantRequest, { kind: 'tls' }>): TlsTrust {
  const caBundle = isMirrorEndpoint(site, request.host, request.port) ? site.cluster.mirror?.caBundle : undefined;
  return { host: request.serverName || request.host, ...(caBundle ? { caBundle } : {}), publicRoots: true };
}

/** FNV-1a, 32 bits: tells CA bundles apart (not a security measure: the bundle is public). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Names what a verdict was judged against; whitespace around the PEM blocks does not count. */
export function tlsBasis(trust: TlsTrust): string {
  const bundle = pemBlocks(trust.caBundle ?? '').map((b) => b.replace(/\s+/g, '')).join('|');
  return `host=${trust.host.toLowerCase()};public=${trust.publicRoots ? 1 : 0};bundle=${bundle ? `${fnv1a(bundle)}:${bundle.length}` : 'none'}`;
}

export function datedVerdict(chain: Omit<ChainVerdict, 'basis'>, now: number): TlsVerdict {
  const { path, ...rest } = chain;
  const verdict: TlsVerdict = { ...rest };
  if (chain.leaf) verdict.daysLeft = Math.floor((Date.parse(chain.leaf.notAfter) - now) / DAY_MS);
  for (const step of path) {
    const state = now > Date.parse(step.notAfter) ? 'expired' : now < Date.parse(step.notBefore) ? 'not-yet-valid' : undefined;
    if (state) {
      verdict.outOfDate = { ...step, state };
      break;
    }
  }
  return verdict;
}
