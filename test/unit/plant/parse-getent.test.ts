import { describe, expect, it } from 'vitest';
import { parseGetent } from '../../../main/core/plant/parse/getent';
import type { DnsResult } from '../../../main/core/plant/types';
import { corpus, itCoversTheCorpus } from './parse-corpus';

type Expect = { rc: number; type: 'A' | 'AAAA' | 'PTR' } & Partial<Omit<DnsResult, 'requestId'>>;

const EXPECT: Record<string, Expect> = {
  'deb12-ahosts-api': { rc: 0, type: 'A', status: 'found', answers: ['10.77.0.20'] },
  'deb12-ahosts-apps-wildcard': { rc: 0, type: 'A', status: 'found', answers: ['10.77.0.21'] },
  'deb12-ahosts-cname': { rc: 0, type: 'A', status: 'found', answers: ['10.77.0.10'] },
  'deb12-ahosts-not-found': { rc: 2, type: 'A', status: 'not-found', answers: [] },
  'deb12-ahosts-v4-only': { rc: 0, type: 'A', status: 'found', answers: ['10.77.0.31'] },
  'deb12-hosts-ptr': { rc: 0, type: 'PTR', status: 'found', answers: ['tb-1.acp.plant.example'] },
  'deb12-hosts-ptr-not-found': { rc: 2, type: 'PTR', status: 'not-found', answers: [] },
  'deb12-no-tool': { rc: 127, type: 'A', status: 'no-tool', answers: [] },
};

describe('parseGetent over the corpus', () => {
  const cases = corpus('getent');
  itCoversTheCorpus(cases, EXPECT);
  for (const c of cases) {
    const want = EXPECT[c.name];
    if (!want) continue;
    it(c.name, () => {
      const { rc, type, ...fields } = want;
      expect(parseGetent(c.stdout, c.stderr, rc, type)).toMatchObject({ tool: 'getent', ...fields });
    });
  }
});

describe('parseGetent by address family', () => {
  const [api] = corpus('getent').filter((c) => c.name === 'deb12-ahosts-api');

  it('answers AAAA from the same ahosts output with the IPv6 addresses only', () => {
    expect(parseGetent(api!.stdout, '', 0, 'AAAA')).toMatchObject({ status: 'found', answers: ['fd77::20'] });
  });

  it('says so when a name has addresses, but none of the family asked', () => {
    const [v4] = corpus('getent').filter((c) => c.name === 'deb12-ahosts-v4-only');
    const got = parseGetent(v4!.stdout, '', 0, 'AAAA');
    expect(got).toMatchObject({ status: 'not-found', answers: [] });
    expect(got.message).toContain('10.77.0.31');
  });

  it('treats the time limit of the script as a timeout', () => {
    expect(parseGetent('', '', 124, 'A').status).toBe('timeout');
  });
});
