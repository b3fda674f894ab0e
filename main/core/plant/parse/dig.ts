// `dig +time=2 +tries=1 +noall +comments +answer +stats @<server> -t <type> <name>` (or `-x <ip>`)
// → what the plan DNS server answered. The status is the rcode of dig's ->>HEADER<<- line
// (NOERROR, NXDOMAIN, SERVFAIL, REFUSED, …); when no answer came back, one of the transport
// statuses below. Answers follow the CNAME chain from the first owner name in the answer section.
import type { DnsResult } from '../types';
import { dnsName, stoppedByTimeout, textLines, toolMissing, type WithoutRequestId } from './result';

/** Statuses for "no DNS answer came back" (lower case, so they never clash with an rcode). */
export const DIG_TRANSPORT_STATUSES = ['timeout', 'unreachable', 'no-tool', 'error'] as const;

interface DnsRecord {
  owner: string;
  type: string;
  data: string;
}

const HEADER = /->>HEADER<<-\s*opcode:\s*[A-Z0-9]+,\s*status:\s*([A-Z0-9]+)/;
const SERVER = /^;; SERVER:\s*([^#\s(]+)/;
const EDE = /^; EDE:\s*(.+)$/;
const TTL = /^\d+[smhdwSMHDW]?(\d+[smhdwSMHDW])*$/;
const CLASS = /^(IN|CH|HS|ANY|CLASS\d+)$/;
const TYPE = /^[A-Z][A-Z0-9-]*$/;

/** One resource record line (`owner ttl class type rdata`); continuation lines of multi-line records are not records. */
function parseRecord(line: string): DnsRecord | undefined {
  if (!line || line.startsWith(';') || /^\s/.test(line)) return undefined;
  const tokens = line.trim().split(/\s+/);
  let i = 1;
  if (tokens[i] !== undefined && TTL.test(tokens[i]!)) i++;
  if (tokens[i] !== undefined && CLASS.test(tokens[i]!)) i++;
  const type = tokens[i];
  if (type === undefined || !TYPE.test(type) || i + 1 >= tokens.length) return undefined;
  return { owner: dnsName(tokens[0]!), type, data: tokens.slice(i + 1).join(' ') };
}

/** The answer section's records: between ";; ANSWER SECTION:" and the next blank or section line, or (+noall +answer without +comments) every record line. */
function answerRecords(lines: string[]): DnsRecord[] {
  const start = lines.findIndex((line) => line.startsWith(';; ANSWER SECTION:'));
  const records: DnsRecord[] = [];
  if (start < 0) {
    for (const line of lines) {
      const record = parseRecord(line);
      if (record) records.push(record);
    }
    return records;
  }
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.startsWith(';;')) break;
    const record = parseRecord(line);
    if (record) records.push(record);
  }
  return records;
}

/** Addresses (A/AAAA) and names (PTR) reached from the first owner by following CNAMEs, in order. */
function followChain(records: DnsRecord[]): { answers: string[]; cnames: string[] } {
  const answers: string[] = [];
  const cnames: string[] = [];
  if (records.length === 0) return { answers, cnames };
  const chain = new Set([records[0]!.owner]);
  for (const record of records) {
    if (!chain.has(record.owner)) continue;
    if (record.type === 'CNAME') {
      const target = dnsName(record.data);
      chain.add(target);
      cnames.push(target);
    } else if (record.type === 'A' || record.type === 'AAAA') {
      answers.push(record.data.toLowerCase());
    } else if (record.type === 'PTR') {
      answers.push(dnsName(record.data));
    }
  }
  return { answers: [...new Set(answers)], cnames };
}

/** Why no answer came back, from dig's own words (stdout with +comments, older versions stderr). */
function transportFailure(text: string, rc: number | undefined): { status: string; message: string } {
  const comm = /communications error to (\S+): ([^\n]+)/.exec(text);
  const setup = /(?:UDP|TCP) setup with (\S+) for \S+ failed: ([^.\n]+)/.exec(text);
  if (/connection timed out; no servers could be reached/.test(text) || (comm && /timed out/.test(comm[2]!))) {
    return { status: 'timeout', message: `no DNS answer from ${comm ? comm[1] : 'the server'} within dig's time limit` };
  }
  if (comm) return { status: 'unreachable', message: `dig could not talk to ${comm[1]}: ${comm[2]!.trim()}` };
  if (setup) return { status: 'unreachable', message: `dig could not reach ${setup[1]}: ${setup[2]!.trim()}` };
  if (stoppedByTimeout(rc)) return { status: 'timeout', message: 'dig was stopped by the time limit before an answer came' };
  // dig's exit code 9 is "no reply from server".
  if (rc === 9) return { status: 'timeout', message: 'dig got no reply from the server' };
  const last = textLines(text).map((line) => line.trim()).filter(Boolean).pop();
  return { status: 'error', message: `dig failed${rc !== undefined ? ` (exit code ${rc})` : ''}${last ? `: ${last.slice(0, 200)}` : ''}` };
}

export function parseDig(stdout: string, stderr: string, rc: number | undefined): WithoutRequestId<DnsResult> {
  if (toolMissing('dig', stdout, stderr, rc) && !HEADER.test(stdout)) {
    return { tool: 'dig', status: 'no-tool', answers: [], message: 'dig is not installed on the node' };
  }
  const lines = textLines(stdout);
  // The last header counts: dig prints a second one when it retries over TCP after truncation.
  let headerAt = -1;
  let status: string | undefined;
  lines.forEach((line, index) => {
    const match = HEADER.exec(line);
    if (match) {
      headerAt = index;
      status = match[1];
    }
  });
  if (status === undefined) {
    return { tool: 'dig', ...transportFailure(`${stdout}\n${stderr}`, rc), answers: [] };
  }
  const reply = lines.slice(headerAt);
  const { answers, cnames } = followChain(answerRecords(reply));
  const server = reply.map((line) => SERVER.exec(line)?.[1]).find(Boolean);
  const ede = reply.map((line) => EDE.exec(line)?.[1]).find(Boolean);
  const result: WithoutRequestId<DnsResult> = { tool: 'dig', status, answers };
  if (cnames.length) result.cnames = cnames;
  if (server) result.answeredBy = server;
  if (ede) result.message = `extended DNS error: ${ede.trim()}`;
  return result;
}
