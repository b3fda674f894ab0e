// cluster.* through the handler table (the same table the desktop app and the web host use),
// with the real @kubernetes/client-node against the test API server playing plant-a: import
// the kubeconfig, accept the CA, watch the (finished) install, bootstrap GitOps with progress
// events, verify (saved for the report), drift, cancel, a changed CA, and never a byte of the
// kubeconfig's key material in any answer, event or log line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitekitEvent } from '../../../main/contract/api';
import { bootstrapLockPath, type BootstrapLockHolder } from '../../../main/core/cluster/bootstrap-lock';
import { pinPath } from '../../../main/core/cluster/pin';
import { loadVerification } from '../../../main/core/cluster/verification-store';
import { FileSecretStore } from '../../../main/host/secret-store';
import { direct, failure, type Api } from '../../unit/contract/transports';
import { keyMaterial, startLivePlantA, type LivePlantA } from './live-plant-a';

interface Bench {
  live: LivePlantA;
  api: Api;
  events: SitekitEvent[];
  logs: string[];
  answers: unknown[];
  store: FileSecretStore;
}

async function bench(options: Parameters<typeof startLivePlantA>[0] = {}, serverOptions: Parameters<typeof startLivePlantA>[1] = {}): Promise<Bench> {
  const live = await startLivePlantA(options, serverOptions);
  const logs: string[] = [];
  const store = new FileSecretStore(path.join(live.dir, 'data', 'secrets.json'));
  const { api } = await direct.start({
    mode: 'browser',
    secrets: store,
    settingsDir: path.join(live.dir, 'data'),
    secretsFile: path.join(live.dir, 'data', 'secrets.json'),
    logError: (message, error) => logs.push(`${message}: ${error instanceof Error ? `${error.message}\n${error.stack}` : String(error)}`),
  });
  const events: SitekitEvent[] = [];
  api.onEvent((e) => events.push(e));
  return { live, api, events, logs, answers: [], store };
}

/** Calls and keeps the answer (or the error) for the key-material check. */
async function keep<T>(b: Bench, call: Promise<T>): Promise<T> {
  try {
    const value = await call;
    b.answers.push(value);
    return value;
  } catch (error) {
    b.answers.push({ error: (error as Error).message });
    throw error;
  }
}

describe('cluster calls on plant-a', () => {
  let b: Bench;
  beforeAll(async () => {
    b = await bench();
  });
  afterAll(async () => {
    await b?.live.close();
  });

  it('without a stored kubeconfig, connect says to import one', async () => {
    const result = await keep(b, b.api.cluster.connect({ sitePath: b.live.siteFile, viaAddress: '127.0.0.1' }));
    expect(result.state).toBe('failed');
    expect(result.failure).toMatchObject({ kind: 'no-kubeconfig' });
    expect(result.route.server).toBe('https://api.acp.plant-a.example.com:6443');
  });

  it("refuses a kubeconfig of another cluster and does not store it", async () => {
    const other = path.join(b.live.dir, 'other-kubeconfig');
    await writeFile(other, b.live.server.kubeconfig({ server: 'https://api.lab.example.net:6443' }));
    const result = await keep(b, b.api.cluster.connect({ sitePath: b.live.siteFile, kubeconfigPath: other }));
    expect(result.state).toBe('failed');
    expect(result.failure?.kind).toBe('bad-kubeconfig');
    expect(result.failure?.message).toContain("this site's API is https://api.acp.plant-a.example.com:6443");
    expect(await b.api.secrets.has({ name: 'kubeconfig' })).toBe(false);
  });

  it('imports the kubeconfig, shows the CA to accept, then connects and pins it', async () => {
    const first = await keep(b, b.api.cluster.connect({ sitePath: b.live.siteFile, kubeconfigPath: b.live.kubeconfigFile, viaAddress: '127.0.0.1' }));
    expect(first.state).toBe('needs-acceptance');
    expect(first.identity?.ca.sha256).toBe(b.live.server.caSha256);
    expect(first.route).toEqual({ server: `https://api.acp.plant-a.example.com:${b.live.server.port}`, viaAddress: '127.0.0.1' });
    expect(existsSync(pinPath(b.live.dir))).toBe(false);

    // Kept in the secret store, bound to the API server it names; its value never comes back.
    const status = await b.api.secrets.status();
    expect(status.names).toContain('kubeconfig');
    expect(status.bindings?.kubeconfig).toEqual([`https://api.acp.plant-a.example.com:${b.live.server.port}`]);

    const accepted = await keep(b, b.api.cluster.connect({ sitePath: b.live.siteFile, viaAddress: '127.0.0.1', acceptCaSha256: first.identity!.ca.sha256.toLowerCase().replace('sha256:', 'SHA256:') }));
    expect(accepted.state).toBe('connected');
    expect(accepted.user).toBe('system:admin');
    expect(accepted.openshiftVersion).toMatch(/^4\.18/);
    expect(existsSync(pinPath(b.live.dir))).toBe(true);

    // From now on the stored kubeconfig and the pin are enough.
    const again = await keep(b, b.api.cluster.connect({ sitePath: b.live.siteFile, viaAddress: '127.0.0.1' }));
    expect(again.state).toBe('connected');
    expect(again.pinned?.caSha256).toBe(b.live.server.caSha256);
  });

  it('watchInstall follows the installed cluster and checks it against the plan, with progress events', async () => {
    // The cluster answers, so the plan's rendezvous host (10.10.0.11, not here) is not asked.
    const result = await keep(b, b.api.cluster.watchInstall({ sitePath: b.live.siteFile, taskId: 'install-1' }));
    expect(result.progress.source).toBe('cluster');
    expect(result.progress.overall.state).toBe('done');
    expect(result.checks.find((c) => c.id === 'node.names')).toMatchObject({ state: 'ok' });
    const mine = b.events.filter((e) => e.event === 'cluster.progress' && e.payload.taskId === 'install-1');
    expect(mine.some((e) => e.event === 'cluster.progress' && e.payload.install?.source === 'cluster')).toBe(true);
    expect(mine.some((e) => e.event === 'cluster.progress' && e.payload.checks?.length)).toBe(true);
  });

  it('bootstrap applies GitOps and follows every wave, telling progress under its taskId', async () => {
    const result = await keep(b, b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'bootstrap-1' }));
    await b.live.scenario.idle();
    expect(result.state, JSON.stringify(result.stages.filter((s) => s.state !== 'done'), null, 2)).toBe('done');
    const mine = b.events.filter((e) => e.event === 'cluster.progress' && e.payload.taskId === 'bootstrap-1');
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.every((e) => e.event === 'cluster.progress' && e.payload.bootstrap !== undefined)).toBe(true);
    // Its id is free again once it ended, and so is the site's lock.
    expect(await b.api.cluster.cancel({ taskId: 'bootstrap-1' })).toBe(false);
    expect(existsSync(bootstrapLockPath(b.live.dir))).toBe(false);
  });

  it('verify saves the verification next to the plan, and the report shows it', async () => {
    const verification = await keep(b, b.api.cluster.verify({ sitePath: b.live.siteFile }));
    expect(verification.server).toBe(`https://api.acp.plant-a.example.com:${b.live.server.port}`);
    expect(verification.nodes.map((n) => n.name)).toEqual(['acp-1', 'acp-2', 'acp-3']);
    expect(verification.applications.length).toBeGreaterThan(0);
    expect(verification.drift.objects.length).toBeGreaterThan(0);
    const stored = await loadVerification(b.live.dir);
    expect(stored).toEqual({ state: 'ok', verification });
    const html = await b.api.report.render({ sitePath: b.live.siteFile });
    const section = html.slice(html.indexOf('<section id="live-cluster"'), html.indexOf('<section id="versions"'));
    expect(section).toContain('acp-2');
    expect(section).not.toContain('Not verified on a live cluster yet');
  });

  it('drift compares every bundle object with the live one', async () => {
    const drift = await keep(b, b.api.cluster.drift({ sitePath: b.live.siteFile }));
    const s = drift.summary;
    expect(s.same + s.different + s.missing + s.unknown).toBe(drift.objects.length);
    expect(drift.objects.find((o) => o.kind === 'Application' && o.name === 'site-virtualization')).toBeDefined();
  });

  it('an unknown task cannot be cancelled', async () => {
    expect(await b.api.cluster.cancel({ taskId: 'never-started' })).toBe(false);
  });

  it('stops at a changed CA with both fingerprints, and later calls refuse', async () => {
    const before = b.live.server.caSha256;
    await b.live.server.rotateCa();
    const result = await keep(b, b.api.cluster.connect({ sitePath: b.live.siteFile, viaAddress: '127.0.0.1' }));
    expect(result.state).toBe('pin-changed');
    expect(result.pinned?.caSha256).toBe(before);
    // What the server shows now (its chain no longer ends at the pinned CA) is shown next to it.
    expect(result.identity?.ca.sha256).toMatch(/^SHA256:/);
    expect(result.identity?.ca.sha256).not.toBe(before);
    const error = await failure(b.api.cluster.verify({ sitePath: b.live.siteFile }));
    b.answers.push({ error: error.message });
    expect(error.code).toBe('unavailable');
  });

  it("no answer, event or log line holds the kubeconfig's key material", () => {
    const material = keyMaterial(b.live.kubeconfigText);
    expect(material.length).toBeGreaterThan(2);
    const everything = JSON.stringify({ answers: b.answers, events: b.events, logs: b.logs });
    for (const secret of material) expect(everything.includes(secret)).toBe(false);
  });
});

describe('cancelling a bootstrap', () => {
  it('cluster.cancel stops the running task; the answer says it was cancelled', async () => {
    const b = await bench({ holdBeforeWave: 1 });
    try {
      await b.api.cluster.connect({ sitePath: b.live.siteFile, kubeconfigPath: b.live.kubeconfigFile, viaAddress: '127.0.0.1', acceptCaSha256: b.live.server.caSha256 });
      const running = b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'held' });
      // Wait until the bootstrap reached wave 1 (Argo CD holds there), then cancel it.
      await new Promise<void>((resolve) => {
        const check = () => (b.events.some((e) => e.event === 'cluster.progress' && e.payload.bootstrap?.stages.some((s) => s.id === 'wave-1' && s.state === 'running')) ? resolve() : setTimeout(check, 20));
        check();
      });
      await expect(failure(b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'held' }))).resolves.toMatchObject({ code: 'invalid-input' });
      // A second bootstrap of the same site under another id is refused too: one at a time per site.
      const second = await failure(b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'held-2' }));
      expect(second).toMatchObject({ code: 'invalid-input' });
      expect(second.message).toContain('already running (task held)');
      // The site's lock says so to other processes meanwhile.
      expect(JSON.parse(await readFile(bootstrapLockPath(b.live.dir), 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname(), by: 'app' });
      expect(await b.api.cluster.cancel({ taskId: 'held-2' })).toBe(false);
      expect(await b.api.cluster.cancel({ taskId: 'held' })).toBe(true);
      const result = await running;
      expect(result.state).not.toBe('done');
      expect(result.failure?.kind).toBe('cancelled');
      expect(existsSync(bootstrapLockPath(b.live.dir))).toBe(false);
      expect(await b.api.cluster.cancel({ taskId: 'held' })).toBe(false);
    } finally {
      await b.live.close();
    }
  });

  it('cluster.cancel stops a watchInstall that waits for the rendezvous host', async () => {
    const b = await bench();
    try {
      // No kubeconfig yet and the agent API refuses: it waits (and says so) until cancelled.
      const running = b.api.cluster.watchInstall({ sitePath: b.live.siteFile, taskId: 'watch', agentAddress: '127.0.0.1:1' });
      await new Promise<void>((resolve) => {
        const check = () => (b.events.some((e) => e.event === 'cluster.progress' && e.payload.taskId === 'watch') ? resolve() : setTimeout(check, 20));
        check();
      });
      const progress = b.events.find((e) => e.event === 'cluster.progress' && e.payload.taskId === 'watch');
      expect(progress?.event === 'cluster.progress' && progress.payload.install?.failure?.kind).toBe('refused');
      expect(await b.api.cluster.cancel({ taskId: 'watch' })).toBe(true);
      const result = await running;
      expect(result.progress.failure?.kind).toBe('cancelled');
    } finally {
      await b.live.close();
    }
  });

  it('cluster.verify given a taskId can be stopped (drift takes one the same way); nothing is saved', async () => {
    let stopping: string | undefined;
    const stopped: boolean[] = [];
    const api: { current?: Api } = {};
    // The first LIST of Deployments (HA readiness, part of verify) is held until the task was cancelled.
    const b = await bench({}, {
      beforeServe: async (request) => {
        if (!stopping || !api.current || request.method !== 'GET' || !request.path.endsWith('/deployments')) return;
        const taskId = stopping;
        stopping = undefined;
        stopped.push(await api.current.cluster.cancel({ taskId }));
      },
    });
    api.current = b.api;
    try {
      await b.api.cluster.connect({ sitePath: b.live.siteFile, kubeconfigPath: b.live.kubeconfigFile, viaAddress: '127.0.0.1', acceptCaSha256: b.live.server.caSha256 });
      stopping = 'verify-1';
      const verify = await failure(b.api.cluster.verify({ sitePath: b.live.siteFile, taskId: 'verify-1' }));
      expect(stopped).toEqual([true]);
      expect(verify.code).toBe('unavailable');
      expect(verify.message).toMatch(/^Cancelled/);
      expect(await loadVerification(b.live.dir)).toEqual({ state: 'absent' });
      expect(await b.api.cluster.cancel({ taskId: 'verify-1' })).toBe(false);
      // Without a taskId it runs to its end, as before.
      expect((await b.api.cluster.drift({ sitePath: b.live.siteFile })).objects.length).toBeGreaterThan(0);
    } finally {
      await b.live.close();
    }
  });
});

describe('the bootstrap lock of the site (another window, another host, the CLI)', () => {
  let b: Bench;
  const lockFile = () => bootstrapLockPath(b.live.dir);
  const writeLock = async (holder: BootstrapLockHolder) => {
    await mkdir(path.dirname(lockFile()), { recursive: true });
    await writeFile(lockFile(), `${JSON.stringify(holder)}\n`);
  };
  const applies = () => b.live.server.requests.filter((r) => r.method === 'PATCH').length;
  beforeAll(async () => {
    b = await bench();
    await b.api.cluster.connect({ sitePath: b.live.siteFile, kubeconfigPath: b.live.kubeconfigFile, viaAddress: '127.0.0.1', acceptCaSha256: b.live.server.caSha256 });
  });
  afterAll(async () => {
    await b?.live.close();
  });

  it('a bootstrap running in another process refuses this one with who runs it; nothing is applied', async () => {
    // `sitekit cluster bootstrap` in a terminal: a live process on this computer (the test runner's parent).
    const holder: BootstrapLockHolder = { pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), by: 'cli' };
    await writeLock(holder);
    const error = await failure(b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'locked' }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(new RegExp(`^A GitOps bootstrap of plant-a is already running \\(sitekit cluster bootstrap, pid ${process.ppid}, since \\d\\d:\\d\\d on this computer\\): wait for it or stop it there\\.`));
    expect(applies()).toBe(0);
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toEqual(holder);
    // This host keeps no trace of the refused one: once the lock is gone, it may start.
    expect(await b.api.cluster.cancel({ taskId: 'locked' })).toBe(false);
  });

  it('a failed bootstrap leaves no lock', async () => {
    await rm(lockFile(), { force: true });
    // Someone installed the GitOps operator by hand on another channel: the apply conflicts and the bootstrap stops.
    const ref = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: 'openshift-gitops-operator', namespace: 'openshift-gitops-operator' };
    b.live.server.store.put(
      {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace },
        spec: { channel: 'gitops-1.14', installPlanApproval: 'Automatic', name: 'openshift-gitops-operator', source: 'redhat-operators-disconnected', sourceNamespace: 'openshift-marketplace' },
      },
      { manager: 'kubectl-edit' },
    );
    try {
      const result = await b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'conflict' });
      expect(result.state).toBe('failed');
      expect(existsSync(lockFile())).toBe(false);
    } finally {
      b.live.server.store.delete(ref);
    }
  });

  it('a lock left by a process that has ended is taken over, said in every progress and the answer; none is left after', async () => {
    const ended = spawnSync(process.execPath, ['-e', '']);
    await writeLock({ pid: ended.pid, hostname: hostname(), startedAt: new Date().toISOString(), by: 'cli' });
    const result = await b.api.cluster.bootstrap({ sitePath: b.live.siteFile, taskId: 'after-crash' });
    await b.live.scenario.idle();
    expect(result.state, JSON.stringify(result.stages.filter((s) => s.state !== 'done'), null, 2)).toBe('done');
    const notice = `The bootstrap lock of plant-a was left by sitekit cluster bootstrap, pid ${ended.pid}, since `;
    expect(result.notices).toHaveLength(1);
    expect(result.notices![0]).toContain(notice);
    expect(result.notices![0]).toMatch(/ on this computer, which is no longer running: Sitekit took it over\.$/);
    const mine = b.events.filter((e) => e.event === 'cluster.progress' && e.payload.taskId === 'after-crash');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.event === 'cluster.progress' && e.payload.bootstrap?.notices?.[0] === result.notices![0])).toBe(true);
    expect(existsSync(lockFile())).toBe(false);
  });
});
