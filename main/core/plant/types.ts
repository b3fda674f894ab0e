// The plant's services as a node sees them: what Sitekit asks the node (requests, made from the
// plan on the laptop) and what came back (facts, parsed from the capture). Plain data, zod
// schemas so stored inventories are checked when they are read back.
import { z } from 'zod';

/** One question the collection script asks on the node. `id` is unique in one capture. */
export const plantRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dns'),
    id: z.string(),
    /** A plan DNS server (IP), or `node` for the node's own resolvers (getent). */
    server: z.string(),
    type: z.enum(['A', 'AAAA', 'PTR']),
    /** The name asked, or for PTR the IP address. */
    name: z.string(),
  }),
  z.object({ kind: z.literal('tls'), id: z.string(), host: z.string(), port: z.int(), serverName: z.string(), proxy: z.string().optional() }),
  z.object({
    kind: z.literal('http'),
    id: z.string(),
    method: z.enum(['GET', 'HEAD']),
    url: z.string(),
    /** A registry manifest: sent with the manifest Accept headers. */
    manifest: z.boolean().optional(),
    /** Index of the credentials the script holds for this registry host (live probe only). */
    auth: z.int().optional(),
    proxy: z.string().optional(),
  }),
  z.object({ kind: z.literal('ntp'), id: z.string(), server: z.string() }),
  z.object({ kind: z.literal('ping'), id: z.string(), address: z.string() }),
]);
export type PlantRequest = z.infer<typeof plantRequestSchema>;
export type PlantRequestKind = PlantRequest['kind'];

/** What the laptop expects of an answer; kept beside the request so a capture explains itself. */
export interface PlantExpectation {
  requestId: string;
  /** e.g. 'api', 'api-int', 'apps', 'wildcard-cluster', 'wildcard-base', 'node-forward', 'node-ptr', 'registry-v2', 'release-image', 'operator-index', 'gateway', 'api-vip-free', 'ingress-vip-free', 'ntp-source'. */
  purpose: string;
  /** Addresses a DNS answer must contain (forward) or the host label a PTR must name. */
  expect?: string[];
  /** The node this request is about (node-forward, node-ptr), when not the probed node itself. */
  node?: string;
  /** JSON pointer of the plan field a finding goes under. */
  path: string;
}

export interface PlantPlan {
  requests: PlantRequest[];
  expectations: PlantExpectation[];
}

export const dnsResultSchema = z.object({
  requestId: z.string(),
  /** 'dig' (asked the named server), 'getent' (the node's resolvers), or the tool that was missing. */
  tool: z.string(),
  /** NOERROR, NXDOMAIN, SERVFAIL, REFUSED, … (dig), 'found'/'not-found' (getent), 'timeout', 'no-tool', 'error'. */
  status: z.string(),
  /** Addresses (A/AAAA) or names (PTR) in the answer, in order; CNAMEs followed. */
  answers: z.array(z.string()),
  /** CNAME targets seen on the way. */
  cnames: z.array(z.string()).optional(),
  /** Which server answered (dig's SERVER line), when known. */
  answeredBy: z.string().optional(),
  message: z.string().optional(),
});
export type DnsResult = z.infer<typeof dnsResultSchema>;

const certificateFactsSchema = z.object({ subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string() });

/**
 * How the laptop judged the chain the node saw (node:crypto, in the main process), without the
 * dates against "now" (the checks add those, so a stored verdict stays right as days pass).
 * `basis` names what it was judged against (host, CA bundle, public roots): a verdict of
 * another basis (the plan's CA bundle changed since) is not used.
 */
export const chainVerdictSchema = z.object({
  basis: z.string(),
  readable: z.boolean(),
  leaf: certificateFactsSchema.optional(),
  trusted: z.boolean(),
  anchor: z.enum(['bundle', 'public']).optional(),
  trustProblem: z.string().optional(),
  missingCa: z.string().optional(),
  nameMatches: z.boolean(),
  names: z.array(z.string()),
  /** The certificates from the leaf to the trust anchor, with their validity. */
  path: z.array(z.object({ which: z.enum(['leaf', 'intermediate', 'ca']), subject: z.string(), notBefore: z.string(), notAfter: z.string() })),
});
export type ChainVerdict = z.infer<typeof chainVerdictSchema>;

export const tlsResultSchema = z.object({
  requestId: z.string(),
  /** connected: a TLS handshake happened and `chainPem` is what the server sent. */
  status: z.enum(['connected', 'unresolved', 'refused', 'timeout', 'no-tool', 'error']),
  /** PEM certificates as the server sent them, leaf first. */
  chainPem: z.array(z.string()),
  protocol: z.string().optional(),
  message: z.string().optional(),
  verdict: chainVerdictSchema.optional(),
});
export type TlsResult = z.infer<typeof tlsResultSchema>;

export const httpResultSchema = z.object({
  requestId: z.string(),
  status: z.enum(['answered', 'unresolved', 'refused', 'timeout', 'tls-error', 'no-tool', 'error']),
  /** HTTP status code of the last response (after a bearer-token round, the retried request). */
  code: z.int().optional(),
  /** Whether credentials were sent (basic, or a bearer token obtained with them). */
  authSent: z.boolean().optional(),
  /** 'basic' | 'bearer' | 'none': the registry's WWW-Authenticate scheme on a 401. */
  challenge: z.string().optional(),
  /** Docker-Content-Digest of a manifest answer. */
  digest: z.string().optional(),
  contentType: z.string().optional(),
  seconds: z.number().optional(),
  message: z.string().optional(),
});
export type HttpResult = z.infer<typeof httpResultSchema>;

export const ntpResultSchema = z.object({
  requestId: z.string(),
  status: z.enum(['answered', 'no-answer', 'unresolved', 'no-tool', 'error']),
  /** Offset of the node's clock to the source, seconds (positive: the node is fast). */
  offsetSeconds: z.number().optional(),
  /** Stratum, when chronyc already follows this source (chronyd -Q does not print it). */
  stratum: z.int().optional(),
  message: z.string().optional(),
});
export type NtpResult = z.infer<typeof ntpResultSchema>;

export const pingResultSchema = z.object({
  requestId: z.string(),
  status: z.enum(['answered', 'no-answer', 'unreachable', 'no-tool', 'error']),
  sent: z.int().optional(),
  received: z.int().optional(),
  avgMs: z.number().optional(),
  message: z.string().optional(),
});
export type PingResult = z.infer<typeof pingResultSchema>;

/** The opt-in install-disk speed test (written on the node, then removed). */
export const diskSpeedResultSchema = z.object({
  /** The device the boot hint selected, e.g. /dev/sda, and the path written to. */
  device: z.string(),
  target: z.string(),
  status: z.enum(['measured', 'refused', 'no-tool', 'error']),
  /** 'fio' (the Assisted Installer's own command) or 'dd' (an approximation: average, not p99). */
  tool: z.string().optional(),
  /** 99th percentile of fdatasync, ms (fio); average per synced write for dd. */
  syncMs: z.number().optional(),
  /** Whether syncMs is the 99th percentile (fio) or an average (dd). */
  measure: z.enum(['p99', 'average']).optional(),
  thresholdMs: z.number().optional(),
  message: z.string().optional(),
});
export type DiskSpeedResult = z.infer<typeof diskSpeedResultSchema>;

export const plantFactsSchema = z.object({
  /** The requests as the capture echoed them (so an imported capture explains itself). */
  requests: z.array(plantRequestSchema),
  /** nameserver lines of /etc/resolv.conf: the node's own resolvers. */
  resolvers: z.array(z.string()).optional(),
  dns: z.array(dnsResultSchema),
  tls: z.array(tlsResultSchema),
  http: z.array(httpResultSchema),
  ntp: z.array(ntpResultSchema),
  ping: z.array(pingResultSchema),
  diskSpeed: diskSpeedResultSchema.optional(),
  /** Tools the plant checks use that the node lacks (dig, openssl, curl, chronyd, ping, fio). */
  missingTools: z.array(z.string()).optional(),
});
export type PlantFacts = z.infer<typeof plantFactsSchema>;
