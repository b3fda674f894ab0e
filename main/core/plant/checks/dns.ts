// DNS as the nodes see it: the cluster's names (api, api-int, *.apps) answer with the VIPs, the
// cluster domain has no wildcard (the Assisted Installer refuses one), and every node's name and
// address resolve both ways. Each question was asked of every plan DNS server (dig) and of the
// node's own resolvers (getent); findings go under the server that gave the answer.
import { parseIp, sameIp } from '../../net/ip';
import type { NodeContext } from '../../probe/checks/context';
import { list } from '../../probe/checks/context';
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { DnsResult, PlantPlan } from '../types';
import { FindingCollector } from './aggregate';
import { observe, plantFactsOf, uncheckedReason, type Observation } from './match';

export const DNS_FINDING_IDS = [
  'plant.dns-record-missing',
  'plant.dns-record-wrong',
  'plant.dns-wildcard',
  'plant.dns-base-wildcard',
  'plant.dns-node-name',
  'plant.dns-server-silent',
  'plant.dns-not-checked',
] as const;

/** Answers that mean the server did not do its job, whatever the question. */
const SILENT = new Set(['timeout', 'unreachable', 'REFUSED', 'SERVFAIL', 'error', 'refused']);
/** Answers that mean "no such record". */
const NO_RECORD = new Set(['NXDOMAIN', 'not-found']);

type DnsObservation = Observation<'dns'>;

export function clusterDomain(site: Site): string {
  return `${site.cluster.name}.${site.cluster.baseDomain}`;
}

function serverPath(site: Site, server: string): string {
  const index = site.cluster.dnsServers.findIndex((s) => s === server || sameIp(s, server));
  return index < 0 ? pointer('cluster', 'dnsServers') : pointer('cluster', 'dnsServers', index);
}

function subject(obs: DnsObservation): string {
  if (obs.request.server !== 'node') return `The plant DNS ${obs.request.server}`;
  const resolvers = plantFactsOf(obs.ctx.inventory)?.resolvers ?? [];
  return resolvers.length > 0
    ? `The node's own resolvers (${list(resolvers)} in /etc/resolv.conf)`
    : "The node's own resolvers";
}

function has(obs: DnsObservation): string {
  return obs.request.server === 'node' ? 'find' : 'has';
}

function question(obs: DnsObservation): string {
  const { type, name } = obs.request;
  return type === 'A' ? name : `${type} ${name}`;
}

function stripDot(name: string): string {
  return name.replace(/\.$/, '');
}

function answerText(result: DnsResult, type: string): string {
  if (result.answers.length === 0) {
    if (result.status === 'NOERROR' || result.status === 'found') return `${result.status} with no ${type} record`;
    return result.status === 'not-found' ? 'not found' : result.status;
  }
  const via = result.cnames?.length ? ` via CNAME ${result.cnames.map(stripDot).join(' → ')}` : '';
  return `${result.answers.map(stripDot).join(', ')}${via}`;
}

function evidence(obs: DnsObservation, result: DnsResult): string {
  return `asked ${question(obs)}, answer ${answerText(result, obs.request.type)}`;
}

/** in-addr.arpa / ip6.arpa name of an address, for the PTR record to add. */
export function reverseName(ip: string): string {
  if (ip.includes(':')) {
    const groups = ip.split('::');
    const head = groups[0] ? groups[0].split(':') : [];
    const tail = groups[1] ? groups[1].split(':') : [];
    const full = groups.length === 2 ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
    const nibbles = full.map((g) => g.padStart(4, '0')).join('').split('');
    return `${nibbles.reverse().join('.')}.ip6.arpa`;
  }
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

function sameAddressSet(answers: readonly string[], expect: readonly string[]): boolean {
  return answers.every((a) => expect.some((e) => sameIp(a, e))) && expect.every((e) => answers.some((a) => sameIp(a, e)));
}

function resolverFix(site: Site, obs: DnsObservation): string {
  return obs.request.server === 'node'
    ? ` on the DNS server the node asks, or point the node at the plan's DNS servers (${list(site.cluster.dnsServers)})`
    : '';
}

/** Judges one answered question; adds at most one draft. */
function judge(site: Site, obs: DnsObservation, result: DnsResult, collector: FindingCollector): void {
  const purpose = obs.expectation?.purpose;
  if (!purpose) return;
  const domain = clusterDomain(site);
  const path = serverPath(site, obs.request.server);
  const node = obs.ctx.node.hostname;
  const { type } = obs.request;
  const expect = obs.expectation?.expect ?? [];
  // getent ahosts lists both families for one name; judge the family that was asked.
  const family = type === 'A' ? 4 : type === 'AAAA' ? 6 : undefined;
  const answers = family === undefined || obs.request.server !== 'node' ? result.answers : result.answers.filter((a) => parseIp(a)?.family === family);
  const answered = answers.length > 0;

  if (purpose === 'wildcard-cluster' || purpose === 'wildcard-base') {
    if (!answered) return;
    const cluster = purpose === 'wildcard-cluster';
    const zone = cluster ? domain : site.cluster.baseDomain;
    collector.add({
      id: cluster ? 'plant.dns-wildcard' : 'plant.dns-base-wildcard',
      severity: cluster ? 'error' : 'warning',
      path,
      node,
      head: `${subject(obs)} answers for any name under ${zone}`,
      evidence: evidence(obs, result),
      fix: cluster
        ? `remove the wildcard record *.${domain} (only *.apps.${domain} may be a wildcard): the Assisted Installer does not install while the cluster domain has a wildcard (dns-wildcard-not-configured).`
        : `remove the wildcard *.${zone}, or keep it only next to explicit records for api.${domain}, api-int.${domain} and *.apps.${domain}: a wildcard answers for misspelled names and hides a missing record.`,
    });
    return;
  }

  if (purpose === 'registry-host') {
    if (answered) return;
    collector.add({
      id: 'plant.dns-record-missing', severity: 'error', path, node,
      head: `${subject(obs)} ${has(obs)} no ${type} record for ${obs.request.name}, the mirror registry`,
      evidence: evidence(obs, result),
      fix: `add an ${type} record ${obs.request.name} pointing to the mirror registry's address${resolverFix(site, obs)}: the nodes pull every image from it.`,
    });
    return;
  }

  if (purpose === 'node-ptr') {
    const host = obs.expectation?.node ?? expect[0] ?? '';
    const ip = obs.request.name;
    const target = `${host}.${domain}`;
    const names = result.answers.map(stripDot);
    if (!answered) {
      collector.add({
        id: 'plant.dns-node-name', severity: 'warning', path, node,
        head: `${subject(obs)} ${has(obs)} no PTR record for ${host}'s address ${ip}`,
        evidence: evidence(obs, result),
        fix: `add a PTR record ${reverseName(ip)} pointing to ${target}${resolverFix(site, obs)}.`,
      });
    } else if (!names.some((n) => n.split('.')[0]?.toLowerCase() === host.toLowerCase())) {
      collector.add({
        id: 'plant.dns-node-name', severity: 'warning', path, node,
        head: `${subject(obs)} names ${host}'s address ${ip} ${list(names)}, not ${host}`,
        evidence: evidence(obs, result),
        fix: `change the PTR record ${reverseName(ip)} to ${target}: a node that takes its name from reverse DNS would otherwise be called ${names[0]?.split('.')[0] ?? ''}.`,
      });
    }
    return;
  }

  const nodeName = purpose === 'node-forward';
  const recordName = purpose === 'apps' ? `*.apps.${domain}` : nodeName ? obs.request.name : purpose === 'api-int' ? `api-int.${domain}` : `api.${domain}`;
  const wildcard = purpose === 'apps' ? 'wildcard ' : '';
  const id = nodeName ? 'plant.dns-node-name' : 'plant.dns-record-missing';
  const severity = nodeName ? 'warning' : 'error';
  const whose = nodeName ? ` (${obs.expectation?.node ?? ''}'s planned address on the cluster network)` : '';
  if (!answered) {
    if (expect.length === 0) return;
    collector.add({
      id, severity, path, node,
      head: `${subject(obs)} ${has(obs)} no ${type} record for ${recordName}`,
      evidence: evidence(obs, result),
      fix: `add ${wildcard ? 'a wildcard' : 'an'} ${type} record ${recordName} pointing to ${list(expect)}${whose}${resolverFix(site, obs)}.`,
    });
    return;
  }
  if (expect.length === 0 || sameAddressSet(answers, expect)) return;
  const wrong = answers.filter((a) => !expect.some((e) => sameIp(a, e)));
  collector.add({
    id: nodeName ? 'plant.dns-node-name' : 'plant.dns-record-wrong',
    severity, path, node,
    head: `${subject(obs)} resolves ${obs.request.name} to ${list(answers)}, not to ${list(expect)}`,
    evidence: evidence(obs, result),
    fix: `change the ${wildcard}${type} record ${recordName} to ${list(expect)}${whose}${wrong.length ? ` (remove ${list(wrong)})` : ''}${resolverFix(site, obs)}.`,
  });
}

function silentText(result: DnsResult): string {
  if (result.status === 'timeout') return 'no answer within the time limit';
  if (/^[A-Z]+$/.test(result.status)) return `answer ${result.status}`; // an rcode: the server did answer
  return result.message ?? result.status;
}

function silentFix(site: Site, server: string, status: string): string {
  const cluster = site.networks.find((n) => n.role === 'cluster');
  const from = cluster ? `the cluster network ${cluster.subnet}` : 'the nodes';
  if (server === 'node') return `check /etc/resolv.conf on the node and that its resolvers answer; the installed cluster uses the plan's DNS servers (${list(site.cluster.dnsServers)}).`;
  if (status === 'REFUSED') return `allow queries (with recursion) from ${from} on ${server}.`;
  if (status === 'SERVFAIL') return `${server} could not resolve the names: check its zone ${clusterDomain(site)} and its forwarders.`;
  return `check that ${server} runs a DNS server and that ${from} reaches it on port 53 (UDP and TCP).`;
}

export function dnsFindings(site: Site, plan: PlantPlan, contexts: readonly NodeContext[]): Finding[] {
  const collector = new FindingCollector();
  const observations = observe(plan, contexts, 'dns');
  const silent = new Map<string, { obs: DnsObservation; result: DnsResult; count: number }>();
  const unchecked = new Map<string, { obs: DnsObservation; why: string }>();
  for (const obs of observations) {
    const node = obs.ctx.node.hostname;
    const result = obs.result;
    if (!result) {
      const why = uncheckedReason(obs.unchecked ?? 'no-result');
      const key = JSON.stringify([node, why]);
      if (!unchecked.has(key)) unchecked.set(key, { obs, why });
      continue;
    }
    if (result.status === 'no-tool') {
      const why = result.message ?? `${result.tool === 'getent' ? 'getent' : 'dig'} is not installed on the node`;
      const key = JSON.stringify([node, why]);
      if (!unchecked.has(key)) unchecked.set(key, { obs, why });
      continue;
    }
    if (SILENT.has(result.status)) {
      const key = JSON.stringify([node, obs.request.server, result.status, result.message ?? '']);
      const group = silent.get(key);
      if (group) group.count++;
      else silent.set(key, { obs, result, count: 1 });
      continue;
    }
    if (NO_RECORD.has(result.status) || result.status === 'NOERROR' || result.status === 'found') judge(site, obs, result, collector);
  }
  for (const { obs, result, count } of silent.values()) {
    collector.add({
      id: 'plant.dns-server-silent',
      severity: 'error',
      path: serverPath(site, obs.request.server),
      node: obs.ctx.node.hostname,
      head: `${subject(obs)} did not answer`,
      evidence: `asked ${question(obs)}${count > 1 ? ` and ${count - 1} more question${count > 2 ? 's' : ''}` : ''}, ${silentText(result)}`,
      fix: silentFix(site, obs.request.server, result.status),
    });
  }
  for (const { obs, why } of unchecked.values()) {
    const noDig = /dig/.test(why) && /not installed/.test(why);
    collector.add({
      id: 'plant.dns-not-checked',
      severity: 'info',
      path: pointer('cluster', 'dnsServers'),
      node: obs.ctx.node.hostname,
      head: 'The DNS records were not checked',
      evidence: `e.g. ${question(obs)} of ${obs.request.server === 'node' ? "the node's resolvers" : obs.request.server}: ${why}`,
      fix: noDig
        ? 'install dig (bind-utils on RHEL, dnsutils on Debian) on the node, or probe from an image that has it, then probe again.'
        : 'probe the nodes again.',
    });
  }
  return collector.findings();
}
