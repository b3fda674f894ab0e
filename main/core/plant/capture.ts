// The plant sections of a capture → PlantFacts. The requests come from the capture's own echo
// (plant-requests), so an imported capture explains itself; each request's section is read by
// its tool's parser (core/plant/parse). A request without its section gets no result: the
// checks say "not checked". A capture without plant-requests (script v1) has no plant facts.
import {
  parseChronydQuery,
  parseCurlHttp,
  parseDig,
  parseGetent,
  parsePing,
  parseResolvConf,
  parseSClient,
} from './parse';
import { splitDigBatch } from './parse/dig-batch';
import { parseRequestLine } from './requests';
import type { PlantFacts, PlantRequest } from './types';

/** What a section gives the parsers; both a capture's raw sections and stored inventory sections fit. */
export interface PlantSectionText {
  stdout: string;
  stderr?: string;
  exitCode?: number;
}

type Sections = ReadonlyMap<string, PlantSectionText> | Readonly<Record<string, PlantSectionText>>;

/** rc of `command -v` failing in the script: the tool is not on the node. */
const NOT_INSTALLED = 127;

export function plantSectionName(req: PlantRequest): string {
  return `plant-${req.kind}/${req.id}`;
}

/** The tool a request's section runs on the node. */
export function plantTool(req: PlantRequest): string {
  switch (req.kind) {
    case 'dns':
      return req.server === 'node' ? 'getent' : 'dig';
    case 'tls':
      return 'openssl';
    case 'http':
      return 'curl';
    case 'ntp':
      return 'chronyd';
    case 'ping':
      return 'ping';
  }
}

/** The questions a plan DNS server was asked in one dig run (`plant-dnsb/<id>`), as sections of their own. */
function batchedDnsSections(sections: Sections): Map<string, PlantSectionText> {
  const out = new Map<string, PlantSectionText>();
  const all = sections instanceof Map ? [...sections.entries()] : Object.entries(sections as Readonly<Record<string, PlantSectionText>>);
  for (const [name, section] of all) {
    if (!name.startsWith('plant-dnsb/')) continue;
    for (const part of splitDigBatch(section.stdout, section.stderr ?? '', section.exitCode)) {
      out.set(`plant-dns/${part.id}`, { stdout: part.stdout, stderr: part.stderr, ...(part.exitCode !== undefined ? { exitCode: part.exitCode } : {}) });
    }
  }
  return out;
}

export function plantFactsFromSections(sections: Sections): PlantFacts | undefined {
  const batched = batchedDnsSections(sections);
  const get = (name: string): PlantSectionText | undefined =>
    (sections instanceof Map ? sections.get(name) : (sections as Readonly<Record<string, PlantSectionText>>)[name]) ?? batched.get(name);
  const echo = get('plant-requests');
  if (!echo) return undefined;

  const requests: PlantRequest[] = [];
  const ids = new Set<string>();
  for (const line of echo.stdout.split('\n')) {
    const req = parseRequestLine(line);
    if (!req || ids.has(req.id)) continue;
    ids.add(req.id);
    requests.push(req);
  }
  const facts: PlantFacts = { requests, dns: [], tls: [], http: [], ntp: [], ping: [] };
  const resolv = get('plant-resolv');
  if (resolv && resolv.exitCode === 0) facts.resolvers = parseResolvConf(resolv.stdout);

  const missing = new Set<string>();
  for (const req of requests) {
    const section = get(plantSectionName(req));
    if (!section) continue;
    const stdout = section.stdout;
    const stderr = section.stderr ?? '';
    const rc = section.exitCode;
    if (rc === NOT_INSTALLED) missing.add(plantTool(req));
    const requestId = req.id;
    switch (req.kind) {
      case 'dns':
        facts.dns.push({
          ...(req.server === 'node' ? parseGetent(stdout, stderr, rc, req.type) : parseDig(stdout, stderr, rc)),
          requestId,
        });
        break;
      case 'tls':
        facts.tls.push({ ...parseSClient(stdout, stderr, rc), requestId });
        break;
      case 'http':
        facts.http.push({ ...parseCurlHttp(stdout, stderr, rc), requestId });
        break;
      case 'ntp':
        facts.ntp.push({ ...parseChronydQuery(stdout, stderr, rc), requestId });
        break;
      case 'ping':
        facts.ping.push({ ...parsePing(stdout, stderr, rc), requestId });
        break;
    }
  }
  if (missing.size) facts.missingTools = [...missing].sort();
  return facts;
}
