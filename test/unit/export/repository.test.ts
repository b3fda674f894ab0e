// Remote URLs: SSH refused in plain words, credentials in a URL refused, HTTPS accepted;
// network failures become messages without the token.
import { describe, expect, it } from 'vitest';
import { checkRemoteUrl, isSshRemote, networkError, SSH_REFUSED } from '../../../main/core/export/repository';

describe('remote URLs', () => {
  it('recognises SSH remotes', () => {
    for (const url of ['git@github.com:ot/sites.git', 'ssh://git@host/ot/sites.git', 'git+ssh://host/x', 'deploy@git.plant-a.local:sites.git']) {
      expect(isSshRemote(url), url).toBe(true);
      expect(() => checkRemoteUrl(url)).toThrow(SSH_REFUSED);
    }
    expect(isSshRemote('https://git.example.com/ot/sites.git')).toBe(false);
  });

  it('accepts HTTPS, refuses credentials in the URL and anything else', () => {
    expect(() => checkRemoteUrl('https://git.example.com/ot/sites.git')).not.toThrow();
    expect(() => checkRemoteUrl('https://x-access-token:abc@git.example.com/ot/sites.git')).toThrow(/must not carry credentials/);
    expect(() => checkRemoteUrl('/srv/git/sites.git')).toThrow(/not an HTTPS or file:\/\/ URL/);
    expect(() => checkRemoteUrl('file:///srv/git/sites.git')).not.toThrow();
    expect(() => checkRemoteUrl('http://git.plant-a.local/sites.git')).toThrow(/plain HTTP; use the repository's https:\/\/ URL/);
    expect(() => checkRemoteUrl('http://127.0.0.1:8080/sites.git')).not.toThrow();
  });
});

describe('networkError', () => {
  const url = 'https://git.example.com/sites.git';
  it('401 → authentication failed, without the token', () => {
    const e = networkError({ code: 'HttpError', data: { statusCode: 401 }, message: 'HTTP Error: 401 Unauthorized secret-123' }, url, { token: 'secret-123' });
    expect(e.kind).toBe('auth');
    expect(e.message).toBe(`authentication failed for ${url}: the server refused the token`);
  });
  it('connection refused → offline', () => {
    expect(networkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), url, {}).kind).toBe('offline');
  });
  it('cuts the token out of any other message', () => {
    expect(networkError(new Error('boom secret-123 boom'), url, { token: 'secret-123' }).message).not.toContain('secret-123');
  });
});
