import { describe, expect, it } from 'vitest';
import { parseCurlHttp } from '../../../main/core/plant/parse/curl-http';
import type { HttpResult } from '../../../main/core/plant/types';
import { corpus, itCoversTheCorpus } from './parse-corpus';

type Expect = { rc: number } & Partial<Omit<HttpResult, 'requestId'>>;

const DOCKER_DIGEST = 'sha256:68fc2d4fc253e65aad8e7b8de9587c911b687c6280936d0b35136d765dac9011';

const EXPECT: Record<string, Expect> = {
  'deb12-open-v2-200': { rc: 0, status: 'answered', code: 200, authSent: false, contentType: 'application/json; charset=utf-8' },
  'deb12-open-manifest-head-docker': { rc: 0, status: 'answered', code: 200, digest: DOCKER_DIGEST, contentType: 'application/vnd.docker.distribution.manifest.v2+json' },
  'deb12-open-manifest-head-oci': {
    rc: 0,
    status: 'answered',
    code: 200,
    digest: 'sha256:85ab97030ab943f255282f58288b15ac3204188ee11d5caad2d871d70cba2f1b',
    contentType: 'application/vnd.oci.image.manifest.v1+json',
  },
  'deb12-open-manifest-404': { rc: 0, status: 'answered', code: 404, authSent: false },
  'deb12-basic-v2-401-no-creds': { rc: 0, status: 'answered', code: 401, authSent: false, challenge: 'basic' },
  'deb12-basic-v2-401-wrong-creds': { rc: 0, status: 'answered', code: 401, authSent: true, challenge: 'basic' },
  'deb12-basic-v2-200': { rc: 0, status: 'answered', code: 200, authSent: true },
  'deb12-basic-manifest-head': { rc: 0, status: 'answered', code: 200, authSent: true, digest: DOCKER_DIGEST },
  'deb12-bearer-v2-anonymous': { rc: 0, status: 'answered', code: 200, authSent: false, challenge: 'bearer' },
  'deb12-bearer-v2-creds': { rc: 0, status: 'answered', code: 200, authSent: true, challenge: 'bearer' },
  'deb12-bearer-manifest-anonymous': { rc: 0, status: 'answered', code: 401, authSent: false, challenge: 'bearer' },
  'deb12-bearer-manifest-creds': { rc: 0, status: 'answered', code: 200, authSent: true, challenge: 'bearer', digest: DOCKER_DIGEST },
  'deb12-bearer-manifest-404-creds': { rc: 0, status: 'answered', code: 404, authSent: true, challenge: 'bearer' },
  'deb12-bearer-wrong-creds': { rc: 0, status: 'answered', code: 401, authSent: true, challenge: 'bearer' },
  'deb12-plain-http-404': { rc: 0, status: 'answered', code: 404, contentType: 'text/html;charset=utf-8' },
  'deb12-unresolved': { rc: 6, status: 'unresolved', authSent: false },
  'deb12-refused': { rc: 7, status: 'refused' },
  'deb12-timeout': { rc: 28, status: 'timeout' },
  'deb12-tls-plain-http': { rc: 35, status: 'tls-error' },
  'deb12-no-tool': { rc: 127, status: 'no-tool' },
  // Plain curl -i output (no marker line, body after the headers).
  'public-dockerhub-v2-401-curl-i': { rc: 0, status: 'answered', code: 401, challenge: 'bearer', contentType: 'application/json; charset=utf-8' },
  'public-quay-blob-head-200': {
    rc: 0,
    status: 'answered',
    code: 200,
    digest: 'sha256:8cf469d41e77c8c4aaa2191f42f55b9758f77c640f2f7015b799b26458903f9b',
    contentType: 'application/octet-stream',
  },
};

describe('parseCurlHttp over the corpus', () => {
  const cases = corpus('curl');
  itCoversTheCorpus(cases, EXPECT);
  for (const c of cases) {
    const want = EXPECT[c.name];
    if (!want) continue;
    it(c.name, () => {
      const { rc, ...fields } = want;
      const got = parseCurlHttp(c.stdout, c.stderr, rc);
      expect(got).toMatchObject(fields);
      if (got.status !== 'answered') expect(got.message).toBeTruthy();
      if (/^deb12-(open|basic|bearer)/.test(c.name)) expect(got.seconds).toBeGreaterThan(0);
    });
  }
});

describe('parseCurlHttp edge cases', () => {
  it('takes the response after a proxy tunnel, not the proxy "Connection established"', () => {
    const out = 'HTTP/1.1 200 Connection established\r\n\r\nHTTP/2 404 \r\ncontent-type: application/json\r\n\r\nSITEKIT-HTTP code=404 time=0.2 auth=none\n';
    expect(parseCurlHttp(out, '', 0)).toMatchObject({ status: 'answered', code: 404, contentType: 'application/json' });
  });

  it('names curl\'s own error even when the job\'s exit code is another', () => {
    const got = parseCurlHttp('SITEKIT-HTTP code=000 time=0.01 auth=basic\n', 'curl: (60) SSL certificate problem: unable to get local issuer certificate\n', 0);
    expect(got).toMatchObject({ status: 'tls-error', authSent: true });
    expect(got.message).toContain('unable to get local issuer certificate');
  });

  it('reports a 401 without any WWW-Authenticate header as challenge "none"', () => {
    expect(parseCurlHttp('HTTP/1.1 401 Unauthorized\r\n\r\nSITEKIT-HTTP code=401 time=0.1 auth=none\n', '', 0)).toMatchObject({ code: 401, challenge: 'none' });
  });

  it('treats the time limit of the script as a timeout', () => {
    expect(parseCurlHttp('', '', 124).status).toBe('timeout');
  });

  it('counts a bearer attempt with an anonymous token as no credentials sent, and one fetched with them as sent', () => {
    const challenge = 'HTTP/1.1 401 Unauthorized\r\nwww-authenticate: Bearer realm="https://r:9443/v2/auth",service="r"\r\n\r\nSITEKIT-HTTP code=401 time=0.01 auth=none\n';
    const denied = 'HTTP/1.1 401 Unauthorized\r\n\r\nSITEKIT-HTTP code=401 time=0.01 auth=bearer\n';
    expect(parseCurlHttp(`${challenge}SITEKIT-TOKEN code=200 auth=none token=yes\n${denied}`, '', 0)).toMatchObject({ code: 401, authSent: false, challenge: 'bearer' });
    expect(parseCurlHttp(`${challenge}SITEKIT-TOKEN code=200 auth=basic token=yes\n${denied}`, '', 0)).toMatchObject({ code: 401, authSent: true });
  });
});
