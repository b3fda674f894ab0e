// The plant's services as one node saw them, in plain words: per service a small table of what
// Sitekit asked (from the capture's own requests) and what came back. Shared by the Discover
// step (browser) and the report, so it is pure and imports nothing of Node. The marks here only
// help the eye; the findings under the plan fields (core/plant/checks) are the judgement.
import type { Site } from '../site/schema';
import { certificateDaysLeft } from './cert-dates';
import type { DiskSpeedResult, DnsResult, HttpResult, PlantFacts, PlantRequest } from './types';

/** ok: as planned; bad: a problem; warn: worth a look; unknown: not asked or no answer to judge. */
export type PlantMark = 'ok' | 'bad' | 'warn' | 'unknown';

export interface PlantCell {
  text: string;
  mark: PlantMark;
}

export interface PlantRow {
  /** What was asked, short. */
  asked: string;
  /** What the answer should be, when there is a plan for it. */
  expect?: string;
  cells: PlantCell[];
}

export interface PlantTable {
  id: 'dns' | 'registry' | 'ntp' | 'reach' | 'disk';
  title: string;
  /** Column heads after "asked": one per DNS server, else "Answer". */
  columns: string[];
  rows: PlantRow[];
  /** A line under the table (the node's own resolvers, tools it lacks). */
  note?: string;
}

export interface PlantView {
  tables: PlantTable[];
  /** Count of cells per mark, for a one-line summary. */
  marks: Record<PlantMark, number>;
  /** Tools the node lacks: the checks that need them were not made. */
  missingTools: string[];
}

const NOT_ASKED: PlantCell = { text: 'not in this capture', mark: 'unknown' };

type Dns = Extract<PlantRequest, { kind: 'dns' }>;

function isV6(ip: string): boolean {
  return ip.includes(':');
}

function clusterDomain(site: Site): string {
  return `${site.cluster.name}.${site.cluster.baseDomain}`.toLowerCase();
}

/** What a DNS question is for, and the addresses (or host label, PTR) that should come back. */
function dnsPurpose(site: Site, req: Dns): { label: string; asked?: string; expect?: string[]; none?: boolean; soft?: boolean } {
  const domain = clusterDomain(site);
  const name = req.name.toLowerCase().replace(/\.$/, '');
  const family = (ips: readonly string[]) => ips.filter((ip) => isV6(ip) === (req.type === 'AAAA'));
  const clusterNet = site.networks.find((n) => n.role === 'cluster');
  if (req.type === 'PTR') {
    const node = site.nodes.find((n) => clusterNet && n.addresses[clusterNet.name] === req.name);
    return { label: `${req.name} (reverse)`, ...(node ? { expect: [node.hostname] } : {}), soft: true };
  }
  const suffix = ` (${req.type})`;
  if (name === `api.${domain}`) return { label: `api${suffix}`, expect: family(site.cluster.apiVIPs) };
  if (name === `api-int.${domain}`) return { label: `api-int${suffix}`, expect: family(site.cluster.apiVIPs) };
  if (name.endsWith(`.apps.${domain}`)) return { label: `*.apps${suffix}`, expect: family(site.cluster.ingressVIPs) };
  if (name.startsWith('validatenowildcarddns')) {
    // A name nobody plans: any answer comes from a wildcard record.
    return { label: name.endsWith(`.${domain}`) ? 'no wildcard (cluster domain)' : 'no wildcard (base domain)', asked: req.name, none: true };
  }
  const node = site.nodes.find((n) => name === `${n.hostname}.${domain}`.toLowerCase());
  if (node) {
    const ip = clusterNet ? node.addresses[clusterNet.name] : undefined;
    return { label: `${node.hostname}${suffix}`, ...(ip ? { expect: [ip] } : {}), soft: true };
  }
  return { label: `${req.name}${suffix}` };
}

function dnsCell(result: DnsResult | undefined, purpose: ReturnType<typeof dnsPurpose>, ptr: boolean): PlantCell {
  if (!result) return NOT_ASKED;
  const answers = result.answers;
  switch (result.status) {
    case 'timeout':
      return { text: 'no answer (timed out)', mark: 'bad' };
    case 'no-tool':
      return { text: `${result.tool} is not installed on the node`, mark: 'unknown' };
    case 'REFUSED':
      return { text: 'refused to answer', mark: 'bad' };
    case 'SERVFAIL':
      return { text: 'server failure', mark: 'bad' };
    case 'error':
      return { text: result.message ? `error: ${result.message}` : 'error', mark: 'unknown' };
  }
  const missing = purpose.soft ? 'warn' : 'bad';
  if (answers.length === 0) {
    const text = result.status === 'NXDOMAIN' ? 'no such name' : result.status === 'not-found' ? 'not found' : 'no record';
    return { text, mark: purpose.none ? 'ok' : purpose.expect ? missing : 'unknown' };
  }
  const text = answers.join(', ');
  if (purpose.none) return { text: `${text} (a wildcard answers)`, mark: 'bad' };
  if (!purpose.expect || purpose.expect.length === 0) return { text, mark: 'unknown' };
  const ok = ptr
    ? answers.some((a) => a.toLowerCase().split('.')[0] === purpose.expect![0]!.toLowerCase())
    : purpose.expect.every((ip) => answers.includes(ip)) && answers.every((a) => purpose.expect!.includes(a));
  return { text, mark: ok ? 'ok' : missing };
}

function dnsTable(site: Site, facts: PlantFacts): PlantTable | undefined {
  const asked = facts.requests.filter((r): r is Dns => r.kind === 'dns');
  if (asked.length === 0) return undefined;
  const servers = [...new Set(asked.map((r) => r.server))].sort((a, b) => (a === 'node' ? 1 : b === 'node' ? -1 : 0));
  const questions = new Map<string, Dns>();
  for (const r of asked) questions.set(`${r.type} ${r.name}`, questions.get(`${r.type} ${r.name}`) ?? r);
  const rows = [...questions.values()].map((q): PlantRow => {
    const purpose = dnsPurpose(site, q);
    const cells = servers.map((server) => {
      const req = asked.find((r) => r.server === server && r.type === q.type && r.name === q.name);
      if (!req) return { text: '—', mark: 'unknown' as const };
      return dnsCell(facts.dns.find((d) => d.requestId === req.id), purpose, q.type === 'PTR');
    });
    const expect = purpose.none ? `no answer for ${purpose.asked}` : purpose.expect?.length ? purpose.expect.join(', ') : undefined;
    return { asked: purpose.label, ...(expect ? { expect } : {}), cells };
  });
  const resolvers = facts.resolvers?.length ? facts.resolvers.join(', ') : undefined;
  return {
    id: 'dns',
    title: `DNS (names under ${clusterDomain(site)})`,
    columns: servers.map((s) => (s === 'node' ? "node's resolvers" : s)),
    rows,
    ...(servers.includes('node') ? { note: resolvers ? `The node's own resolvers (/etc/resolv.conf): ${resolvers}.` : 'The node lists no resolver in /etc/resolv.conf.' } : {}),
  };
}

function httpWords(r: HttpResult, manifest: boolean): PlantCell {
  const creds = r.authSent ? 'with the pull secret' : 'without credentials';
  switch (r.status) {
    case 'answered': {
      const code = r.code ?? 0;
      if (code === 200) return { text: `HTTP 200${manifest ? ', image found' : ''}`, mark: 'ok' };
      if (code === 401) return manifest || r.authSent ? { text: `HTTP 401, login refused (${creds})`, mark: 'bad' } : { text: 'HTTP 401, wants a login', mark: 'ok' };
      if (code === 403) return { text: `HTTP 403, access refused (${creds})`, mark: 'bad' };
      if (code === 404) return { text: manifest ? 'HTTP 404, image not in the registry' : 'HTTP 404', mark: 'bad' };
      return { text: `HTTP ${code}`, mark: 'bad' };
    }
    case 'unresolved':
      return { text: 'registry name not found', mark: 'bad' };
    case 'refused':
      return { text: 'connection refused', mark: 'bad' };
    case 'timeout':
      return { text: 'no answer (timed out)', mark: 'bad' };
    case 'tls-error':
      return { text: `TLS failed${r.message ? `: ${r.message}` : ''}`, mark: 'bad' };
    case 'no-tool':
      return { text: 'curl is not installed on the node', mark: 'unknown' };
    default:
      return { text: r.message ? `error: ${r.message}` : 'error', mark: 'unknown' };
  }
}

/** `/v2/<repo>/manifests/<tag>` → `<repo>:<tag>`. */
function imageOf(url: string): string | undefined {
  const m = /^https?:\/\/[^/]+\/v2\/(.+)\/manifests\/([^/?#]+)$/.exec(url);
  if (!m) return undefined;
  return m[2]!.includes(':') ? `${m[1]}@${m[2]}` : `${m[1]}:${m[2]}`;
}

function hostOf(url: string): string {
  return /^https?:\/\/([^/]+)/.exec(url)?.[1] ?? url;
}

function registryTable(facts: PlantFacts, collectedAt: Date): PlantTable | undefined {
  const rows: PlantRow[] = [];
  for (const req of facts.requests) {
    if (req.kind === 'tls') {
      const r = facts.tls.find((t) => t.requestId === req.id);
      const asked = `TLS certificate of ${req.host}:${req.port}${req.proxy ? ` via ${req.proxy}` : ''}`;
      if (!r) {
        rows.push({ asked, cells: [NOT_ASKED] });
        continue;
      }
      if (r.status !== 'connected') {
        const words: Record<string, string> = { unresolved: 'name not found', refused: 'connection refused', timeout: 'no answer (timed out)', 'no-tool': 'openssl is not installed on the node' };
        rows.push({ asked, cells: [{ text: words[r.status] ?? (r.message ? `error: ${r.message}` : 'error'), mark: r.status === 'no-tool' || r.status === 'error' ? 'unknown' : 'bad' }] });
        continue;
      }
      const days = r.chainPem[0] ? certificateDaysLeft(r.chainPem[0], collectedAt) : undefined;
      const cell: PlantCell =
        days === undefined
          ? { text: 'connected; certificate not readable', mark: 'unknown' }
          : days < 0
            ? { text: `certificate expired ${-days} day${days === -1 ? '' : 's'} ago`, mark: 'bad' }
            : { text: `certificate valid ${days} more day${days === 1 ? '' : 's'}${r.protocol ? ` (${r.protocol})` : ''}`, mark: days < 30 ? 'warn' : 'ok' };
      rows.push({ asked, cells: [cell] });
    } else if (req.kind === 'http') {
      const image = req.manifest ? imageOf(req.url) : undefined;
      const asked = image ? `image ${image}` : `${req.method} ${req.url.replace(/^https?:\/\//, '')}`;
      const r = facts.http.find((h) => h.requestId === req.id);
      rows.push({ asked, ...(image ? { expect: `on ${hostOf(req.url)}` } : {}), cells: [r ? httpWords(r, req.manifest === true) : NOT_ASKED] });
    }
  }
  return rows.length ? { id: 'registry', title: 'Registry', columns: ['Answer'], rows } : undefined;
}

function ntpTable(facts: PlantFacts): PlantTable | undefined {
  const rows = facts.requests.flatMap((req): PlantRow[] => {
    if (req.kind !== 'ntp') return [];
    const r = facts.ntp.find((n) => n.requestId === req.id);
    if (!r) return [{ asked: req.server, cells: [NOT_ASKED] }];
    let cell: PlantCell;
    if (r.status === 'answered' && r.offsetSeconds !== undefined) {
      const off = r.offsetSeconds;
      const text = `answers; node clock ${Math.abs(off) < 0.001 ? 'in step' : `${Math.abs(off) < 1 ? `${Math.round(Math.abs(off) * 1000)} ms` : `${Math.abs(off).toFixed(1)} s`} ${off > 0 ? 'fast' : 'slow'}`}`;
      cell = { text: r.stratum !== undefined ? `${text} (stratum ${r.stratum})` : text, mark: Math.abs(off) > 1 ? 'warn' : 'ok' };
    } else if (r.status === 'answered') cell = { text: 'answers', mark: 'ok' };
    else if (r.status === 'no-answer') cell = { text: 'no answer', mark: 'bad' };
    else if (r.status === 'unresolved') cell = { text: 'name not found', mark: 'bad' };
    else if (r.status === 'no-tool') cell = { text: 'chronyd is not installed on the node', mark: 'unknown' };
    else cell = { text: r.message ? `error: ${r.message}` : 'error', mark: 'unknown' };
    return [{ asked: req.server, cells: [cell] }];
  });
  return rows.length ? { id: 'ntp', title: 'Time servers (NTP)', columns: ['Answer'], rows } : undefined;
}

function reachTable(site: Site, facts: PlantFacts): PlantTable | undefined {
  const rows = facts.requests.flatMap((req): PlantRow[] => {
    if (req.kind !== 'ping') return [];
    const ip = req.address;
    const vip = site.cluster.apiVIPs.includes(ip) ? 'API VIP' : site.cluster.ingressVIPs.includes(ip) ? 'Ingress VIP' : undefined;
    const net = site.networks.find((n) => n.gateway === ip);
    const asked = vip ? `${vip} ${ip}` : net ? `gateway ${ip} (${net.name})` : ip;
    const r = facts.ping.find((p) => p.requestId === req.id);
    if (!r) return [{ asked, cells: [NOT_ASKED] }];
    const answered = r.status === 'answered';
    const ms = r.avgMs !== undefined ? ` (${r.avgMs < 1 ? r.avgMs.toFixed(2) : Math.round(r.avgMs)} ms)` : '';
    let cell: PlantCell;
    if (r.status === 'no-tool') cell = { text: 'ping is not installed on the node', mark: 'unknown' };
    else if (r.status === 'error') cell = { text: r.message ? `error: ${r.message}` : 'error', mark: 'unknown' };
    else if (vip) cell = answered ? { text: `answers${ms}: already in use`, mark: 'bad' } : { text: 'no answer: free', mark: 'ok' };
    else cell = answered ? { text: `answers${ms}`, mark: 'ok' } : { text: r.status === 'unreachable' ? 'no route to it' : 'no answer', mark: 'warn' };
    return [{ asked, ...(vip ? { expect: 'no answer (free)' } : {}), cells: [cell] }];
  });
  return rows.length ? { id: 'reach', title: 'Gateway and VIPs (ping)', columns: ['Answer'], rows } : undefined;
}

function diskCell(d: DiskSpeedResult | undefined): PlantCell {
  if (!d) return { text: 'not measured (opt-in: it writes to the disk)', mark: 'unknown' };
  if (d.status === 'measured' && d.syncMs !== undefined) {
    const what = d.measure === 'average' ? `average fdatasync ${d.syncMs.toFixed(2)} ms (${d.tool ?? 'dd'}, an approximation)` : `99th percentile fdatasync ${d.syncMs.toFixed(2)} ms (${d.tool ?? 'fio'})`;
    const limit = d.thresholdMs !== undefined ? `, limit ${d.thresholdMs} ms` : '';
    return { text: `${what}${limit}`, mark: d.thresholdMs !== undefined && d.syncMs > d.thresholdMs ? 'bad' : 'ok' };
  }
  if (d.status === 'refused') return { text: `not measured: ${d.message ?? 'refused'}`, mark: 'unknown' };
  if (d.status === 'no-tool') return { text: 'not measured: fio (and dd) missing on the node', mark: 'unknown' };
  return { text: d.message ? `error: ${d.message}` : 'error', mark: 'unknown' };
}

function diskTable(facts: PlantFacts): PlantTable {
  const d = facts.diskSpeed;
  return { id: 'disk', title: 'Install disk speed', columns: ['Answer'], rows: [{ asked: d ? `write latency of ${d.device}` : 'write latency of the install disk', cells: [diskCell(d)] }] };
}

/** Tables of what one node was asked about the plant and what came back. */
export function describePlant(site: Site, facts: PlantFacts, collectedAt: string): PlantView {
  const when = new Date(Number.isNaN(Date.parse(collectedAt)) ? 0 : Date.parse(collectedAt));
  const tables = [dnsTable(site, facts), registryTable(facts, when), ntpTable(facts), reachTable(site, facts), diskTable(facts)].filter(
    (t): t is PlantTable => t !== undefined,
  );
  const marks: Record<PlantMark, number> = { ok: 0, bad: 0, warn: 0, unknown: 0 };
  for (const t of tables) for (const r of t.rows) for (const c of r.cells) marks[c.mark]++;
  const missingTools = facts.missingTools ?? [];
  return { tables, marks, missingTools };
}

/** The plant facts of an inventory (typed loosely: older inventories have none). */
export function plantFactsOf(inventory: { facts: object }): PlantFacts | undefined {
  return (inventory.facts as { plant?: PlantFacts }).plant;
}
