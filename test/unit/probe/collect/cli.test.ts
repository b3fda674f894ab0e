import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli/program';
import { collectScript } from '../../../../main/core/probe/collect/script';

function run(args: string[]): { code: Promise<number>; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const code = main(['node', 'sitekit', ...args], { out: (s) => (out += s), err: (s) => (err += s), color: false, errColor: false });
  return { code, out: () => out, err: () => err };
}

const example = path.resolve(__dirname, '../../../../resources/examples/plant-a.site.yaml');

describe('sitekit collect-script', () => {
  it('prints the same script a probe sends, runnable with sh', async () => {
    const r = run(['collect-script']);
    expect(await r.code).toBe(0);
    expect(r.out()).toBe(collectScript([]));
    expect(spawnSync('sh', ['-n'], { input: r.out() }).status).toBe(0);
  });

  it('with a site file, adds the cluster DNS names', async () => {
    const r = run(['collect-script', example]);
    expect(await r.code).toBe(0);
    expect(r.out()).toMatch(/\napi\.[a-z0-9.-]+\nsitekit-check\.apps\.[a-z0-9.-]+\nSITEKIT_DNS_NAMES\n/);
  });

  it('a missing site file is exit code 2 with a message', async () => {
    const r = run(['collect-script', '/nonexistent/site.yaml']);
    expect(await r.code).toBe(2);
    expect(r.err()).toMatch(/cannot read/);
  });
});
