import { describe, expect, it } from 'vitest';
import { parseChronydQuery } from '../../../main/core/plant/parse/chronyd-query';
import type { NtpResult } from '../../../main/core/plant/types';
import { corpus, itCoversTheCorpus } from './parse-corpus';

type Expect = { rc: number; status: NtpResult['status']; offset?: number };

const EXPECT: Record<string, Expect> = {
  'deb12-answered': { rc: 0, status: 'answered', offset: 0.000011 },
  'deb12-answered-again': { rc: 0, status: 'answered', offset: 0.000003 },
  'deb12-non-root': { rc: 0, status: 'answered', offset: 0.000003 },
  'deb12-by-name': { rc: 0, status: 'answered', offset: 0.000002 },
  // `offset 5` on the client's source makes the source look 5 s ahead: the node is 5 s SLOW.
  'deb12-answered-offset-plus5': { rc: 0, status: 'answered', offset: -4.999997 },
  'deb12-answered-offset-minus2': { rc: 0, status: 'answered', offset: 2.500003 },
  'deb12-silent': { rc: 1, status: 'no-answer' },
  'deb12-port-closed': { rc: 1, status: 'no-answer' },
  'deb12-unresolved': { rc: 1, status: 'no-answer' },
  'deb12-no-tool': { rc: 127, status: 'no-tool' },
  'public-rhel9-doc-nts-answered': { rc: 0, status: 'answered', offset: -0.002205 },
};

describe('parseChronydQuery over the corpus', () => {
  const cases = corpus('chronyd');
  itCoversTheCorpus(cases, EXPECT);
  for (const c of cases) {
    const want = EXPECT[c.name];
    if (!want) continue;
    it(c.name, () => {
      const got = parseChronydQuery(c.stdout, c.stderr, want.rc);
      expect(got.status).toBe(want.status);
      if (want.offset === undefined) {
        expect(got.offsetSeconds).toBeUndefined();
        expect(got.message).toBeTruthy();
      } else {
        expect(got.offsetSeconds).toBeCloseTo(want.offset, 9);
      }
    });
  }
});

describe('parseChronydQuery messages chronyd prints in other cases (chrony source, ntp_sources.c / main.c)', () => {
  it('a name that cannot be resolved for good ("Invalid host")', () => {
    const got = parseChronydQuery('', '2026-01-01T00:00:00Z Invalid host ntp.nowhere.example\n2026-01-01T00:00:03Z Timeout reached\n', 1);
    expect(got).toMatchObject({ status: 'unresolved' });
    expect(got.message).toContain('ntp.nowhere.example');
  });

  it('a fatal error (another chronyd with the same pid file)', () => {
    const got = parseChronydQuery('', 'Fatal error : Another chronyd may already be running (pid=812), check /run/chrony/chronyd.pid\n', 1);
    expect(got.status).toBe('error');
    expect(got.message).toContain('Another chronyd');
  });

  it('stopped by the script\'s time limit', () => {
    expect(parseChronydQuery('', '', 124).status).toBe('no-answer');
  });
});
