// The plant part of the collection script, run for real with dash (/bin/sh) and bash on this
// machine against real local tools: getent and ping on loopback, curl against a local HTTPS
// registry stand-in (basic auth, and a bearer-token realm), dig against a dnsmasq in a network
// namespace of its own (root only). Checks that hostile request lines never run, that the
// credentials never appear in output, in any process's argv or environment, or in the temporary
// folder, and that the folder is gone at the end and after a kill mid-run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantFactsFromSections } from '../../../main/core/plant/capture';
import type { PlantRequest } from '../../../main/core/plant/types';
import { collectScript } from '../../../main/core/probe/collect/script';
import { splitCapture } from '../../../main/core/probe/parse/split';

const SHELLS = ['/bin/sh', 'bash'] as const;
const PASSWORD = 'Sk-Pw-7f3e91c2';
const AUTH = Buffer.from(`sk-user:${PASSWORD}`).toString('base64');
const TOKEN = 'sk-token-5d8c1a.b2e4f6';
const SECRETS = [AUTH, PASSWORD, TOKEN];
const SLOW_MS = 1500;

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

function start(shell: string, script: string, env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(shell, ['-s'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal })));
  child.stdin!.end(script);
  return { child, done };
}

const section = (run: Run, name: string) => splitCapture(run.stdout).sections.get(name);

/** Folders of the plant jobs that hold a section with this capture's nonce. */
function plantFolders(nonce: string): string[] {
  const found: string[] = [];
  for (const base of ['/dev/shm', '/tmp']) {
    let names: string[] = [];
    try {
      names = readdirSync(base).filter((n) => n.startsWith('sitekit-plant.'));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = path.join(base, name);
      try {
        if (readdirSync(dir).some((f) => readFileSync(path.join(dir, f), 'utf8').includes(nonce))) found.push(dir);
      } catch {
        // gone meanwhile, or another run's
      }
    }
  }
  return found;
}

/** Every readable argv and environment on the machine, and every plant folder's files. */
function secretsVisible(): { where: string; secret: string }[] {
  const hits: { where: string; secret: string }[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    for (const file of ['cmdline', 'environ']) {
      let text = '';
      try {
        text = readFileSync(`/proc/${pid}/${file}`, 'latin1');
      } catch {
        continue;
      }
      for (const secret of SECRETS) if (text.includes(secret)) hits.push({ where: `/proc/${pid}/${file}`, secret });
    }
  }
  for (const base of ['/dev/shm', '/tmp']) {
    for (const name of readdirSync(base).filter((n) => n.startsWith('sitekit-plant.'))) {
      try {
        for (const f of readdirSync(path.join(base, name))) {
          const text = readFileSync(path.join(base, name, f), 'utf8');
          for (const secret of SECRETS) if (text.includes(secret)) hits.push({ where: path.join(base, name, f), secret });
        }
      } catch {
        // removed meanwhile
      }
    }
  }
  return hits;
}

/** Whether a process runs curl on this URL right now (so the scan saw curl alive). */
function curlRunning(url: string): boolean {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .some((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((a) => a.endsWith('curl')) && argv.some((a) => a.startsWith(url));
      } catch {
        return false;
      }
    });
}

// A registry stand-in: /v2/ wants basic auth; the manifest wants a bearer token from /token,
// which wants basic auth; the slow/ repository answers after 20 s. Answers are late enough to see curl running.
let server: Server;
let base: string;
let tmp: string;
const seen: { path: string; authorization?: string }[] = [];
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'skscr-'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${tmp}/key.pem`, '-out', `${tmp}/cert.pem`, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  server = createServer({ key: readFileSync(`${tmp}/key.pem`), cert: readFileSync(`${tmp}/cert.pem`) }, (req, res) => {
    const url = new URL(req.url ?? '/', base);
    seen.push({ path: `${req.method} ${url.pathname}${decodeURIComponent(url.search)}`, authorization: req.headers.authorization });
    const later = (ms: number, f: () => void) => setTimeout(f, ms);
    if (url.pathname === '/v2/slow/manifests/v1') return later(20_000, () => res.end());
    if (url.pathname === '/v2/') {
      if (req.headers.authorization === `Basic ${AUTH}`) return later(SLOW_MS, () => res.writeHead(200, { 'Docker-Distribution-API-Version': 'registry/2.0' }).end('{}'));
      return res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="sk"' }).end();
    }
    if (url.pathname === '/token') {
      if (req.headers.authorization !== `Basic ${AUTH}`) return res.writeHead(401).end();
      return later(SLOW_MS, () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: TOKEN, access_token: TOKEN, expires_in: 300 })));
    }
    if (url.pathname === '/v2/sk/elsewhere/manifests/v1') {
      // A realm on another host name (localhost, not 127.0.0.1): the credentials must not go there.
      return res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${base.replace('127.0.0.1', 'localhost')}/token",service="sk-test"` }).end();
    }
    if (url.pathname === '/v2/sk/app/manifests/v1') {
      if (req.headers.authorization === `Bearer ${TOKEN}`) {
        return later(SLOW_MS, () =>
          res
            .writeHead(200, { 'Content-Type': 'application/vnd.oci.image.index.v1+json', 'Docker-Content-Digest': `sha256:${'a'.repeat(64)}` })
            .end(),
        );
      }
      return res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${base}/token",service="sk-test",scope="repository:sk/app:pull"` }).end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

describe.each(SHELLS)('the plant jobs under %s', (shell) => {
  it('checks every request line again and never runs a hostile one', async () => {
    const marker = path.join(tmp, `pwned-${path.basename(shell)}`);
    const good: PlantRequest = { kind: 'dns', id: 'dns-node-localhost-a', server: 'node', type: 'A', name: 'localhost' };
    const hostile = [
      `dns x1 node A $(touch${'$'}{IFS}${marker})`,
      `ping x2 \`touch ${marker}\``,
      `ntp -x3 a.example`,
      `ntp x4 -a.example`,
      `dns x5 node A a.example extra`,
      `http x6 GET https://a.example/v2/;touch${'$'}{IFS}${marker} 0 - -`,
      `ping x7 10.0.0.1|touch`,
      `tls x8 a.example 443 - --proxy`,
    ];
    const script = collectScript({ requests: [good] }).replace('\nSITEKIT_PLANT_REQUESTS\n', `\n${hostile.join('\n')}\nSITEKIT_PLANT_REQUESTS\n`);
    const run = await start(shell, script).done;
    expect(run.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(section(run, 'plant-requests')).toMatchObject({ stdout: 'dns dns-node-localhost-a node A localhost\n', exitCode: 0 });
    expect(section(run, 'plant-requests')!.stderr).toMatch(/^8 request line\(s\) were refused/);
    expect([...splitCapture(run.stdout).sections.keys()].filter((n) => n.startsWith('plant-') && n !== 'plant-requests' && n !== 'plant-resolv')).toEqual([
      'plant-dns/dns-node-localhost-a',
    ]);
    expect(section(run, 'plant-dns/dns-node-localhost-a')!.stdout).toMatch(/^127\.0\.0\.1\s+STREAM\s+localhost$/m);
  });

  it('asks the registry with its basic auth and a bearer token, and no credential shows anywhere', async () => {
    const requests: PlantRequest[] = [
      { kind: 'http', id: 'http-basic', method: 'GET', url: `${base}/v2/`, auth: 1 },
      { kind: 'http', id: 'http-bearer', method: 'HEAD', url: `${base}/v2/sk/app/manifests/v1`, manifest: true, auth: 1 },
      { kind: 'http', id: 'http-anonymous', method: 'GET', url: `${base}/v2/` },
      { kind: 'ping', id: 'ping-lo', address: '127.0.0.1' },
    ];
    const script = collectScript({ requests, credentials: [AUTH], caBundle: readFileSync(`${tmp}/cert.pem`, 'utf8') });
    seen.length = 0;
    const { done } = start(shell, script);
    let finished = false;
    void done.then(() => (finished = true));
    const hits: { where: string; secret: string }[] = [];
    let sawCurl = false;
    while (!finished) {
      hits.push(...secretsVisible());
      sawCurl ||= curlRunning(`${base}/`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const run = await done;
    expect(run.code).toBe(0);
    expect(sawCurl, 'the scan ran while curl was asking the registry').toBe(true);
    expect(hits).toEqual([]);
    for (const secret of SECRETS) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
    // The server got them: through the pipe to curl -K -.
    expect(seen).toContainEqual({ path: 'GET /v2/', authorization: `Basic ${AUTH}` });
    expect(seen).toContainEqual({ path: 'GET /token?service=sk-test&scope=repository:sk/app:pull', authorization: `Basic ${AUTH}` });
    expect(seen).toContainEqual({ path: 'HEAD /v2/sk/app/manifests/v1', authorization: `Bearer ${TOKEN}` });

    const marks = (id: string) => section(run, `plant-http/${id}`)!.stdout.split('\n').filter((l) => l.startsWith('SITEKIT-')).map((l) => l.replace(/time=[0-9.]+/, 'time=T'));
    expect(marks('http-basic')).toEqual(['SITEKIT-HTTP code=200 time=T auth=basic']);
    expect(marks('http-bearer')).toEqual(['SITEKIT-HTTP code=401 time=T auth=basic', 'SITEKIT-TOKEN code=200 auth=basic token=yes', 'SITEKIT-HTTP code=200 time=T auth=bearer']);
    expect(marks('http-anonymous')).toEqual(['SITEKIT-HTTP code=401 time=T auth=none']);
    expect(section(run, 'plant-http/http-bearer')!.stdout).toMatch(/^docker-content-digest: sha256:a{64}\r?$/im);

    const facts = plantFactsFromSections(splitCapture(run.stdout).sections)!;
    expect(facts.requests).toEqual(requests);
    expect(facts.http.map((h) => [h.requestId, h.status, h.code])).toEqual([
      ['http-basic', 'answered', 200],
      ['http-bearer', 'answered', 200],
      ['http-anonymous', 'answered', 401],
    ]);
    expect(facts.ping).toEqual([expect.objectContaining({ requestId: 'ping-lo', status: 'answered', received: 2 })]);
    expect(JSON.stringify(facts)).not.toContain(TOKEN);
    const nonce = splitCapture(run.stdout).nonce!;
    expect(plantFolders(nonce)).toEqual([]);
  });

  it('never sends the credentials to a registry the plan\'s CA bundle does not trust', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'skscr-other-'));
    try {
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${other}/key.pem`, '-out', `${other}/cert.pem`, '-days', '1', '-subj', '/CN=other', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
      expect(made.status).toBe(0);
      const requests: PlantRequest[] = [{ kind: 'http', id: 'http-untrusted', method: 'GET', url: `${base}/v2/`, auth: 1 }];
      seen.length = 0;
      const run = await start(shell, collectScript({ requests, credentials: [AUTH], caBundle: readFileSync(`${other}/cert.pem`, 'utf8') })).done;
      expect(run.code).toBe(0);
      expect(seen.filter((r) => r.authorization)).toEqual([]);
      const facts = plantFactsFromSections(splitCapture(run.stdout).sections)!;
      expect(facts.http[0]).toMatchObject({ requestId: 'http-untrusted', status: 'tls-error' });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('sends the credentials to a token realm only on the registry\'s own host', async () => {
    const requests: PlantRequest[] = [{ kind: 'http', id: 'http-elsewhere', method: 'HEAD', url: `${base}/v2/sk/elsewhere/manifests/v1`, manifest: true, auth: 1 }];
    seen.length = 0;
    const run = await start(shell, collectScript({ requests, credentials: [AUTH], caBundle: readFileSync(`${tmp}/cert.pem`, 'utf8') })).done;
    expect(run.code).toBe(0);
    const tokenAsks = seen.filter((s) => s.path.startsWith('GET /token'));
    expect(tokenAsks).toHaveLength(1);
    expect(tokenAsks[0]!.authorization).toBeUndefined();
    const http = section(run, 'plant-http/http-elsewhere')!;
    expect(http.stderr).toContain("the token realm is on localhost, not on the registry's host 127.0.0.1: the credentials were not sent there");
    expect(http.stdout).toContain('SITEKIT-TOKEN code=401 auth=none token=no');
  });

  it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)('removes its temporary folder when killed mid-run (%s)', async (signal) => {
    const { child, done } = start(shell, collectScript({ requests: [{ kind: 'http', id: 'http-slow', method: 'GET', url: `${base}/v2/slow/manifests/v1` }] }));
    let folder: string[] = [];
    for (let i = 0; i < 400 && folder.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      folder = readdirSync('/dev/shm')
        .filter((n) => n.startsWith('sitekit-plant.'))
        .map((n) => path.join('/dev/shm', n))
        .filter((dir) => {
          try {
            return readFileSync(path.join(dir, 'p0001'), 'utf8').includes('plant-http/http-slow');
          } catch {
            return false;
          }
        });
    }
    expect(folder, 'the job folder of this run').toHaveLength(1);
    child.kill(signal);
    const run = await done;
    expect(run.code).toBe({ SIGTERM: 143, SIGHUP: 129, SIGINT: 130 }[signal]);
    expect(existsSync(folder[0]!)).toBe(false);
    expect(run.stdout).not.toContain('=====SITEKIT-DONE');
  });

  it('without a private folder (mktemp fails) runs the checks one after another, after the hardware', async () => {
    const shim = path.join(tmp, `shim-${path.basename(shell)}`);
    mkdirSync(shim, { recursive: true });
    writeFileSync(path.join(shim, 'mktemp'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const requests: PlantRequest[] = [
      { kind: 'dns', id: 'dns-node-localhost-a', server: 'node', type: 'A', name: 'localhost' },
      { kind: 'ping', id: 'ping-lo', address: '127.0.0.1' },
    ];
    const run = await start(shell, collectScript({ requests }), { ...process.env, PATH: `${shim}:${process.env.PATH}` }).done;
    expect(run.code).toBe(0);
    expect(section(run, 'plant-requests')!.stderr).toMatch(/no private temporary folder could be made/);
    expect(section(run, 'plant-dns/dns-node-localhost-a')!.exitCode).toBe(0);
    expect(section(run, 'plant-ping/ping-lo')!.stdout).toMatch(/2 packets transmitted, 2 received/);
  });
});

// dig against a real DNS server needs port 53: dnsmasq in a network namespace of its own.
const canNetns = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v dnsmasq && command -v ip && command -v dig']).status === 0;
describe.runIf(canNetns)('dig and getent against dnsmasq in a namespace', () => {
  const ns = `skscr-${process.pid}`;
  let dnsmasq: ChildProcess | undefined;
  beforeAll(async () => {
    spawnSync('ip', ['netns', 'add', ns]);
    spawnSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    mkdirSync(`/etc/netns/${ns}`, { recursive: true });
    writeFileSync(`/etc/netns/${ns}/resolv.conf`, 'nameserver 127.0.0.1\n');
    dnsmasq = spawn('ip', ['netns', 'exec', ns, 'dnsmasq', '--keep-in-foreground', '--no-resolv', '--no-hosts', '--conf-file=/dev/null', '--pid-file=',
      '--user=root', '--listen-address=127.0.0.1', '--bind-interfaces',
      '--local=/sk.example/', '--host-record=api.acp.sk.example,10.0.0.5', '--host-record=acp-1.acp.sk.example,10.0.0.11', '--address=/apps.acp.sk.example/10.0.0.6'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (spawnSync('ip', ['netns', 'exec', ns, 'dig', '+time=1', '+tries=1', '@127.0.0.1', 'api.acp.sk.example']).stdout.toString().includes('10.0.0.5')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => {
    dnsmasq?.kill('SIGTERM');
    spawnSync('ip', ['netns', 'delete', ns]);
    rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
  });

  it.each(SHELLS)('answers as the plan expects, read back by the parsers (%s)', async (shell) => {
    const requests: PlantRequest[] = [
      { kind: 'dns', id: 'dns-s1-api-a', server: '127.0.0.1', type: 'A', name: 'api.acp.sk.example' },
      { kind: 'dns', id: 'dns-s1-apps-a', server: '127.0.0.1', type: 'A', name: 'sitekit-check.apps.acp.sk.example' },
      { kind: 'dns', id: 'dns-s1-wildcard-cluster', server: '127.0.0.1', type: 'A', name: 'validateNoWildcardDNS.acp.sk.example' },
      { kind: 'dns', id: 'dns-s1-ptr-acp-1', server: '127.0.0.1', type: 'PTR', name: '10.0.0.11' },
      { kind: 'dns', id: 'dns-node-apps-a', server: 'node', type: 'A', name: 'sitekit-check.apps.acp.sk.example' },
    ];
    const r = spawnSync('ip', ['netns', 'exec', ns, shell, '-s'], { input: collectScript({ requests }), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const facts = plantFactsFromSections(splitCapture(r.stdout).sections)!;
    expect(facts.resolvers).toEqual(['127.0.0.1']);
    const dns = Object.fromEntries(facts.dns.map((d) => [d.requestId, [d.tool, d.status, d.answers]]));
    expect(dns).toEqual({
      'dns-s1-api-a': ['dig', 'NOERROR', ['10.0.0.5']],
      'dns-s1-apps-a': ['dig', 'NOERROR', ['10.0.0.6']],
      'dns-s1-wildcard-cluster': ['dig', 'NXDOMAIN', []],
      'dns-s1-ptr-acp-1': ['dig', 'NOERROR', ['acp-1.acp.sk.example']],
      'dns-node-apps-a': ['getent', 'found', ['10.0.0.6']],
    });
  });
});

describe('captures of script v1', () => {
  it('still parse as before: dns/<name> sections, no plant facts', async () => {
    const { parseCapture } = await import('../../../main/core/probe/parse/capture');
    const N = 'c0ffee';
    const sec = (name: string, out: string, rc = 0) => `=====SITEKIT-BEGIN ${N} ${name}=====\n${out}\n=====SITEKIT-STDERR ${N} ${name}=====\n\n=====SITEKIT-END ${N} ${name} rc=${rc}=====\n`;
    const v1 = `=====SITEKIT-CAPTURE v1 ${N}=====\n${sec('meta', 'script_version=1\nprivilege=root')}${sec('dns/api.acp.example', '10.0.0.5      STREAM api.acp.example')}=====SITEKIT-DONE ${N}=====\n`;
    const inv = parseCapture(v1, { node: 'n1', source: 'import' });
    expect(inv.scriptVersion).toBe('1');
    expect(inv.facts.dns).toEqual([{ name: 'api.acp.example', addresses: ['10.0.0.5'] }]);
    expect(inv.facts.plant).toBeUndefined();
  });
});
