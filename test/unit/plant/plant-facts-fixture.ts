// Plant facts of plant-a's acp-1 as the capture parsers would give them: the plan DNS server
// knows api and api-int but not *.apps, the node's resolvers answer the same, the mirror's
// certificate has 40 days left, /v2/ wants a login, the release image is there and the operator
// index is not, one NTP server answers (node 12 ms fast), the other is silent, the gateway answers
// and the Ingress VIP is taken. The certificate is made here with openssl (a test key, no secret);
// its dates count from the test's own clock, so tests read them back with node:crypto.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PlantFacts } from '../../../main/core/plant/types';


/** A self-signed certificate valid from now for `days` days (openssl req -x509 -days). */
export function testCertificate(days: number, cn = 'mirror.plant-a.example.com'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitekit-plant-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key], { stdio: 'ignore' });
    execFileSync('openssl', ['req', '-x509', '-key', key, '-out', cert, '-subj', `/CN=${cn}`, '-days', String(days)], { stdio: 'ignore' });
    return readFileSync(cert, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const D = 'acp.plant-a.example.com';
const M = 'https://mirror.plant-a.example.com:8443';

export function plantFacts(certPem: string): PlantFacts {
  return {
    requests: [
      { kind: 'dns', id: 'd1', server: '10.10.0.2', type: 'A', name: `api.${D}` },
      { kind: 'dns', id: 'd2', server: '10.10.0.2', type: 'A', name: `api-int.${D}` },
      { kind: 'dns', id: 'd3', server: '10.10.0.2', type: 'A', name: `sitekit-check.apps.${D}` },
      { kind: 'dns', id: 'd4', server: '10.10.0.2', type: 'A', name: `validateNoWildcardDNS.${D}` },
      { kind: 'dns', id: 'd5', server: '10.10.0.2', type: 'A', name: `acp-2.${D}` },
      { kind: 'dns', id: 'd6', server: '10.10.0.2', type: 'PTR', name: '10.10.0.12' },
      { kind: 'dns', id: 'n1', server: 'node', type: 'A', name: `api.${D}` },
      { kind: 'dns', id: 'n3', server: 'node', type: 'A', name: `sitekit-check.apps.${D}` },
      { kind: 'tls', id: 't1', host: 'mirror.plant-a.example.com', port: 8443, serverName: 'mirror.plant-a.example.com' },
      { kind: 'http', id: 'h1', method: 'GET', url: `${M}/v2/`, auth: 1 },
      { kind: 'http', id: 'h2', method: 'HEAD', url: `${M}/v2/openshift/release-images/manifests/4.18.12-x86_64`, manifest: true, auth: 1 },
      { kind: 'http', id: 'h3', method: 'HEAD', url: `${M}/v2/redhat/redhat-operator-index/manifests/v4.18`, manifest: true, auth: 1 },
      { kind: 'ntp', id: 'ntp1', server: '10.10.0.3' },
      { kind: 'ntp', id: 'ntp2', server: 'ntp2.plant-a.example.com' },
      { kind: 'ping', id: 'p1', address: '10.10.0.1' },
      { kind: 'ping', id: 'p2', address: '10.10.0.5' },
      { kind: 'ping', id: 'p3', address: '10.10.0.6' },
    ],
    resolvers: ['10.10.0.2'],
    dns: [
      { requestId: 'd1', tool: 'dig', status: 'NOERROR', answers: ['10.10.0.5'], answeredBy: '10.10.0.2#53' },
      { requestId: 'd2', tool: 'dig', status: 'NOERROR', answers: ['10.10.0.5'] },
      { requestId: 'd3', tool: 'dig', status: 'NXDOMAIN', answers: [] },
      { requestId: 'd4', tool: 'dig', status: 'NXDOMAIN', answers: [] },
      { requestId: 'd5', tool: 'dig', status: 'NOERROR', answers: ['10.10.0.12'] },
      { requestId: 'd6', tool: 'dig', status: 'NOERROR', answers: ['acp-2.acp.plant-a.example.com.'] },
      { requestId: 'n1', tool: 'getent', status: 'found', answers: ['10.10.0.5'] },
      { requestId: 'n3', tool: 'getent', status: 'not-found', answers: [] },
    ],
    tls: [{ requestId: 't1', status: 'connected', chainPem: [certPem], protocol: 'TLSv1.3' }],
    http: [
      { requestId: 'h1', status: 'answered', code: 200, authSent: true },
      { requestId: 'h2', status: 'answered', code: 200, authSent: true, digest: 'sha256:' + 'a'.repeat(64) },
      { requestId: 'h3', status: 'answered', code: 404, authSent: true },
    ],
    ntp: [
      { requestId: 'ntp1', status: 'answered', offsetSeconds: 0.012 },
      { requestId: 'ntp2', status: 'no-answer' },
    ],
    ping: [
      { requestId: 'p1', status: 'answered', sent: 3, received: 3, avgMs: 0.42 },
      { requestId: 'p2', status: 'no-answer', sent: 3, received: 0 },
      { requestId: 'p3', status: 'answered', sent: 3, received: 3, avgMs: 0.3 },
    ],
    diskSpeed: { device: '/dev/sda', target: '/dev/sda', status: 'measured', tool: 'fio', syncMs: 3.2, measure: 'p99', thresholdMs: 10 },
  };
}
