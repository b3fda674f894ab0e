import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from '../../../main/host/static-files';

describe('static file resolution', () => {
  const root = path.resolve('/srv/renderer');
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/app-1.js', 'assets/app-1.js'],
    ['/assets/a%20b.css', 'assets/a b.css'],
  ])('%s → %s', (url, file) => {
    expect(resolveStaticPath(root, url)).toBe(path.join(root, file));
  });

  it.each(['/../etc/passwd', '/assets/../../x', '/%2e%2e/x', '/a%5c..%5cx', '/.git/config', '/%00', '/%E0%A4%A'])('refuses %s', (url) => {
    expect(resolveStaticPath(root, url)).toBeUndefined();
  });

  it('knows the content types the renderer needs', () => {
    expect(contentTypeFor('a.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
