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
    expect(r.out()).toBe(collectScript());
    expect(spawnSync('sh', ['-n'], { input: r.out() }).status).toBe(0);
  });

  it('with a site file, adds the plant requests of the plan and never a credential', async () => {
    const r = run(['collect-script', example]);
    expect(await r.code).toBe(0);
    expect(r.out()).toMatch(/\ndns dns-s1-api-a 10\.10\.0\.2 A api\.acp\.plant-a\.example\.com\n/);
    expect(r.out()).toMatch(/\nhttp http-r1-v2 GET https:\/\/mirror\.plant-a\.example\.com:8443\/v2\/ 0 - -\n/);
    expect(r.out()).not.toMatch(/SK_AUTH_\d+=/);
    expect(spawnSync('sh', ['-n'], { input: r.out() }).status).toBe(0);
  });

  it('a missing site file is exit code 2 with a message', async () => {
    const r = run(['collect-script', '/nonexistent/site.yaml']);
    expect(await r.code).toBe(2);
    expect(r.err()).toMatch(/cannot read/);
  });
});
