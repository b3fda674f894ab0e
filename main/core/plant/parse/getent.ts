// `getent ahosts <name>` (A/AAAA) or `getent hosts <ip>` (PTR) → what the node's own resolvers
// (nsswitch: /etc/hosts, DNS, …) make of a name. getent exits 2 when the key was not found.
import type { DnsResult } from '../types';
import { dnsName, stoppedByTimeout, textLines, toolMissing, type WithoutRequestId } from './result';

const AHOSTS = /^([0-9A-Fa-f.:]+(?:%\S+)?)\s+(STREAM|DGRAM|RAW)\b/;
const HOSTS = /^([0-9A-Fa-f.:]+)\s+(\S.*)$/;

function isIpv6(address: string): boolean {
  return address.includes(':');
}

export function parseGetent(stdout: string, stderr: string, rc: number | undefined, type: 'A' | 'AAAA' | 'PTR'): WithoutRequestId<DnsResult> {
  if (toolMissing('getent', stdout, stderr, rc)) {
    return { tool: 'getent', status: 'no-tool', answers: [], message: 'getent is not installed on the node' };
  }
  if (stoppedByTimeout(rc)) {
    return { tool: 'getent', status: 'timeout', answers: [], message: "the node's resolvers did not answer within the time limit" };
  }
  // getent(1): 2 = "one or more supplied key could not be found in the database".
  if (rc === 2) return { tool: 'getent', status: 'not-found', answers: [] };
  if (rc !== 0 && rc !== undefined) {
    const detail = stderr.trim().split('\n').pop()?.slice(0, 200);
    return { tool: 'getent', status: 'error', answers: [], message: `getent failed (exit code ${rc})${detail ? `: ${detail}` : ''}` };
  }
  const lines = textLines(stdout);
  if (type === 'PTR') {
    const names: string[] = [];
    for (const line of lines) {
      const match = HOSTS.exec(line.trim());
      if (match) names.push(...match[2]!.trim().split(/\s+/).map(dnsName));
    }
    const answers = [...new Set(names)];
    return { tool: 'getent', status: answers.length ? 'found' : 'not-found', answers };
  }
  const addresses: string[] = [];
  for (const line of lines) {
    const match = AHOSTS.exec(line.trim());
    if (match) addresses.push(match[1]!.toLowerCase());
  }
  const all = [...new Set(addresses)];
  const answers = all.filter((address) => (type === 'AAAA' ? isIpv6(address) : !isIpv6(address)));
  if (answers.length) return { tool: 'getent', status: 'found', answers };
  const result: WithoutRequestId<DnsResult> = { tool: 'getent', status: 'not-found', answers: [] };
  if (all.length) result.message = `the name resolves, but not to an ${type === 'AAAA' ? 'IPv6' : 'IPv4'} address (only ${all.join(', ')})`;
  return result;
}
