// `host`, `host:port` or `[v6]:port` (the agent API address as the contract and the CLI take it)
// split the way the agent API client wants it: the port apart, 8090 when not given. And where
// the agent API token may go: it travels in plain HTTP headers (the agent API has no TLS), so
// the app sends it only to an address of the plan's nodes (the rendezvous host is one of them)
// or to this computer (an SSH tunnel to the rendezvous host), never to an address typed in
// that is neither.
import ipaddr from 'ipaddr.js';
import { canonicalIp } from '../site/primitives';
import type { Site } from '../site/schema';

export function agentTarget(address: string): { address: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (v6) return { address: v6[1]!, ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const hostPort = /^([^:]+):(\d+)$/.exec(address);
  if (hostPort) return { address: hostPort[1]!, port: Number(hostPort[2]) };
  return { address };
}

/** The addresses of the plan's nodes, on every network, canonical. */
export function plannedNodeAddresses(site: Site): string[] {
  return [...new Set(site.nodes.flatMap((node) => Object.values(node.addresses)).map(canonicalIp))];
}

/** True when the agent API token may be sent to `host` (an address of agentTarget). */
export function mayReceiveAgentToken(host: string, site: Site): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  // A name may resolve anywhere; legacy forms (`10.1`, `0x0a…`) are not taken for addresses either.
  if (!ipaddr.IPv4.isValidFourPartDecimal(host) && !(host.includes(':') && ipaddr.IPv6.isValid(host))) return false;
  const parsed = ipaddr.process(host);
  if (parsed.range() === 'loopback') return true;
  return plannedNodeAddresses(site).includes(canonicalIp(parsed.toString()));
}
