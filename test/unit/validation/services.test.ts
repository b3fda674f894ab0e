import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

/** SSH wire-format string: uint32 length + bytes. */
function sshString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** An authorized_keys line whose blob is the length-prefixed `inner` type and a 32-byte key. */
function key(type: string, inner = type): string {
  const blob = Buffer.concat([sshString(Buffer.from(inner, 'latin1')), sshString(Buffer.alloc(32, 7))]);
  return `${type} ${blob.toString('base64')} tech@laptop`;
}

const CERT = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;

ruleCases([
  {
    id: 'dns.server-invalid',
    severity: 'error',
    path: '/cluster/dnsServers/0',
    name: 'host name as resolver',
    change: (s) => void (s.cluster.dnsServers = ['dns1.plant-a.example.com']),
    message: /resolver must be given by IP/,
  },
  { id: 'dns.server-invalid', severity: 'error', path: '/cluster/dnsServers/1', name: 'garbage', change: (s) => void s.cluster.dnsServers.push('10.10.0.300') },
  { id: 'ntp.server-invalid', severity: 'error', path: '/cluster/ntpServers/1', name: 'URL', change: (s) => void (s.cluster.ntpServers[1] = 'ntp://ntp2.plant-a.example.com') },
  {
    id: 'mirror.registry-invalid',
    severity: 'error',
    path: '/cluster/mirror/registry',
    name: 'scheme',
    change: (s) => void (s.cluster.mirror!.registry = 'https://mirror.plant-a.example.com:8443'),
    message: /scheme/,
  },
  { id: 'mirror.registry-invalid', severity: 'error', path: '/cluster/mirror/registry', name: 'path', change: (s) => void (s.cluster.mirror!.registry = 'mirror.plant-a.example.com:8443/ocp4'), message: /path/ },
  { id: 'mirror.registry-invalid', severity: 'error', path: '/cluster/mirror/registry', name: 'bad port', change: (s) => void (s.cluster.mirror!.registry = 'mirror.plant-a.example.com:99999'), message: /port/ },
  {
    id: 'mirror.ca-invalid',
    severity: 'error',
    path: '/cluster/mirror/caBundle',
    name: 'not PEM',
    change: (s) => void (s.cluster.mirror!.caBundle = 'paste CA here'),
    message: /no PEM certificate/,
  },
  { id: 'mirror.ca-invalid', severity: 'error', path: '/cluster/mirror/caBundle', name: 'broken base64', change: (s) => void (s.cluster.mirror!.caBundle = CERT('MIIB!!notbase64')) },
  {
    id: 'mirror.ca-invalid',
    severity: 'error',
    path: '/cluster/mirror/caBundle',
    name: 'private key pasted',
    change: (s) => void (s.cluster.mirror!.caBundle = `${s.cluster.mirror!.caBundle}-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n`),
    message: /private key/,
  },
  { id: 'ssh.key-invalid', severity: 'error', path: '/cluster/sshPublicKey', name: 'truncated key', change: (s) => void (s.cluster.sshPublicKey = s.cluster.sshPublicKey.slice(0, 40)) },
  { id: 'ssh.key-invalid', severity: 'error', path: '/cluster/sshPublicKey', name: 'type mismatch', change: (s) => void (s.cluster.sshPublicKey = key('ssh-rsa', 'ssh-ed25519')), message: /not a ssh-rsa key/ },
  { id: 'ssh.key-invalid', severity: 'error', path: '/cluster/sshPublicKey', name: 'unknown type', change: (s) => void (s.cluster.sshPublicKey = key('ssh-dss')) },
  { id: 'ssh.key-invalid', severity: 'error', path: '/cluster/sshPublicKey', name: 'empty', change: (s) => void (s.cluster.sshPublicKey = '') },
  { id: 'ssh.key-fips', severity: 'error', path: '/cluster/sshPublicKey', name: 'ed25519 with FIPS', change: (s) => void (s.cluster.fips = true), message: /ssh-ed25519/ },
  { id: 'proxy.empty', severity: 'error', path: '/cluster/proxy', name: 'empty proxy section', change: (s) => void (s.cluster.proxy = { noProxy: ['.plant-a.example.com'] }) },
  { id: 'proxy.url-invalid', severity: 'error', path: '/cluster/proxy/httpProxy', name: 'https httpProxy', change: (s) => void (s.cluster.proxy = { httpProxy: 'https://proxy.example.com:3128' }) },
  { id: 'proxy.url-invalid', severity: 'error', path: '/cluster/proxy/httpsProxy', name: 'socks httpsProxy', change: (s) => void (s.cluster.proxy = { httpsProxy: 'socks5://proxy.example.com:1080' }) },
  {
    id: 'proxy.no-proxy-invalid',
    severity: 'error',
    path: '/cluster/proxy/noProxy/1',
    name: 'space in noProxy',
    change: (s) => void (s.cluster.proxy = { httpProxy: 'http://proxy.example.com:3128', noProxy: ['.plant-a.example.com', '10.0.0.0/8, 172.16.0.0/12'] }),
  },
  {
    id: 'cluster.name-too-long',
    severity: 'error',
    path: '/cluster/baseDomain',
    name: 'long base domain',
    change: (s) => void (s.cluster.baseDomain = [...Array.from({ length: 4 }, () => 'a'.repeat(50)), 'b'.repeat(49)].join('.')),
  },
]);

describe('service rules', () => {
  it('accepts RSA, ECDSA and sk- keys, and RSA/ECDSA with FIPS', () => {
    for (const type of ['ssh-rsa', 'ecdsa-sha2-nistp384', 'sk-ssh-ed25519@openssh.com']) {
      expect(findingsOf(mutate((s) => void (s.cluster.sshPublicKey = key(type))), 'ssh.key-invalid')).toEqual([]);
    }
    for (const type of ['ssh-rsa', 'ecdsa-sha2-nistp256']) {
      const site = mutate((s) => {
        s.cluster.fips = true;
        s.cluster.sshPublicKey = key(type);
      });
      expect(findingsOf(site, 'ssh.key-fips')).toEqual([]);
    }
  });
  it('never echoes the key', () => {
    const bad = key('ssh-rsa', 'ssh-ed25519');
    const [f] = findingsOf(mutate((s) => void (s.cluster.sshPublicKey = bad)), 'ssh.key-invalid');
    expect(f?.message).not.toContain(bad.split(' ')[1]!.slice(0, 20));
  });
  it('accepts a registry given by IPv4 or bracketed IPv6 with port, and a valid proxy', () => {
    for (const r of ['10.10.0.50:5000', '[2001:db8::50]:8443', 'mirror']) {
      expect(findingsOf(mutate((s) => void (s.cluster.mirror!.registry = r)), 'mirror.registry-invalid')).toEqual([]);
    }
    const site = mutate((s) => void (s.cluster.proxy = { httpProxy: 'http://proxy:3128', httpsProxy: 'https://proxy:3129', noProxy: ['.local', '10.0.0.0/8'] }));
    expect(validateProxy(site)).toEqual([]);
  });
});

function validateProxy(site: ReturnType<typeof mutate>) {
  return [...findingsOf(site, 'proxy.empty'), ...findingsOf(site, 'proxy.url-invalid'), ...findingsOf(site, 'proxy.no-proxy-invalid')];
}
