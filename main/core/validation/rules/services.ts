// Site services: DNS, NTP, the mirror registry and its CA, the SSH key, the proxy, and the
// cluster's DNS name.
import { Buffer } from 'node:buffer';
import { isDnsName, parseHostPort } from '../../net/host';
import { isIp } from '../../net/ip';
import type { Rule } from '../engine';
import { defineRule, pointer } from './common';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

/** Why a PEM bundle is not a usable set of CA certificates, or undefined. */
export function caBundleProblem(pem: string): string | undefined {
  if (/PRIVATE KEY-----/.test(pem)) return 'contains a private key, which must never be in site.yaml';
  const begins = pem.match(/-----BEGIN [^-]+-----/g) ?? [];
  const blocks = [...pem.matchAll(CERT_BLOCK)];
  if (blocks.length === 0) return 'contains no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)';
  if (begins.length !== blocks.length) return 'contains a PEM block that is not a complete certificate';
  for (const [n, block] of blocks.entries()) {
    const der = decodeBase64((block[1] ?? '').replace(/\s+/g, ''));
    // A DER certificate is an ASN.1 SEQUENCE (tag 0x30).
    if (!der || der[0] !== 0x30) return `has certificate ${n + 1} whose content is not valid base64 DER`;
  }
  return undefined;
}

const SSH_KEY_TYPES = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];
/** installer.md §3.3: with fips: true the SSH key must be rsa or ecdsa. */
const FIPS_SSH_KEY_TYPES = ['ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];

/**
 * Splits an SSH public key blob into its length-prefixed fields (RFC 4253 §6.6: the key
 * type followed by strings and mpints). Undefined when the blob is not exactly such a sequence.
 */
function sshFields(blob: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) return undefined;
    const length = blob.readUInt32BE(offset);
    const end = offset + 4 + length;
    if (end > blob.length) return undefined;
    fields.push(blob.subarray(offset + 4, end));
    offset = end;
  }
  return fields;
}

export type SshKeyCheck = { ok: true; type: string } | { ok: false; problem: string };

/** Checks one authorized_keys line: `type base64 [comment]`. Problems never quote the key. */
export function checkSshKeyLine(line: string): SshKeyCheck {
  if (/PRIVATE KEY/.test(line)) return { ok: false, problem: 'is a private key; give the public key (the .pub file) and keep the private key secret' };
  const [type = '', data = ''] = line.trim().split(/\s+/);
  if (!SSH_KEY_TYPES.includes(type) && !type.startsWith('sk-')) {
    return { ok: false, problem: 'does not start with a known key type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-...)' };
  }
  const blob = decodeBase64(data);
  if (!blob) return { ok: false, problem: `has a ${type} key whose data is not valid base64 (was it cut off when copying?)` };
  const fields = sshFields(blob);
  if (!fields || fields.length < 2) return { ok: false, problem: `has ${type} key data that is incomplete (was it cut off when copying?)` };
  if (fields[0]?.toString('latin1') !== type) return { ok: false, problem: `says ${type} but its key data is not a ${type} key` };
  if (type === 'ssh-ed25519' && (fields.length !== 2 || fields[1]?.length !== 32)) {
    return { ok: false, problem: 'has ssh-ed25519 key data of the wrong length (was it cut off when copying?)' };
  }
  return { ok: true, type };
}

function sshKeyLines(key: string): string[] {
  return key
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function proxyUrlProblem(text: string, schemes: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (!schemes.includes(url.protocol)) return `must start with ${schemes.map((s) => `${s}//`).join(' or ')}`;
  if (url.hostname === '') return 'has no host';
  return undefined;
}

/** `<name>.<baseDomain>` at most 253 characters (installer.md §4.1). */
const MAX_CLUSTER_DOMAIN = 253;

export const serviceRules: Rule[] = [
  defineRule('dns.server-invalid', 'DNS servers are IP addresses', function* (site) {
    for (const [k, server] of site.cluster.dnsServers.entries()) {
      if (isIp(server)) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', 'dnsServers', k),
        message: isDnsName(server)
          ? `DNS server "${server}" is a host name; a resolver must be given by IP address, since nothing could look up its name.`
          : `DNS server "${server}" is not an IP address.`,
        hint: 'Give the IP address of the plant DNS server, e.g. 10.10.0.2.',
      };
    }
  }),

  defineRule('ntp.server-invalid', 'NTP servers are IP addresses or host names', function* (site) {
    // installer.md §4.4: "NTP source is not a valid domain name nor a valid IP".
    for (const [k, server] of site.cluster.ntpServers.entries()) {
      if (isIp(server) || isDnsName(server)) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', 'ntpServers', k),
        message: `NTP server "${server}" is neither an IP address nor a host name.`,
        hint: 'Give an IP address or a host name, without scheme or port (e.g. ntp1.plant-a.example.com).',
      };
    }
  }),

  defineRule('mirror.registry-invalid', 'The mirror registry is host[:port]', function* (site) {
    const registry = site.cluster.mirror?.registry;
    if (registry === undefined) return;
    const parsed = parseHostPort(registry);
    if (parsed.ok) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'mirror', 'registry'),
      message: `Mirror registry "${registry}" ${parsed.problem}.`,
      hint: 'Write the registry as host[:port], e.g. mirror.plant-a.example.com:8443.',
    };
  }),

  defineRule('mirror.ca-invalid', 'The mirror CA bundle holds PEM certificates', function* (site) {
    // installer.md §3.3/§4.1: additionalTrustBundle must be PEM certificates; every block must parse.
    const pem = site.cluster.mirror?.caBundle;
    const problem = pem === undefined ? undefined : caBundleProblem(pem);
    if (!problem) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'mirror', 'caBundle'),
      message: `The mirror CA bundle ${problem}.`,
      hint: 'Paste the PEM certificate of the CA that signed the registry certificate, including the BEGIN and END lines.',
    };
  }),

  defineRule('ssh.key-invalid', 'The SSH public key parses', function* (site) {
    // installer.md §4.1: sshKey must parse as an authorized key.
    const lines = sshKeyLines(site.cluster.sshPublicKey);
    if (lines.length === 0) {
      yield {
        severity: 'error',
        path: pointer('cluster', 'sshPublicKey'),
        message: 'The SSH public key is empty; nobody could log in to the nodes to troubleshoot.',
        hint: 'Paste the public key (one line of a .pub file, e.g. ssh-ed25519 AAAA... user@host).',
      };
      return;
    }
    for (const [n, line] of lines.entries()) {
      const result = checkSshKeyLine(line);
      if (result.ok) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', 'sshPublicKey'),
        message: `The SSH public key${lines.length > 1 ? ` on line ${n + 1}` : ''} ${result.problem}.`,
        hint: 'Paste the whole line of the .pub file: type, key data and optional comment.',
      };
    }
  }),

  defineRule('ssh.key-fips', 'With FIPS the SSH key is RSA or ECDSA', function* (site) {
    if (site.cluster.fips !== true) return;
    for (const line of sshKeyLines(site.cluster.sshPublicKey)) {
      const result = checkSshKeyLine(line);
      if (!result.ok || FIPS_SSH_KEY_TYPES.includes(result.type)) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', 'sshPublicKey'),
        message: `The SSH key is ${result.type}, which cannot be used when FIPS is enabled.`,
        hint: 'Use an RSA or ECDSA key (ssh-keygen -t ecdsa -b 384), or turn FIPS off.',
      };
    }
  }),

  defineRule('proxy.empty', 'A proxy section names a proxy', function* (site) {
    // installer.md §4.1: httpProxy or httpsProxy required.
    const proxy = site.cluster.proxy;
    if (!proxy || proxy.httpProxy !== undefined || proxy.httpsProxy !== undefined) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'proxy'),
      message: 'The proxy section names neither httpProxy nor httpsProxy.',
      hint: 'Add the proxy URL, or remove the proxy section.',
    };
  }),

  defineRule('proxy.url-invalid', 'Proxy URLs use the right scheme', function* (site) {
    // installer.md §4.1: httpProxy must use http; httpsProxy http or https.
    const proxy = site.cluster.proxy;
    if (!proxy) return;
    const fields = [
      ['httpProxy', proxy.httpProxy, ['http:']],
      ['httpsProxy', proxy.httpsProxy, ['http:', 'https:']],
    ] as const;
    for (const [field, value, schemes] of fields) {
      const problem = value === undefined ? undefined : proxyUrlProblem(value, [...schemes]);
      if (!problem) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', 'proxy', field),
        message: `${field} ${problem}.`,
        hint: 'Write the proxy as a URL, e.g. http://proxy.plant-a.example.com:3128.',
      };
    }
  }),

  defineRule('proxy.no-proxy-invalid', 'noProxy entries have no spaces', function* (site) {
    // installer.md §4.1: noProxy has no spaces.
    for (const [k, entry] of (site.cluster.proxy?.noProxy ?? []).entries()) {
      if (entry !== '' && !/\s/.test(entry)) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', 'proxy', 'noProxy', k),
        message: entry === '' ? `noProxy entry ${k + 1} is empty.` : `noProxy entry "${entry}" contains a space.`,
        hint: 'Give one domain, IP or CIDR per entry, e.g. .plant-a.example.com or 10.0.0.0/8.',
      };
    }
  }),

  defineRule('cluster.name-too-long', 'The cluster domain is at most 253 characters', function* (site) {
    const domain = `${site.cluster.name}.${site.cluster.baseDomain}`;
    if (domain.length <= MAX_CLUSTER_DOMAIN) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'baseDomain'),
      message: `The cluster domain ${site.cluster.name}.<baseDomain> is ${domain.length} characters long; the installer allows ${MAX_CLUSTER_DOMAIN}.`,
      hint: 'Shorten the cluster name or the base domain.',
    };
  }),
];
