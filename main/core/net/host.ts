// Host names and host[:port] endpoints as a technician types them.
import { isIp } from './ip';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A DNS host name (RFC 1123): labels of letters, digits and hyphens, ≤ 253 characters, optional trailing dot. */
export function isDnsName(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name === '' || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((l) => LABEL.test(l))) return false;
  // An all-numeric last label is a mistyped IPv4 address (10.0.0.300), not a name.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

export interface Endpoint {
  host: string;
  port?: number;
}

/**
 * Parses `host[:port]` with host a DNS name, an IPv4 address or a bracketed IPv6 address.
 * Returns the problem in words when the text is something else.
 */
export function parseHostPort(text: string): { ok: true; endpoint: Endpoint } | { ok: false; problem: string } {
  if (text.trim() === '') return { ok: false, problem: 'is empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { ok: false, problem: 'starts with a scheme (such as https://); give only host[:port]' };
  if (/\s/.test(text)) return { ok: false, problem: 'contains spaces' };
  if (text.includes('/')) return { ok: false, problem: 'contains a path; give only host[:port]' };
  if (text.includes('@')) return { ok: false, problem: 'contains a user name; give only host[:port] (credentials belong in the pull secret)' };
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) return { ok: false, problem: 'has an unclosed [ around an IPv6 address' };
    host = text.slice(1, end);
    const rest = text.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) return { ok: false, problem: 'has text after the IPv6 address' };
    portText = rest === '' ? undefined : rest.slice(1);
    if (!host.includes(':') || !isIp(host)) return { ok: false, problem: `has "${host}" in brackets, which is not an IPv6 address` };
  } else {
    const parts = text.split(':');
    if (parts.length > 2) return { ok: false, problem: 'has more than one ":"; write an IPv6 address in brackets, e.g. [2001:db8::5]:8443' };
    host = parts[0] ?? '';
    portText = parts[1];
    if (!isIp(host) && !isDnsName(host)) return { ok: false, problem: `has host "${host}", which is neither a host name nor an IP address` };
  }
  if (portText === undefined) return { ok: true, endpoint: { host } };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) return { ok: false, problem: `has port "${portText}"; a port is a number from 1 to 65535` };
  return { ok: true, endpoint: { host, port } };
}
