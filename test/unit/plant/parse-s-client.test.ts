import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSClient } from '../../../main/core/plant/parse/s-client';
import type { TlsResult } from '../../../main/core/plant/types';
import { corpus, itCoversTheCorpus } from './parse-corpus';

type Expect = { rc: number; status: TlsResult['status']; subjects?: string[]; protocol?: string; message?: RegExp };

const EXPECT: Record<string, Expect> = {
  'deb12-tls13-chain': { rc: 0, status: 'connected', subjects: ['CN=mirror.plant.example', 'CN=skpar Test Intermediate CA'], protocol: 'TLSv1.3' },
  'deb12-tls13-chain-by-name': { rc: 0, status: 'connected', subjects: ['CN=mirror.plant.example', 'CN=skpar Test Intermediate CA'], protocol: 'TLSv1.3' },
  'deb12-tls12-self-signed': { rc: 0, status: 'connected', subjects: ['CN=mirror.plant.example'], protocol: 'TLSv1.2' },
  'deb12-refused': { rc: 1, status: 'refused' },
  'deb12-proxy-refused': { rc: 1, status: 'refused' },
  'deb12-unresolved': { rc: 1, status: 'unresolved' },
  'deb12-timeout': { rc: 124, status: 'timeout' },
  'deb12-no-route': { rc: 1, status: 'error', message: /no route/ },
  'deb12-plain-http': { rc: 1, status: 'error', message: /handshake failed: wrong version number/ },
  'deb12-no-tool': { rc: 127, status: 'no-tool' },
  // OpenSSL 1.0.2 (/CN= names, "TLSv1/SSLv3" summary): the router sent its CA twice, kept as sent.
  'public-openssl102-openshift-router-chain3': {
    rc: 0,
    status: 'connected',
    subjects: ['CN=*.apps.softwareag-e07a.openshiftworkshop.com', 'CN=openshift-signer@1542293532', 'CN=openshift-signer@1542293532'],
    protocol: 'TLSv1.2',
  },
  // OpenSSL 1.1.1 with stderr merged into stdout (2>&1), as a hand-run capture would be.
  'public-openssl111-gmail-smtp-chain2': {
    rc: 0,
    status: 'connected',
    subjects: ['C=US\nST=California\nL=Mountain View\nO=Google LLC\nCN=smtp.gmail.com', 'C=US\nO=Google Trust Services\nCN=GTS CA 1O1'],
    protocol: 'TLSv1.3',
  },
};

describe('parseSClient over the corpus', () => {
  const cases = corpus('s_client');
  itCoversTheCorpus(cases, EXPECT);
  for (const c of cases) {
    const want = EXPECT[c.name];
    if (!want) continue;
    it(c.name, () => {
      const got = parseSClient(c.stdout, c.stderr, want.rc);
      expect(got.status).toBe(want.status);
      // Every PEM is a real certificate, in the order the server sent them.
      expect(got.chainPem.map((pem) => new X509Certificate(pem).subject)).toEqual(want.subjects ?? []);
      expect(got.protocol).toBe(want.protocol);
      if (want.status !== 'connected') expect(got.message).toBeTruthy();
      if (want.message) expect(got.message).toMatch(want.message);
    });
  }
});

describe('parseSClient edge cases', () => {
  const [chain] = corpus('s_client').filter((c) => c.name === 'deb12-tls13-chain');

  it('reads the leaf after "Server certificate" when -showcerts was not given, without doubling it', () => {
    const leafOnly = chain!.stdout.replace(/Certificate chain[\s\S]*?---\nServer certificate\n/, (block) => {
      const first = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(block)![0];
      return `Certificate chain\n---\nServer certificate\n${first}`;
    });
    expect(parseSClient(leafOnly, '', 0).chainPem).toHaveLength(1);
    expect(parseSClient(chain!.stdout, '', 0).chainPem).toHaveLength(2);
  });

  it('accepts a console copy with CRLF and indented PEM lines', () => {
    const console = chain!.stdout.replace(/\n/g, '\r\n').replace(/^([A-Za-z0-9+/=]{20,})\r$/gm, '   $1\r');
    const got = parseSClient(console, '', 0);
    expect(got.chainPem.map((pem) => new X509Certificate(pem).subject)).toEqual(['CN=mirror.plant.example', 'CN=skpar Test Intermediate CA']);
  });

  it('leaves out a block that is certificate text, not PEM, and says so', () => {
    const got = parseSClient('CONNECTED(00000003)\n-----BEGIN CERTIFICATE-----\nCertificate:\n    Data:\n-----END CERTIFICATE-----\n', '', 0);
    expect(got.chainPem).toEqual([]);
    expect(got.status).toBe('error');
  });
});
