// Field-level value types of site.yaml. Each parses what a technician would type and
// normalises it (MAC case, canonical IPv6) so later comparisons are exact. Semantic
// checks that need the whole plan (host bits, overlaps, ranges) live in validation rules:
// the schema says "this is an address", the rules say "this address is wrong here".
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** Canonical text of an IP: dotted quad for IPv4, RFC 5952 compressed form for IPv6. */
export function canonicalIp(text: string): string {
  const addr = ipaddr.parse(text);
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

function isStrictIp(text: string): boolean {
  // ipaddr.isValid accepts "10" or "0x0a.1" (legacy inet_aton forms); a plan must not.
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

export const ipAddress = z
  .string()
  .refine(isStrictIp, { message: 'not an IP address (expected e.g. 10.0.0.5 or 2001:db8::5)' })
  .transform(canonicalIp)
  .meta({ description: 'An IPv4 or IPv6 address.', examples: ['10.10.0.11'] });

/**
 * A network in CIDR notation. The address part is canonicalised but host bits are kept as
 * written: the `network.host-bits` rule reports them, because silently masking
 * 10.0.0.5/24 to 10.0.0.0/24 would hide a typo.
 */
export const cidr = z
  .string()
  .refine(
    (text) => {
      const [addr, prefix, ...rest] = text.split('/');
      if (rest.length > 0 || addr === undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
      if (!isStrictIp(addr)) return false;
      const max = addr.includes(':') ? 128 : 32;
      return Number(prefix) <= max;
    },
    { message: 'not a network in CIDR notation (expected e.g. 10.10.0.0/24)' },
  )
  .transform((text) => {
    const [addr, prefix] = text.split('/') as [string, string];
    return `${canonicalIp(addr)}/${Number(prefix)}`;
  })
  .meta({ description: 'A network in CIDR notation, e.g. 10.10.0.0/24.', examples: ['10.10.0.0/24'] });

const MAC_PATTERN = /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}$/;
export const macAddress = z
  .string()
  .regex(MAC_PATTERN, { message: 'not a MAC address (expected six pairs of hex digits, e.g. 3c:ec:ef:12:34:56)' })
  .transform((text) => text.toLowerCase().replaceAll('-', ':'))
  .meta({ description: 'An Ethernet MAC address; written back in lower case with colons.' });

/** An RFC 1123 label: lower case letters, digits and hyphens, 1–63 characters. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'must be lower case letters, digits and hyphens, start and end with a letter or digit, at most 63 characters',
  });

/** A DNS name of one or more labels (no trailing dot). */
export const dnsName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, {
    message: 'must be a DNS name in lower case, e.g. plant-a.example.com',
  });

/** Linux interface names: at most 15 bytes, no '/', ':' or white space (IFNAMSIZ - 1). */
export const interfaceName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,15}$/, {
    message: 'must be a Linux interface name: 1–15 letters, digits, ".", "_" or "-"',
  });

/** A reference to a secret kept outside site.yaml (OS key store, environment, 0600 file). */
export const secretRef = z
  .strictObject({
    secretRef: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9._-]{0,126}[a-z0-9])?$/, { message: 'must be a secret name: lower case letters, digits, ".", "_", "-"' })
      .meta({ description: 'Name of the secret in the Sitekit secret store.' }),
  })
  .meta({ description: 'A reference to a secret. The secret value itself never appears in site.yaml.' });

export const vlanId = z.union([
  z.int().min(1, { message: 'VLAN ID must be between 1 and 4094' }).max(4094, { message: 'VLAN ID must be between 1 and 4094' }),
  z.literal('untagged'),
]);

export const mtu = z.int().meta({ description: 'MTU in bytes (576–9216); 1500 when not given.' });

/** A stable device path of a disk as seen by the live image (not validated for stability here). */
export const devicePath = z.string().regex(/^\/dev\/\S+$/, { message: 'must be a device path starting with /dev/' });
