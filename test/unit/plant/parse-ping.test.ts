import { describe, expect, it } from 'vitest';
import { parsePing } from '../../../main/core/plant/parse/ping';
import type { PingResult } from '../../../main/core/plant/types';
import { corpus, itCoversTheCorpus } from './parse-corpus';

type Expect = { rc: number } & Partial<Omit<PingResult, 'requestId'>>;

const EXPECT: Record<string, Expect> = {
  'deb12-answered': { rc: 0, status: 'answered', sent: 3, received: 3, avgMs: 0.047 },
  'deb12-ipv6-answered': { rc: 0, status: 'answered', sent: 3, received: 3, avgMs: 0.109 },
  // An unused on-link address with the script's options: ARP gives up after ping has ended.
  'deb12-vip-free-host-unreachable': { rc: 1, status: 'no-answer', sent: 3, received: 0 },
  'deb12-host-unreachable-longer': { rc: 1, status: 'unreachable', sent: 6, received: 0 },
  'deb12-silent': { rc: 1, status: 'no-answer', sent: 3, received: 0 },
  'deb12-network-unreachable': { rc: 2, status: 'unreachable' },
  'deb12-bad-address': { rc: 2, status: 'error' },
  'deb12-no-tool': { rc: 127, status: 'no-tool' },
  'public-iputils-565-host-unreachable': { rc: 1, status: 'unreachable', sent: 3, received: 0 },
  'public-ping6-address-unreachable': { rc: 1, status: 'unreachable', sent: 4, received: 0 },
  'public-ping6-no-answer': { rc: 1, status: 'no-answer', sent: 10, received: 0 },
  'public-bsd-ping-answered': { rc: 0, status: 'answered', sent: 6060, received: 6060, avgMs: 20.593 },
};

describe('parsePing over the corpus', () => {
  const cases = corpus('ping');
  itCoversTheCorpus(cases, EXPECT);
  for (const c of cases) {
    const want = EXPECT[c.name];
    if (!want) continue;
    it(c.name, () => {
      const { rc, ...fields } = want;
      const got = parsePing(c.stdout, c.stderr, rc);
      expect(got).toMatchObject(fields);
      if (got.status !== 'answered') expect(got.message ?? got.status).toBeTruthy();
      if (!('avgMs' in fields)) expect(got.avgMs).toBeUndefined();
    });
  }
});

describe('parsePing partial loss', () => {
  it('counts a gateway that answered some of the probes as answered', () => {
    const out = 'PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0.4 ms\n\n--- 192.0.2.1 ping statistics ---\n3 packets transmitted, 1 received, 66.6667% packet loss, time 405ms\nrtt min/avg/max/mdev = 0.400/0.400/0.400/0.000 ms\n';
    expect(parsePing(out, '', 1)).toMatchObject({ status: 'answered', sent: 3, received: 1, avgMs: 0.4 });
  });
});
