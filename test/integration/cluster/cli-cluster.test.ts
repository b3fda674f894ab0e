// `sitekit cluster status|bootstrap|verify|drift` against the test API server playing plant-a:
// first contact stops with the CA fingerprint and the command to accept it, then status,
// bootstrap (plain progress lines when stderr is no terminal), verify (saved, shown by
// `sitekit report`) and drift as JSON; exit codes 0/1/2 as the other commands; and never a
// byte of the kubeconfig's key material on stdout or stderr.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { formatConnect } from '../../../main/cli/cluster-format';
import { main } from '../../../main/cli/program';
import type { CliIo } from '../../../main/cli/io';
import { bootstrapLockPath, type BootstrapLockHolder } from '../../../main/core/cluster/bootstrap-lock';
import type { BootstrapProgress, DriftResult, LiveVerification } from '../../../main/core/cluster/types';
import { ROOT, runSitekit } from '../../helpers/run-sitekit';
import type { JsonObject } from '../../kube/api-server/index';
import { keyMaterial, startLivePlantA, type LivePlantA } from './live-plant-a';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let live: LivePlantA;
const outputs: string[] = [];

async function sitekit(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false, errColor: false, errTty: false, command: 'sitekit' };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    const code = await main(['node', 'sitekit', ...args], io);
    outputs.push(stdout, stderr);
    return { code, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

const via = () => ['--kubeconfig', live.kubeconfigFile, '--via', '127.0.0.1'];

beforeAll(async () => {
  live = await startLivePlantA();
});
afterAll(async () => {
  await live?.close();
});

describe('sitekit cluster', () => {
  it('without a kubeconfig: exit 2 and how to give one', async () => {
    const run = await sitekit(['cluster', 'status', live.siteFile], { KUBECONFIG: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no kubeconfig: give --kubeconfig <install dir>/auth/kubeconfig (or set KUBECONFIG)');
  });

  it('refuses options that cannot go together, and a KUBECONFIG with several files', async () => {
    expect((await sitekit(['cluster', 'status', live.siteFile, ...via(), '--via-vip'])).stderr).toContain('--via and --via-vip go one at a time');
    const several = await sitekit(['cluster', 'status', live.siteFile], { KUBECONFIG: `${live.kubeconfigFile}${path.delimiter}/tmp/other` });
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('KUBECONFIG lists 2 files');
    const badCa = await sitekit(['cluster', 'status', live.siteFile, ...via(), '--accept-ca', 'SHA256:AB']);
    expect(badCa.code).toBe(2);
    expect(badCa.stderr).toContain('--accept-ca must be a certificate fingerprint');
  });

  it("refuses a kubeconfig of another cluster before connecting", async () => {
    const other = path.join(live.dir, 'other-kubeconfig');
    await writeFile(other, live.server.kubeconfig({ server: 'https://api.lab.example.net:6443' }));
    const run = await sitekit(['cluster', 'verify', live.siteFile, '--kubeconfig', other]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("this site's API is https://api.acp.plant-a.example.com:6443");
  });

  it('first contact: exit 2 with the CA fingerprint and the command that accepts it', async () => {
    const run = await sitekit(['cluster', 'status', live.siteFile, ...via()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('first contact');
    expect(run.stderr).toContain(`CA         ${live.server.caSha256}`);
    expect(run.stderr).toContain(`sitekit cluster status ${live.siteFile} --kubeconfig ${live.kubeconfigFile} --via 127.0.0.1 --accept-ca ${live.server.caSha256}`);
    // The installer's kubeconfig carries the CA that signed the server's chain: nothing to compare.
    expect(run.stderr).toContain('This is the CA in the kubeconfig openshift-install wrote for this cluster');
    expect(run.stderr).not.toContain('openssl x509');
  });

  it('first contact with a kubeconfig without a CA: the server’s certificate, checked elsewhere first', async () => {
    const config = YAML.parse(live.kubeconfigText) as { clusters: { cluster: Record<string, unknown> }[] };
    for (const c of config.clusters) delete c.cluster['certificate-authority-data'];
    const noCa = path.join(live.dir, 'kubeconfig-without-ca');
    await writeFile(noCa, YAML.stringify(config), { mode: 0o600 });
    const run = await sitekit(['cluster', 'status', live.siteFile, '--kubeconfig', noCa, '--via', '127.0.0.1']);
    expect(run.code).toBe(2);
    // The test server sends its own certificate without the CA above it:
    // that certificate is what is shown, compared and accepted.
    expect(run.stderr).toContain('its certificate is not accepted yet.');
    expect(run.stderr).toContain(`  server     ${live.server.leafSha256}`);
    expect(run.stderr).not.toContain('  CA ');
    expect(run.stderr).toContain('The kubeconfig has no CA for this server, and the server showed only its own certificate');
    expect(run.stderr).toContain("Check the certificate's fingerprint first on a machine that has the cluster's API certificate:");
    expect(run.stderr).toContain('openssl x509 -noout -fingerprint -sha256 -in <server.crt>');
    expect(run.stderr).toContain('Do not accept it on a network you do not trust');
    expect(run.stderr).toContain(`--accept-ca ${live.server.leafSha256}`);
    expect(run.stderr).not.toContain('openshift-install wrote');
  });

  it('first contact where the chain ends at a CA the kubeconfig does not have: that CA, checked elsewhere first', () => {
    const cert = (sha256: string, subject: string, issuer: string) => ({ sha256, subject, issuer, notBefore: '2026-11-20T08:00:00Z', notAfter: '2027-11-20T08:00:00Z' });
    const ca = cert(`SHA256:${'5E:'.repeat(31)}5E`, 'CN=kube-apiserver-lb-signer', 'CN=kube-apiserver-lb-signer');
    const leaf = cert(`SHA256:${'A1:'.repeat(31)}A1`, 'CN=api.acp.plant-a.example.com', ca.subject);
    const text = formatConnect(
      { state: 'needs-acceptance', route: { server: 'https://api.acp.plant-a.example.com:6443', viaAddress: '10.10.0.5' }, identity: { leaf, ca, caFromKubeconfig: false } },
      false,
    );
    expect(text).toContain('first contact with https://api.acp.plant-a.example.com:6443 via 10.10.0.5: its certificate authority is not accepted yet.');
    expect(text).toContain(`  CA         ${ca.sha256}`);
    expect(text).toContain(`  server     ${leaf.sha256}`);
    expect(text).toContain('The kubeconfig has no CA for this server, so Sitekit cannot tell by itself');
    expect(text).toContain("Check the CA's fingerprint first on a machine that has the cluster's CA certificate:");
    expect(text).toContain('openssl x509 -noout -fingerprint -sha256 -in <ca.crt>');
    expect(text).toContain('a device in between would show its own CA here.');
  });

  it('status after accepting: the install is done and the plan checks are listed', async () => {
    const run = await sitekit(['cluster', 'status', live.siteFile, ...via(), '--accept-ca', live.server.caSha256.toLowerCase()]);
    expect(run.stderr).toContain('connected to https://api.acp.plant-a.example.com');
    expect(run.stdout).toMatch(/^install: done 100%/m);
    expect(run.stdout).toContain('checks against the plan:');
    expect(run.stdout).toMatch(/ok +Node names/);
    expect(run.code, run.stdout).toBe(0);
    // The pin is kept: the next run needs no --accept-ca.
    const json = await sitekit(['cluster', 'status', live.siteFile, ...via(), '--json']);
    const parsed = JSON.parse(json.stdout) as { connect: { state: string }; install: { overall: { state: string } } };
    expect(parsed.connect.state).toBe('connected');
    expect(parsed.install.overall.state).toBe('done');
    // --watch follows it with watches and ends as soon as the install is done.
    const watched = await sitekit(['cluster', 'status', live.siteFile, ...via(), '--watch']);
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stderr).toMatch(/^install: done 100%/m);
  });

  it('bootstrap: plain progress lines on stderr (no terminal), the stages on stdout, exit 0', async () => {
    const run = await sitekit(['cluster', 'bootstrap', live.siteFile, ...via()]);
    await live.scenario.idle();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).toMatch(/^Install the GitOps operator: running/m);
    expect(run.stderr).toMatch(/^Wave 4: .*: done/m);
    expect(run.stdout).toMatch(/^bootstrap: done/m);
    // Again: nothing changes on the cluster.
    const before = live.server.store.resourceVersion;
    const again = await sitekit(['cluster', 'bootstrap', live.siteFile, ...via(), '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { state: string }).state).toBe('done');
    expect(live.server.store.resourceVersion).toBe(before);
  });

  it("bootstrap: refused while the site's lock is held, a left-over lock taken over, none left after", async () => {
    const lockFile = bootstrapLockPath(live.dir);
    // The app is bootstrapping this site (a live process on this computer: the test runner's parent).
    const holder: BootstrapLockHolder = { pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), by: 'app' };
    await writeFile(lockFile, `${JSON.stringify(holder)}\n`);
    const before = live.server.requests.length;
    const refused = await sitekit(['cluster', 'bootstrap', live.siteFile, ...via()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      new RegExp(`^sitekit cluster bootstrap: A GitOps bootstrap of plant-a is already running \\(the Sitekit app, pid ${process.ppid}, since \\d\\d:\\d\\d on this computer\\): wait for it or stop it there\\.`, 'm'),
    );
    expect(refused.stdout).toBe('');
    expect(live.server.requests.slice(before).filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual(holder);

    // A terminal's bootstrap that was killed left its lock: taken over, and said so.
    const ended = spawnSync(process.execPath, ['-e', '']);
    await writeFile(lockFile, `${JSON.stringify({ ...holder, pid: ended.pid, by: 'cli' })}\n`);
    const run = await sitekit(['cluster', 'bootstrap', live.siteFile, ...via(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^sitekit cluster bootstrap: The bootstrap lock of plant-a was left by sitekit cluster bootstrap, pid ${ended.pid}, since .* which is no longer running: Sitekit took it over\\.$`, 'm'));
    expect((JSON.parse(run.stdout) as BootstrapProgress).notices?.[0]).toContain('Sitekit took it over.');
    expect(existsSync(lockFile)).toBe(false);
  });

  it('verify saves the result for the report; drift --json is one JSON document', async () => {
    const run = await sitekit(['cluster', 'verify', live.siteFile, ...via(), '--json']);
    const verification = JSON.parse(run.stdout) as LiveVerification;
    expect(run.code).toBe(verification.state === 'ok' ? 0 : 1);
    expect(verification.nodes.map((n) => n.name)).toEqual(['acp-1', 'acp-2', 'acp-3']);
    const saved = JSON.parse(await readFile(path.join(live.dir, '.sitekit', 'cluster', 'verification.json'), 'utf8')) as LiveVerification;
    expect(saved.verifiedAt).toBe(verification.verifiedAt);

    const report = await sitekit(['report', live.siteFile]);
    expect(report.code).toBeLessThan(2);
    const html = await readFile(path.join(live.dir, 'report.html'), 'utf8');
    expect(html).toContain('<section id="live-cluster"');
    expect(html).not.toContain('Not verified on a live cluster yet');

    const drift = await sitekit(['cluster', 'drift', live.siteFile, ...via(), '--json']);
    const result = JSON.parse(drift.stdout) as DriftResult;
    const s = result.summary;
    expect(s.same + s.different + s.missing + s.unknown).toBe(result.objects.length);
    expect(drift.code).toBe(s.different + s.missing + s.unknown === 0 ? 0 : 1);
  });

  it('verify in words: the last line says each problem, and exit 1', async () => {
    const healthy = await sitekit(['cluster', 'verify', live.siteFile, ...via()]);
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.stdout).toMatch(/^the live cluster matches the plan$/m);
    // Someone edits a network by hand: the bundle's NetworkAttachmentDefinition drifts.
    const nad = live.server.store.list('k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition')[0]!;
    const metadata = nad.metadata as { name: string; namespace: string };
    const ref = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', name: metadata.name, namespace: metadata.namespace };
    const spec = structuredClone(nad.spec) as JsonObject;
    live.server.store.patch(ref, { spec: { config: '{"cniVersion":"0.3.1","type":"bridge","bridge":"br-edited"}' } });
    try {
      const run = await sitekit(['cluster', 'verify', live.siteFile, ...via()]);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stdout).toMatch(/^the live cluster has problems: 1 object drifted or missing$/m);
      expect(run.stdout).not.toContain('(see above)');
    } finally {
      live.server.store.patch(ref, { spec });
    }
  });

  it('as a real process with KUBECONFIG: plain lines, and no key material anywhere', async () => {
    const run = await runSitekit(['cluster', 'status', live.siteFile, '--via', '127.0.0.1'], { env: { KUBECONFIG: live.kubeconfigFile, NO_COLOR: '1' } });
    outputs.push(run.stdout, run.stderr);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^install: done/m);
    const all = outputs.join('\n');
    for (const secret of keyMaterial(live.kubeconfigText)) expect(all.includes(secret)).toBe(false);
  });
});

describe('sitekit cluster bootstrap and Ctrl-C', () => {
  it('holds the lock as its own process while it runs; SIGINT cancels it and removes the lock', async () => {
    const held = await startLivePlantA({ holdBeforeWave: 1 });
    // The CLI's own process (not the bin/ wrapper, which would leave it running): the lock names it.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const args = ['cluster', 'bootstrap', held.siteFile, '--kubeconfig', held.kubeconfigFile, '--via', '127.0.0.1', '--accept-ca', held.server.caSha256];
    const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'main', 'cli', 'index.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      // Argo CD holds before wave 1: the bootstrap waits there until it is stopped.
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (/^Wave 1: .*: running/m.test(stderr)) resolve();
        });
        child.on('close', () => reject(new Error(`the CLI ended before wave 1:\n${stderr}`)));
      });
      const lock = JSON.parse(await readFile(bootstrapLockPath(held.dir), 'utf8')) as BootstrapLockHolder;
      expect(lock).toMatchObject({ pid: child.pid, hostname: hostname(), by: 'cli' });
      child.kill('SIGINT');
      const code = await closed;
      expect(code, stderr).toBe(2);
      expect(stdout).toMatch(/^bootstrap: /m);
      expect(stdout).toMatch(/cancel/i);
      expect(existsSync(bootstrapLockPath(held.dir))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await closed;
      await held.close();
    }
  });
});
