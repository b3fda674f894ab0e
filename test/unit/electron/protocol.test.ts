import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../main/electron/protocol';
import { makeTempDir } from '../../helpers/sitekit-fixtures';

describe('app:// protocol', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    tmp = await makeTempDir();
    const renderer = path.join(tmp.dir, 'renderer');
    await mkdir(path.join(renderer, 'assets'), { recursive: true });
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(tmp.dir, 'secret.txt'), 'outside');
    handle = createAppProtocolHandler(renderer);
  });
  afterAll(() => tmp.cleanup());

  it('is a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('serves the renderer with the CSP header', async () => {
    const res = await handle(new Request('app://sitekit/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await res.text()).toContain('<title>x</title>');
    const js = await handle(new Request('app://sitekit/assets/app.js'));
    expect(js.headers.get('content-type')).toContain('text/javascript');
  });

  it('serves index.html for the root', async () => {
    expect((await handle(new Request('app://sitekit/'))).status).toBe(200);
  });

  it.each([
    'app://sitekit/%2e%2e/secret.txt',
    'app://sitekit/..%2fsecret.txt',
    'app://sitekit/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://sitekit/assets/..%5c..%5csecret.txt',
    'app://sitekit/missing.js',
    'app://other/index.html',
  ])('refuses %s', async (url) => {
    const res = await handle(new Request(url));
    expect(res.status).toBe(404);
  });

  it('only answers GET and HEAD', async () => {
    expect((await handle(new Request('app://sitekit/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await handle(new Request('app://sitekit/index.html', { method: 'HEAD' }))).status).toBe(200);
  });
});
