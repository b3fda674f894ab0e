import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_META_CSP, contentSecurityPolicy } from '../../../main/host/csp';
import { APP_CSP } from '../../../main/electron/protocol';
import { REPO_ROOT } from '../../helpers/sitekit-fixtures';

describe('Content-Security-Policy', () => {
  it('is exactly this', () => {
    expect(RENDERER_META_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(APP_CSP).toBe(`${RENDERER_META_CSP}; frame-ancestors 'none'`);
    expect(contentSecurityPolicy({ connect: ['ws://127.0.0.1:1'] })).toContain("connect-src 'self' ws://127.0.0.1:1;");
  });

  it('is what renderer/index.html carries', () => {
    const html = readFileSync(path.join(REPO_ROOT, 'renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_META_CSP);
  });

  it('allows nothing remote, inline or eval', () => {
    for (const csp of [RENDERER_META_CSP, APP_CSP]) {
      expect(csp).not.toMatch(/unsafe-|https?:|\*|blob:/);
    }
  });

  it('the renderer loads nothing from the network', () => {
    const html = readFileSync(path.join(REPO_ROOT, 'renderer/index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
