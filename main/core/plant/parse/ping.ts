// `ping -n -c 3 -i 0.2 -W 1 <ip>` (iputils) → whether the address answers. "no-answer" is silence;
// "unreachable" is an ICMP error back (e.g. Destination Host Unreachable: nobody answered ARP/ND
// for an on-link address) or no route at all. For a VIP both mean "not taken"; for a gateway neither is good.
import type { PingResult } from '../types';
import { stoppedByTimeout, toolMissing, type WithoutRequestId } from './result';

const SUMMARY = /(\d+) packets transmitted, (\d+) (?:packets )?received(?:, \+(\d+) errors)?/;
const RTT = /(?:rtt|round-trip) min\/avg\/max\/(?:mdev|stddev) = [\d.]+\/([\d.]+)\//;
const ICMP_ERROR = /Destination (?:Host |Net |Network |Port |Protocol )?Unreachable|Destination unreachable|Time to live exceeded/i;

export function parsePing(stdout: string, stderr: string, rc: number | undefined): WithoutRequestId<PingResult> {
  if (toolMissing('ping', stdout, stderr, rc) && !SUMMARY.test(stdout)) {
    return { status: 'no-tool', message: 'ping is not installed on the node' };
  }
  const text = `${stdout}\n${stderr}`;
  const summary = SUMMARY.exec(stdout);
  if (summary) {
    const sent = Number(summary[1]);
    const received = Number(summary[2]);
    const errors = Number(summary[3] ?? 0);
    const result: WithoutRequestId<PingResult> = { status: 'answered', sent, received };
    const avg = RTT.exec(stdout)?.[1];
    if (avg !== undefined) result.avgMs = Number(avg);
    if (received > 0) return result;
    const icmp = ICMP_ERROR.exec(stdout)?.[0];
    if (icmp || errors > 0) return { ...result, status: 'unreachable', message: icmp ? `ICMP error back: ${icmp}` : `${errors} ICMP errors back` };
    return { ...result, status: 'no-answer' };
  }
  if (/Network is unreachable|No route to host/i.test(text)) {
    return { status: 'unreachable', message: 'the node has no route to this address' };
  }
  if (stoppedByTimeout(rc)) return { status: 'no-answer', message: 'ping was stopped by the time limit' };
  if (/Name or service not known|unknown host|Temporary failure in name resolution/i.test(text)) {
    return { status: 'error', message: 'ping was given a name it could not resolve' };
  }
  const detail = stderr.trim().split('\n').pop()?.slice(0, 200);
  return { status: 'error', message: `ping failed${rc !== undefined ? ` (exit code ${rc})` : ''}${detail ? `: ${detail}` : ''}` };
}
