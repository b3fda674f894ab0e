// The plant's mirror registry as the nodes see it: Debian's docker-registry (the Distribution
// registry) on the SSH test bed's bridge, behind TLS from a test CA, with the certificate and
// login cases a mirror can have (test/testbed/services/registry.ts). First the registry itself
// is proven with curl and openssl run in a node's namespace; then the real probe (one SSH round
// trip per node) and checkInventories must report each case, and the registry login handed to
// the probe must never show in any result, finding, process list or file of the node.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryAuths } from '../../../main/core/plant/registry-auth';
import { checkInventories } from '../../../main/core/probe/checks';
import type { ProbeResult } from '../../../main/core/probe/inventory';
import { probeNodes } from '../../../main/core/probe/probe';
import { siteSchema, type Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { PLANT_OCTETS } from '../../testbed/services/addresses';
import {
  endpointOf,
  pullSecretFor,
  startRegistry,
  stopRegistry,
  type RegistryEndpoint,
  type TestRegistry,
} from '../../testbed/services/registry';
import { startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { blankBedSite } from '../probe/bed-site';

const run = promisify(execFile);

const VERSION = '4.18.12';
const RELEASE = { repository: 'openshift/release-images', tag: `${VERSION}-x86_64` };
const INDEX = { repository: 'redhat/redhat-operator-index', tag: 'v4.18', list: true };

let bed: TestBed;
let registry: TestRegistry;
beforeAll(async () => {
  bed = await startTestBed();
  registry = await startRegistry(bed, {
    lastOctet: PLANT_OCTETS.registryFirst,
    endpoints: [
      { cert: 'trusted', auth: 'none' },
      { cert: 'untrusted', auth: 'none' },
      { cert: 'expired', auth: 'none' },
      { cert: 'wrong-name', auth: 'none' },
      { cert: 'expiring', auth: 'none' },
      { cert: 'trusted', auth: 'basic' },
      { cert: 'trusted', auth: 'bearer' },
    ],
    images: [RELEASE, INDEX],
  });
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopRegistry(registry);
  await stopTestBed(bed);
}, TESTBED_HOOK_MS);

/** Runs a command in tb-1's network namespace, as the node would; never throws. */
async function onNode(command: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const namespace = bed.nodes[0]!.namespace;
  return new Promise((resolve) => {
    const child = execFile('ip', ['netns', 'exec', namespace, command, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) || 1 : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

async function caFile(): Promise<string> {
  const file = path.join(bed.dir, 'registry-test-ca.pem');
  await writeFile(file, registry.caPem);
  return file;
}

const ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

function curlArgs(endpoint: RegistryEndpoint, ca: string, target: string, extra: string[] = []): string[] {
  return ['-sS', '--cacert', ca, '-D', '-', '-o', '/dev/null', '--max-time', '20', ...extra, `https://${endpoint.host}${target}`];
}

/** The login as a curl config on stdin: never on a command line. */
function loginConfig(): string {
  return `user = "${registry.username}:${registry.password}"\n`;
}

describe('the test registry itself (curl and openssl in a node namespace)', () => {
  it('serves the pushed images behind the trusted certificate without a login', async () => {
    const ca = await caFile();
    const trusted = endpointOf(registry, 'trusted', 'none');
    const verify = await onNode('openssl', ['s_client', '-connect', trusted.host, '-CAfile', ca, '-verify_return_error'], '');
    expect(verify.stdout).toMatch(/Verify return code: 0 \(ok\)/);
    const root = await onNode('curl', curlArgs(trusted, ca, '/v2/'));
    expect(root.stdout).toMatch(/^HTTP\/\S+ 200/);
    for (const image of registry.images) {
      const head = await onNode('curl', curlArgs(trusted, ca, `/v2/${image.repository}/manifests/${image.tag}`, ['-I', '-H', `Accept: ${ACCEPT}`]));
      expect(head.stdout, `${image.repository}:${image.tag}`).toMatch(/^HTTP\/\S+ 200/);
      expect(head.stdout.toLowerCase()).toContain(`docker-content-digest: ${image.digest}`);
      expect(head.stdout.toLowerCase()).toContain(`content-type: ${image.mediaType}`);
    }
    const missing = await onNode('curl', curlArgs(trusted, ca, `/v2/${RELEASE.repository}/manifests/4.18.99-x86_64`, ['-I', '-H', `Accept: ${ACCEPT}`]));
    expect(missing.stdout).toMatch(/^HTTP\/\S+ 404/);
  });

  it('has broken certificates where it should: untrusted, expired, wrong name; and a short-lived one', async () => {
    const ca = await caFile();
    const untrusted = await onNode('curl', curlArgs(endpointOf(registry, 'untrusted', 'none'), ca, '/v2/'));
    expect(untrusted.code).toBe(60);
    expect(untrusted.stderr).toMatch(/unable to get local issuer certificate/);
    const expired = await onNode('openssl', ['s_client', '-connect', endpointOf(registry, 'expired', 'none').host, '-CAfile', ca], '');
    expect(expired.stdout).toMatch(/Verify return code: 10 \(certificate has expired\)/);
    const wrongName = await onNode('curl', curlArgs(endpointOf(registry, 'wrong-name', 'none'), ca, '/v2/'));
    expect(wrongName.code).toBe(60);
    expect(wrongName.stderr).toMatch(/subject\s*(alt(ernative)?)?\s*name|does not match/i);
    const expiring = await onNode('openssl', ['s_client', '-connect', endpointOf(registry, 'expiring', 'none').host, '-CAfile', ca, '-verify_return_error'], '');
    expect(expiring.stdout).toMatch(/Verify return code: 0 \(ok\)/);
  });

  it('asks for the basic login, and serves the images with it', async () => {
    const ca = await caFile();
    const basic = endpointOf(registry, 'trusted', 'basic');
    const anonymous = await onNode('curl', curlArgs(basic, ca, '/v2/'));
    expect(anonymous.stdout).toMatch(/^HTTP\/\S+ 401/);
    expect(anonymous.stdout).toMatch(/www-authenticate: Basic realm="sitekit-test-registry"/i);
    const head = await onNode('curl', ['-K', '-', ...curlArgs(basic, ca, `/v2/${RELEASE.repository}/manifests/${RELEASE.tag}`, ['-I', '-H', `Accept: ${ACCEPT}`])], loginConfig());
    expect(head.stdout).toMatch(/^HTTP\/\S+ 200/);
  });

  it('runs the bearer token flow: anonymous tokens see nothing, the login gets a pull token', async () => {
    const ca = await caFile();
    const bearer = endpointOf(registry, 'trusted', 'bearer');
    const manifest = `/v2/${RELEASE.repository}/manifests/${RELEASE.tag}`;
    const challenge = await onNode('curl', curlArgs(bearer, ca, manifest, ['-I']));
    expect(challenge.stdout).toMatch(/^HTTP\/\S+ 401/);
    const realm = /www-authenticate: Bearer realm="([^"]+)",service="([^"]+)",scope="([^"]+)"/i.exec(challenge.stdout);
    expect(realm?.[1]).toBe(bearer.tokenRealm);
    expect(realm?.[2]).toBe(bearer.host);
    expect(realm?.[3]).toBe(`repository:${RELEASE.repository}:pull`);
    const tokenUrl = `${realm![1]}?service=${encodeURIComponent(realm![2]!)}&scope=${encodeURIComponent(realm![3]!)}`;
    const tokenWith = async (login: boolean) => {
      const reply = await onNode('curl', [...(login ? ['-K', '-'] : []), '-sS', '--cacert', ca, tokenUrl], login ? loginConfig() : undefined);
      return (JSON.parse(reply.stdout) as { token: string }).token;
    };
    const withToken = (token: string) => onNode('curl', ['-K', '-', ...curlArgs(bearer, ca, manifest, ['-I', '-H', `Accept: ${ACCEPT}`])], `header = "Authorization: Bearer ${token}"\n`);
    expect((await withToken(await tokenWith(false))).stdout).toMatch(/^HTTP\/\S+ 401/);
    expect((await withToken(await tokenWith(true))).stdout).toMatch(/^HTTP\/\S+ 200/);
    const wrong = await onNode('curl', ['-K', '-', '-sS', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', ca, tokenUrl], 'user = "sitekit-mirror-reader:wrong"\n');
    expect(wrong.stdout).toBe('401');
  });
});

// --- the probe -----------------------------------------------------------------------------

/** The bed's plan with the registry endpoint as its mirror; DNS and NTP at the bridge (this process), where nothing answers. */
function mirrorSite(endpoint: RegistryEndpoint | string, version = VERSION): Site {
  const site = blankBedSite(bed);
  const nothing = bed.subnet.replace(/\.0\/24$/, '.1');
  site.cluster.openshiftVersion = version;
  site.cluster.dnsServers = [nothing];
  site.cluster.ntpServers = [nothing];
  site.cluster.mirror = { registry: typeof endpoint === 'string' ? endpoint : endpoint.host, caBundle: registry.caPem };
  return siteSchema.parse(site);
}

async function probe(site: Site, pullSecret?: string, nodes = ['tb-1']): Promise<ProbeResult[]> {
  // As the app and the CLI do: only the mirror registry's entry of the pull secret goes along.
  const auths = pullSecret ? registryAuths(pullSecret, [site.cluster.mirror!.registry]).auths : undefined;
  const results = await probeNodes(site, {
    credentials: { privateKey: readFileSync(bed.identityFile) },
    acceptNewHostKeys: true,
    // Wide limits: a busy two-core machine slows real sshd logins and collections a lot.
    commandTimeoutMs: 120_000,
    connectTimeoutMs: 60_000,
    nodes,
    ...(auths ? { plant: { auths } } : {}),
  });
  for (const r of results) expect(r.status, `${r.node}: ${r.message}`).toBe('ok');
  return results;
}

function registryFindingsOf(site: Site, results: ProbeResult[]): Finding[] {
  const inventories = results.flatMap((r) => (r.inventory ? [r.inventory] : []));
  return checkInventories(site, inventories, results).filter((f) => f.id.startsWith('plant.registry-'));
}

const ids = (findings: Finding[]) => [...new Set(findings.map((f) => f.id))].sort();

/** What tb-1's curl got for each manifest URL: code and digest. */
function manifestAnswers(result: ProbeResult): Record<string, { code?: number; digest?: string; authSent?: boolean }> {
  const plant = result.inventory?.facts.plant;
  expect(plant, `${result.node} has plant facts`).toBeDefined();
  const out: Record<string, { code?: number; digest?: string; authSent?: boolean }> = {};
  for (const req of plant!.requests) {
    if (req.kind !== 'http' || !req.manifest) continue;
    const answer = plant!.http.find((h) => h.requestId === req.id);
    out[req.url.replace(/^https:\/\/[^/]+\/v2\//, '')] = { code: answer?.code, digest: answer?.digest, authSent: answer?.authSent };
  }
  return out;
}

const RELEASE_PATH = `${RELEASE.repository}/manifests/${RELEASE.tag}`;
const INDEX_PATH = `${INDEX.repository}/manifests/${INDEX.tag}`;

describe('the probe against the mirror registry', () => {
  it('passes a trusted registry that has both images, and says how long its certificate lasts', async () => {
    const site = mirrorSite(endpointOf(registry, 'trusted', 'none'));
    const results = await probe(site, undefined, bed.nodes.map((n) => n.name));
    for (const result of results) {
      const answers = manifestAnswers(result);
      const pushed = (repository: string) => registry.images.find((i) => i.repository === repository)!.digest;
      expect(answers[RELEASE_PATH]).toMatchObject({ code: 200, digest: pushed(RELEASE.repository) });
      expect(answers[INDEX_PATH]).toMatchObject({ code: 200, digest: pushed(INDEX.repository) });
    }
    const findings = registryFindingsOf(site, results);
    expect(ids(findings)).toEqual(['plant.registry-cert-ok']);
    const ok = findings[0]!;
    expect(ok.severity).toBe('info');
    expect(ok.path).toBe('/cluster/mirror/caBundle');
    expect(ok.message).toMatch(/valid for (89|90) more days/);
    // One finding for the same answer on every node, naming them.
    expect(findings).toHaveLength(1);
    expect(ok.message).toMatch(/tb-1.*tb-2.*tb-3/);
  });

  it.each([
    ['untrusted', 'plant.registry-cert-untrusted', '/cluster/mirror/caBundle', /Some other CA/],
    ['expired', 'plant.registry-cert-expired', '/cluster/mirror/registry', /expired on \d{4}-\d{2}-\d{2}/],
    ['wrong-name', 'plant.registry-cert-name', '/cluster/mirror/registry', /other-registry\.plant\.test/],
    ['expiring', 'plant.registry-cert-expiring', '/cluster/mirror/registry', /expires in (9|10) days/],
  ] as const)('finds the %s certificate', async (cert, id, at, words) => {
    const site = mirrorSite(endpointOf(registry, cert, 'none'));
    const findings = registryFindingsOf(site, await probe(site));
    const certificate = findings.filter((f) => f.id.startsWith('plant.registry-cert-'));
    expect(ids(certificate)).toEqual([id]);
    expect(certificate[0]!.path).toBe(at);
    expect(certificate[0]!.message).toMatch(words);
    // The images are still judged (curl -k): the certificate is the only problem.
    expect(ids(findings).filter((i) => !i.startsWith('plant.registry-cert-'))).toEqual([]);
  });

  it('finds a release image the mirror does not have', async () => {
    const site = mirrorSite(endpointOf(registry, 'trusted', 'none'), '4.18.13');
    const findings = registryFindingsOf(site, await probe(site));
    const missing = findings.filter((f) => f.id === 'plant.registry-image-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.severity).toBe('error');
    expect(missing[0]!.path).toBe('/cluster/mirror/registry');
    expect(missing[0]!.message).toContain(`${RELEASE.repository}:4.18.13-x86_64`);
    expect(missing[0]!.message).not.toContain('redhat-operator-index');
  });

  it('finds a registry that does not answer', async () => {
    const site = mirrorSite(`${registry.address}:8499`);
    const findings = registryFindingsOf(site, await probe(site));
    expect(ids(findings)).toEqual(['plant.registry-unreachable']);
  });

  describe.each(['basic', 'bearer'] as const)('a registry with a %s login', (auth) => {
    it('says the probe sent no credentials when the pull secret has none for it', async () => {
      const site = mirrorSite(endpointOf(registry, 'trusted', auth));
      const results = await probe(site);
      expect(manifestAnswers(results[0]!)[RELEASE_PATH]).toMatchObject({ code: 401 });
      const findings = registryFindingsOf(site, results);
      expect(ids(findings)).toEqual(['plant.registry-auth', 'plant.registry-cert-ok']);
      const refused = findings.find((f) => f.id === 'plant.registry-auth')!;
      expect(refused.path).toBe('/cluster/mirror/registry');
      expect(refused.message).toMatch(/sent none|without credentials/);
    });

    it('passes with the pull secret, which shows nowhere: results, findings, the node\'s processes and files', async () => {
      const endpoint = endpointOf(registry, 'trusted', auth);
      const site = mirrorSite(endpoint);
      const secrets = secretForms();
      const watcher = watchNodeForSecrets(secrets);
      let results: ProbeResult[];
      try {
        results = await probe(site, pullSecretFor(registry, endpoint));
      } finally {
        await watcher.stop();
      }
      expect(manifestAnswers(results[0]!)[RELEASE_PATH]).toMatchObject({ code: 200, authSent: true });
      const findings = registryFindingsOf(site, results);
      expect(ids(findings)).toEqual(['plant.registry-cert-ok']);
      const everything = JSON.stringify({ results, findings: checkInventories(site, results.flatMap((r) => (r.inventory ? [r.inventory] : [])), results) });
      for (const secret of secrets) expect(everything.includes(secret), 'a credential in the results or findings').toBe(false);
      expect(watcher.hits, 'a credential in a process list or a file of the node').toEqual([]);
      expect(watcher.processesSeen, 'the watcher saw the probe run on the node').toBeGreaterThan(0);
      expect(await filesHolding(secrets), 'a credential left on disk by the test user').toEqual([]);
    });
  });
});

describe('the leak watcher the credential test relies on', () => {
  it('finds a canary on a command line and in a temporary file of the test user', async () => {
    const canary = `sitekit-canary-${Date.now().toString(36)}`;
    const watcher = watchNodeForSecrets([canary]);
    await watcher.stop(); // scanned by hand below, while the canary process is known to run
    // As the test user in tb-1's namespace: a file in /dev/shm, the canary in argv, then it waits for stdin.
    const script = 'd=$(mktemp -d /dev/shm/sk-canary.XXXXXX) && printf %s "$1" > "$d/c" && echo ready && read x; rm -rf "$d"';
    const child = spawn('ip', ['netns', 'exec', bed.nodes[0]!.namespace, 'runuser', '-u', bed.user, '--', 'sh', '-c', script, 'sh', canary], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    await watcher.scanOnce();
    child.stdin!.end('\n');
    await exited;
    expect(watcher.hits.some((hit) => hit.endsWith('/cmdline'))).toBe(true);
    expect(watcher.hits.some((hit) => /\/dev\/shm\/sk-canary\.\w+\/c$/.test(hit))).toBe(true);
  });
});

// --- where a credential could leak on the node -----------------------------------------------

/** The login as the registry, the pull secret and an HTTP header carry it. */
function secretForms(): string[] {
  const pair = `${registry.username}:${registry.password}`;
  return [registry.password, pair, Buffer.from(pair).toString('base64')];
}

async function testUserUid(): Promise<number> {
  const { stdout } = await run('id', ['-u', bed.user]);
  return Number(stdout.trim());
}

/** Folders the script could write to, as the node's processes see them (their own mount namespace). */
const WRITABLE = ['tmp', 'dev/shm', 'var/tmp'];

/**
 * Polls the machine while a probe runs: the command line and environment of every process of
 * the test user (the node's SSH session and the script's children) and every file that user
 * has under /tmp, /dev/shm and /var/tmp as its processes see them, for any form of the login.
 */
function watchNodeForSecrets(secrets: string[]): { hits: string[]; processesSeen: number; scanOnce: () => Promise<void>; stop: () => Promise<void> } {
  const hits: string[] = [];
  const seen = new Set<number>();
  let stopped = false;
  const check = (where: string, text: string) => {
    for (const secret of secrets) if (text.includes(secret)) hits.push(where);
  };
  const uid = testUserUid();
  const scanOnce = async () => {
    const owner = await uid;
    const mountNamespaces = new Set<string>();
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(entry)) continue;
      const info = await stat(`/proc/${entry}`).catch(() => undefined);
      if (info?.uid !== owner) continue;
      seen.add(Number(entry));
      check(`/proc/${entry}/cmdline`, (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' '));
      check(`/proc/${entry}/environ`, await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => ''));
      // Files once per mount namespace, as that namespace's processes see them.
      const mnt = await readlink(`/proc/${entry}/ns/mnt`).catch(() => '');
      if (!mnt || mountNamespaces.has(mnt)) continue;
      mountNamespaces.add(mnt);
      for (const dir of WRITABLE) {
        for (const file of await filesOf(`/proc/${entry}/root/${dir}`, owner)) check(file, await readFile(file, 'utf8').catch(() => ''));
      }
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await scanOnce();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    hits,
    get processesSeen() {
      return seen.size;
    },
    scanOnce,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** Files owned by `uid` under `dir`, three levels deep at most. */
async function filesOf(dir: string, uid: number, depth = 3): Promise<string[]> {
  if (depth === 0) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const info = await stat(full).catch(() => undefined);
      if (info?.uid === uid) out.push(...(await filesOf(full, uid, depth - 1)));
    } else if (entry.isFile()) {
      const info = await stat(full).catch(() => undefined);
      if (info?.uid === uid && info.size < 4 * 1024 * 1024) out.push(full);
    }
  }
  return out;
}

/** After the probe: the test user's files in its home and the shared temporary folders. */
async function filesHolding(secrets: string[]): Promise<string[]> {
  const uid = await testUserUid();
  const { stdout } = await run('getent', ['passwd', bed.user]);
  const home = stdout.split(':')[5] ?? '/nonexistent';
  const hits: string[] = [];
  for (const dir of [home, ...WRITABLE.map((d) => `/${d}`)]) {
    for (const file of await filesOf(dir, uid)) {
      const text = await readFile(file, 'utf8').catch(() => '');
      if (secrets.some((s) => text.includes(s))) hits.push(file);
    }
  }
  return hits;
}
