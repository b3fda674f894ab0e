// IP and CIDR arithmetic for validation rules. Parsing is ipaddr.js; the arithmetic works on
// bigints so IPv4 and IPv6 share one code path. Every function is total: it returns
// undefined or false for text it cannot parse instead of throwing.
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface Ip {
  readonly family: Family;
  readonly value: bigint;
}

export interface Cidr {
  family: Family;
  prefix: number;
  /** Address bits: 32 or 128. */
  bits: number;
  /** The address as written (host bits kept). */
  address: bigint;
  /** First address of the block. */
  network: bigint;
  /** Last address of the block (the IPv4 broadcast address). */
  last: bigint;
  /** Number of addresses in the block. */
  size: bigint;
}

function isStrictIp(text: string): boolean {
  // ipaddr.isValid also accepts inet_aton forms such as "10" or "0x0a.1"; a plan must not.
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

/** True when the text is an IPv4 dotted quad or an IPv6 address. */
export function isIp(text: string): boolean {
  return isStrictIp(text);
}

// Rules ask about the same few dozen addresses many times per check, and ipaddr.js's IPv6
// validation is regex-heavy: remember recent answers (results are immutable plain values).
const parsedIps = new Map<string, Ip | undefined>();
const MAX_REMEMBERED = 4096;

export function parseIp(text: string): Ip | undefined {
  if (parsedIps.has(text)) return parsedIps.get(text);
  const ip = parseIpUncached(text);
  if (parsedIps.size >= MAX_REMEMBERED) parsedIps.clear();
  parsedIps.set(text, ip);
  return ip;
}

function parseIpUncached(text: string): Ip | undefined {
  if (!isStrictIp(text)) return undefined;
  const addr = ipaddr.parse(text);
  return { family: addr.kind() === 'ipv4' ? 4 : 6, value: toBigInt(addr.toByteArray()) };
}

export function parseCidr(text: string): Cidr | undefined {
  const [addrText, prefixText, ...rest] = text.split('/');
  if (rest.length > 0 || addrText === undefined || prefixText === undefined || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const ip = parseIp(addrText);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const network = ip.value & ~hostMask;
  return { family: ip.family, prefix, bits, address: ip.value, network, last: network | hostMask, size: 1n << hostBits };
}

/** Text of an address value: dotted quad or RFC 5952 form. */
export function ipText(value: bigint, family: Family): string {
  const count = family === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = count - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  const addr = ipaddr.fromByteArray(bytes);
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/** The CIDR with host bits cleared, e.g. 10.10.0.5/24 → 10.10.0.0/24. */
export function networkCidrText(c: Cidr): string {
  return `${ipText(c.network, c.family)}/${c.prefix}`;
}

export function hasHostBits(c: Cidr): boolean {
  return c.address !== c.network;
}

export function cidrContains(c: Cidr, ip: Ip): boolean {
  return c.family === ip.family && ip.value >= c.network && ip.value <= c.last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= b.last && b.network <= a.last;
}

/** Two address texts name the same IP (2001:db8::5 equals 2001:db8:0::5). */
export function sameIp(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return x !== undefined && y !== undefined && x.family === y.family && x.value === y.value;
}

/**
 * Why an address cannot be given to a host in this block, or undefined when it can:
 * the network address (IPv4, and the IPv6 subnet-router anycast address) or the IPv4
 * broadcast address. /31, /32, /127 and /128 have no such reserved addresses (RFC 3021).
 */
export function reservedAddressKind(c: Cidr, ip: Ip): 'network' | 'broadcast' | undefined {
  if (!cidrContains(c, ip)) return undefined;
  if (c.bits - c.prefix <= 1) return undefined;
  if (ip.value === c.network) return 'network';
  if (c.family === 4 && ip.value === c.last) return 'broadcast';
  return undefined;
}

/** OVN-Kubernetes internal ranges no site network may overlap (installer.md §4.1, INST pkg/types/validation/installconfig.go). */
export const OVN_RESERVED: readonly { name: string; cidr: string }[] = [
  { name: 'OVN join subnet', cidr: '100.64.0.0/16' },
  { name: 'OVN transit subnet', cidr: '100.88.0.0/16' },
  { name: 'OVN masquerade subnet', cidr: '169.254.0.0/17' },
  { name: 'OVN join subnet', cidr: 'fd98::/64' },
  { name: 'OVN transit subnet', cidr: 'fd97::/64' },
  { name: 'OVN masquerade subnet', cidr: 'fd69::/112' },
];
