import { describe, expect, it } from 'vitest';
import { parseDig } from '../../../main/core/plant/parse/dig';
import type { DnsResult } from '../../../main/core/plant/types';
import { corpus, itCoversTheCorpus } from './parse-corpus';

type Expect = { rc: number } & Partial<Omit<DnsResult, 'requestId'>>;

// rc: the exit code the command had (captured here) or would have had (public outputs: dig exits 0
// whenever a reply came, 9 when no server answered).
const EXPECT: Record<string, Expect> = {
  'deb12-a-api': { rc: 0, status: 'NOERROR', answers: ['10.77.0.20'], answeredBy: '10.77.0.53' },
  'deb12-aaaa-api': { rc: 0, status: 'NOERROR', answers: ['fd77::20'] },
  'deb12-a-apps-wildcard': { rc: 0, status: 'NOERROR', answers: ['10.77.0.21'] },
  'deb12-a-base-wildcard': { rc: 0, status: 'NOERROR', answers: ['10.77.0.99'] },
  'deb12-a-nxdomain': { rc: 0, status: 'NXDOMAIN', answers: [], answeredBy: '10.77.0.53' },
  'deb12-a-cname-chain': { rc: 0, status: 'NOERROR', answers: ['10.77.0.10'], cnames: ['registry.plant.example', 'mirror.plant.example'] },
  'deb12-ptr': { rc: 0, status: 'NOERROR', answers: ['tb-1.acp.plant.example'] },
  'deb12-ptr-other-name': { rc: 0, status: 'NOERROR', answers: ['storage-33.other.example'] },
  'deb12-ptr-nxdomain': { rc: 0, status: 'NXDOMAIN', answers: [] },
  'deb12-aaaa-nodata': { rc: 0, status: 'NOERROR', answers: [] },
  'deb12-a-refused': { rc: 0, status: 'REFUSED', answers: [], message: 'extended DNS error: 14 (Not Ready)' },
  'deb12-timeout': { rc: 9, status: 'timeout', answers: [] },
  'deb12-timeout-forwarder-silent': { rc: 9, status: 'timeout', answers: [] },
  'deb12-comm-error-refused': { rc: 9, status: 'unreachable', answers: [] },
  'deb12-no-route': { rc: 9, status: 'unreachable', answers: [] },
  'deb12-no-tool': { rc: 127, status: 'no-tool', answers: [] },
  'bind9-doc-noerror-recursive': { rc: 0, status: 'NOERROR', answers: ['10.1.0.1'], answeredBy: '10.53.0.3' },
  'bind9-doc-servfail': { rc: 0, status: 'SERVFAIL', answers: [] },
  'bind9-doc-servfail-dnssec-failed': { rc: 0, status: 'SERVFAIL', answers: [], answeredBy: '10.53.0.1' },
  'bind9-doc-a-rrsig-multiline': { rc: 0, status: 'NOERROR', answers: ['149.20.1.49'] },
  'public-issue-timeout-old-format': { rc: 9, status: 'timeout', answers: [] },
  'public-issue-nxdomain-dangling-cname': { rc: 0, status: 'NXDOMAIN', answers: [], cnames: ['service.service-ns.svc.cluster.local'], answeredBy: '172.21.0.10' },
  'public-issue-cname-to-wildcard-owner': { rc: 0, status: 'NOERROR', answers: ['10.96.0.1', '10.104.110.40', '10.96.0.10'], cnames: ['*'] },
};

describe('parseDig over the corpus', () => {
  const cases = corpus('dig');
  itCoversTheCorpus(cases, EXPECT);
  for (const c of cases) {
    const want = EXPECT[c.name];
    if (!want) continue;
    it(c.name, () => {
      const { rc, ...fields } = want;
      const got = parseDig(c.stdout, c.stderr, rc);
      expect(got).toMatchObject({ tool: 'dig', ...fields });
      if (!('cnames' in fields)) expect(got.cnames).toBeUndefined();
      // A failed lookup always says why, in words.
      if (/^[a-z]/.test(got.status)) expect(got.message).toBeTruthy();
    });
  }
});

describe('parseDig edge cases', () => {
  it('reads a reply without +comments (records only) and without an exit code', () => {
    const got = parseDig('api.example.com.\t30\tIN\tA\t192.0.2.7\n', '', undefined);
    // No header: dig's reply is unknown, but the records are not trusted without it.
    expect(got.status).toBe('error');
  });

  it('ignores records that are not on the CNAME chain (additional data, other owners)', () => {
    const out = [
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1',
      ';; ANSWER SECTION:',
      'a.example.\t60\tIN\tCNAME\tb.example.',
      'c.example.\t60\tIN\tA\t192.0.2.9',
      'b.example.\t60\tIN\tA\t192.0.2.8',
      '',
    ].join('\n');
    expect(parseDig(out, '', 0)).toMatchObject({ status: 'NOERROR', answers: ['192.0.2.8'], cnames: ['b.example'] });
  });

  it('counts the reply after a TCP retry (the last header)', () => {
    const out = [
      ';; Truncated, retrying in TCP mode.',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1',
      ';; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 2',
      '',
    ].join('\n');
    expect(parseDig(out, '', 0).status).toBe('SERVFAIL');
  });

  it('treats the time limit of the script as a timeout', () => {
    expect(parseDig('', '', 124).status).toBe('timeout');
  });

  it('accepts CRLF line ends (a capture saved on Windows)', () => {
    const out = ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 5\r\n;; ANSWER SECTION:\r\nx.example. 5 IN A 192.0.2.1\r\n\r\n';
    expect(parseDig(out, '', 0)).toMatchObject({ status: 'NOERROR', answers: ['192.0.2.1'] });
  });
});
