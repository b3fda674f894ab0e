// `sitekit cluster status|bootstrap|verify|drift <site.yaml>`: the live cluster of a site from
// the command line, with the same core as the app. The kubeconfig comes from --kubeconfig,
// --install-dir (its auth/kubeconfig; for status --watch --agent also the agent API token of its
// .openshift_install_state.json) or $KUBECONFIG (never an argument's value, never printed: every
// line is scrubbed of its key material); the API server's CA is pinned in
// .sitekit/cluster/api-pin.json like the app does, and a first contact stops until --accept-ca
// names the fingerprint shown. Progress goes to
// stderr (rewritten in place on a terminal, plain lines otherwise); results to stdout.
// bootstrap holds the site's lock file (.sitekit/cluster/bootstrap.lock) while it runs, so the
// app or another terminal cannot bootstrap the same site at once; Ctrl-C still removes it.
// verify --manifests <dir> also checks the HA readiness of the manifests of the sites repository
// in that folder (ha/manifest-folder.ts reads it, bounded), findings with file:line.
// Exit codes: 0 ok, 1 problems found (checks differ, a wave failed, drift), 2 the input or the
// connection could not be used (no kubeconfig, no connection, CA not accepted, cancelled).
import path from 'node:path';
import { INPUT_SCHEMAS } from '../contract/api';
import { agentTarget } from '../core/cluster/agent-address';
import { bundleGitopsFiles } from '../core/cluster/bootstrap/plan';
import { runBootstrap } from '../core/cluster/bootstrap/run';
import { acquireBootstrapLock, BootstrapLockError, type BootstrapLock } from '../core/cluster/bootstrap-lock';
import type { ClusterClient } from '../core/cluster/client';
import { normalizeFingerprint } from '../core/cluster/connect';
import { bundleObjectsOf } from '../core/cluster/drift/bundle-objects';
import { driftCheck } from '../core/cluster/drift/compare';
import { ClusterError } from '../core/cluster/failure';
import { rendezvousAddress } from '../core/cluster/install/agent-api';
import { ManifestFolderError, readManifestFolder, type ManifestFolder } from '../core/cluster/ha/manifest-folder';
import { InstallFolderError, readInstallFolder } from '../core/cluster/install-folder';
import { watchInstall } from '../core/cluster/install/watch-install';
import { MAX_KUBECONFIG_BYTES } from '../core/cluster/kubeconfig';
import { kubeconfigSecrets, scrub } from '../core/cluster/scrub';
import { connectSite } from '../core/cluster/site-connection';
import type { BootstrapProgress, ConnectResult, InstallProgress, LiveCheck, LiveVerification } from '../core/cluster/types';
import { saveVerification, verificationPath } from '../core/cluster/verification-store';
import { clusterSnapshot, driftFree, verifyCluster } from '../core/cluster/verify';
import { readTextBounded } from '../core/fs/read-bounded';
import type { Site } from '../core/site/schema';
import { formatBootstrap, formatChecks, formatConnect, formatDrift, formatInstall, formatVerification, installLine } from './cluster-format';
import { runHint, type CliIo } from './io';
import { progressPrinter } from './progress-printer';
import { readPlan } from './site-input';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export type ClusterAction = 'status' | 'bootstrap' | 'verify' | 'drift';

export interface ClusterCommandOptions {
  kubeconfig?: string;
  /** The folder openshift-install ran in: auth/kubeconfig, and the agent API token of its state. */
  installDir?: string;
  via?: string;
  viaVip?: boolean;
  acceptCa?: string;
  watch?: boolean;
  json?: boolean;
  /** status --watch: follow the agent API on the rendezvous host (true: the plan's rendezvous IP). */
  agent?: string | boolean;
  agentTokenFile?: string;
  gitPasswordFile?: string;
  /** verify: a folder of the sites repository whose manifests are checked for HA too. */
  manifests?: string;
}

/** A token or password file is a line of text; anything larger is the wrong file. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

class UsageError extends Error {}

export async function clusterCommand(
  action: ClusterAction,
  file: string,
  options: ClusterCommandOptions,
  rawIo: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<number> {
  const name = `sitekit cluster ${action}`;
  const plan = await readPlan(file, rawIo, `no cluster ${action}`);
  if (!plan.ok) return plan.code;
  const { site } = plan;
  const siteDir = path.dirname(path.resolve(file));

  let kubeconfig: { text: string; from: string };
  let viaAddress: string | undefined;
  let acceptCaSha256: string | undefined;
  let gitPassword: string | undefined;
  let agentToken: string | undefined;
  let manifests: ManifestFolder | undefined;
  try {
    ({ viaAddress, acceptCaSha256 } = connectOptions(site, path.resolve(file), options));
    kubeconfig = await readKubeconfig(options, env);
    // Read before connecting: a folder that cannot be used stops here, without touching the cluster.
    if (action === 'verify' && options.manifests !== undefined) manifests = await readManifestsOption(options.manifests, signal);
    if (action === 'bootstrap' && options.gitPasswordFile) gitPassword = await readSecretFile(options.gitPasswordFile, 'Git password');
    if (action === 'status' && options.agentTokenFile) agentToken = await readSecretFile(options.agentTokenFile, 'agent token');
    else if (action === 'status' && options.watch && options.agent !== undefined && options.installDir) {
      const token = await installDirToken(options.installDir);
      // No token is no reason to stop: 4.16 asks for none, and the cluster can still be followed.
      if ('problem' in token) rawIo.err(`${name}: no agent API token: ${token.problem}\n`);
      else agentToken = token.token;
    }
  } catch (error) {
    rawIo.err(`${name}: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const secrets = [...kubeconfigSecrets(kubeconfig.text), ...(gitPassword ? [gitPassword] : []), ...(agentToken ? [agentToken] : [])];
  // Every line leaves scrubbed of the kubeconfig's key material and the passwords read.
  const io: CliIo = { ...rawIo, out: (text) => rawIo.out(scrub(text, secrets)), err: (text) => rawIo.err(scrub(text, secrets)) };
  const printJson = (value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`);

  let connect: ConnectResult;
  let client: ClusterClient | undefined;
  try {
    const outcome = await connectSite({ siteDir, site, kubeconfigText: kubeconfig.text, ...(viaAddress ? { viaAddress } : {}), ...(acceptCaSha256 ? { acceptCaSha256 } : {}), ...(signal ? { signal } : {}) });
    connect = outcome.result;
    client = outcome.client;
  } catch (error) {
    // The pin file cannot be read or written: never taken for "no pin".
    io.err(`${name}: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  io.err(formatConnect(connect, io.errColor));
  if (connect.state === 'needs-acceptance' && connect.identity) {
    io.err(`  ${runHint(io, 'cluster', action, file, ...hintArgs(options), '--accept-ca', connect.identity.ca.sha256)}\n`);
  }
  // Only status --watch with the agent API goes on without the cluster (it is still installing).
  const agentOnly = action === 'status' && options.watch === true && options.agent !== undefined && connect.state === 'failed';
  if (!client && !agentOnly) {
    if (options.json) printJson({ connect });
    return EXIT_UNUSABLE;
  }

  try {
    switch (action) {
      case 'status':
        return await status(site, client, connect, options, io, agentToken, signal);
      case 'bootstrap': {
        const password = gitPassword;
        if (site.gitops?.credentials && !password) {
          io.err(`${name}: the plan reads the repository with a password (gitops.credentials); without --git-password-file the repository Secret must already be on the cluster\n`);
        }
        // One bootstrap per site at a time, with the app and other terminals: the site's lock file.
        let lock: BootstrapLock;
        try {
          lock = await acquireBootstrapLock(siteDir, { by: 'cli', siteName: site.metadata.name });
        } catch (error) {
          if (!(error instanceof BootstrapLockError)) throw error;
          io.err(`${name}: ${error.message}\n`);
          return EXIT_UNUSABLE;
        }
        if (lock.tookOver) io.err(`${name}: ${lock.tookOver}\n`);
        // Ctrl-C aborts the signal: the bootstrap ends cancelled and the lock goes here.
        try {
          const printer = progressPrinter(io.err, io.errTty === true);
          const progress = await runBootstrap(client!, bundleGitopsFiles(site), site, {
            ...(signal ? { signal } : {}),
            ...(password ? { repoPassword: password } : {}),
            onProgress: (p) => bootstrapProgressLines(p, (key, line) => printer.update(key, line)),
          });
          printer.done();
          if (options.json) printJson(lock.tookOver ? { ...progress, notices: [...(progress.notices ?? []), lock.tookOver] } : progress);
          else io.out(formatBootstrap(progress, io.color));
          if (progress.state === 'done') return EXIT_OK;
          return progress.failure?.kind === 'cancelled' ? EXIT_UNUSABLE : EXIT_FINDINGS;
        } finally {
          await lock.release();
        }
      }
      case 'verify': {
        const verification = await verifyCluster(client!, site, {
          ...(signal ? { signal } : {}),
          ...(connect.kubernetesVersion ? { kubernetesVersion: connect.kubernetesVersion } : {}),
          ...(manifests ? { manifests: manifests.files, manifestsFrom: { dir: manifests.dir, skipped: manifests.skipped } } : {}),
        });
        await saveVerification(siteDir, scrub(verification, secrets));
        if (options.json) printJson(verification);
        else {
          io.out(formatVerification(verification, io.color));
          io.out(manifestsLines(verification));
          io.out(`saved to ${verificationPath(siteDir)}; ${runHint(io, 'report', file)} puts it into the handover report\n`);
        }
        return verification.state === 'ok' ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'drift': {
        const drift = await driftCheck(client!, bundleObjectsOf(bundleGitopsFiles(site)), { ...(signal ? { signal } : {}) });
        if (options.json) printJson(drift);
        else io.out(formatDrift(drift, io.color));
        return driftFree(drift) && drift.summary.unknown === 0 ? EXIT_OK : EXIT_FINDINGS;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) io.err(`${name}: ${error.message}\n`);
    else if (error instanceof ClusterError) io.err(`${name}: ${error.failure.message}\n`);
    else throw error;
    return EXIT_UNUSABLE;
  }
}

async function status(
  site: Site,
  client: ClusterClient | undefined,
  connect: ConnectResult,
  options: ClusterCommandOptions,
  io: CliIo,
  token: string | undefined,
  signal: AbortSignal | undefined,
): Promise<number> {
  let install: InstallProgress;
  let checks: LiveCheck[];
  if (options.watch) {
    const printer = progressPrinter(io.err, io.errTty === true);
    const agentAddress = options.agent === true ? rendezvousAddress(site) : typeof options.agent === 'string' ? options.agent : undefined;
    if (options.agent === true && !agentAddress) throw new UsageError('the plan names no rendezvous host (the first node has no cluster-network address): give --agent <address>');
    let seenChecks: LiveCheck[] = [];
    const result = await watchInstall({
      site,
      ...(agentAddress ? { agent: { ...agentTarget(agentAddress), ...(token ? { authToken: token } : {}), openshiftVersion: site.cluster.openshiftVersion, clusterName: site.cluster.name } } : {}),
      ...(client ? { cluster: client } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        printer.update('install', installLine(p, io.errColor));
        for (const n of p.nodes) printer.update(`node ${n.name}`, `  ${n.name}: ${n.state}${n.percent !== undefined ? ` ${Math.round(n.percent)}%` : ''} ${n.stage}`);
      },
      onChecks: (c) => (seenChecks = c),
    }).catch((error: unknown) => {
      printer.done();
      throw error;
    });
    printer.done();
    install = result.progress;
    checks = result.checks ?? seenChecks;
  } else {
    ({ install, checks } = await clusterSnapshot(client!, site, { ...(signal ? { signal } : {}) }));
  }
  if (options.json) io.out(`${JSON.stringify({ connect, install, checks }, null, 2)}\n`);
  else io.out(formatInstall(install, io.color) + formatChecks(checks, io.color));
  if (install.failure?.kind === 'cancelled') return EXIT_UNUSABLE;
  const problems = install.overall.state === 'failed' || checks.some((c) => c.state === 'mismatch');
  if (problems) return EXIT_FINDINGS;
  // --watch ends when the install is done; anything else (it stopped before) is not a success.
  return options.watch && install.overall.state !== 'done' ? EXIT_FINDINGS : EXIT_OK;
}

/** Progress lines of the bootstrap: the stage in progress, and each item of it as it changes. */
function bootstrapProgressLines(progress: BootstrapProgress, update: (key: string, line: string) => void): void {
  for (const stage of progress.stages) {
    if (stage.state === 'waiting') continue;
    update(`stage ${stage.id}`, `${stage.title}: ${stage.state}${stage.message ? ` — ${stage.message}` : ''}`);
    if (stage.state === 'done') continue;
    for (const item of stage.items ?? []) {
      update(`item ${item.kind}/${item.namespace ?? ''}/${item.name}`, `  ${item.kind} ${item.name}: ${item.state} — ${item.message}`);
    }
  }
}

/** The sites-repository folder of --manifests, read bounded; a folder that cannot be used is a usage error. */
async function readManifestsOption(dir: string, signal: AbortSignal | undefined): Promise<ManifestFolder> {
  try {
    return await readManifestFolder(path.resolve(dir), { ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof ManifestFolderError) throw new UsageError(`--manifests: ${error.message}`);
    throw error;
  }
}

/** Which manifests the HA check read, or that none were given. */
function manifestsLines(v: LiveVerification): string {
  const sources = v.haSources;
  if (sources?.manifestsDir === undefined) return 'sites-repository manifests not checked: give the folder with --manifests <dir>\n';
  const lines = [`manifests checked: ${sources.manifestsDir} (${sources.files ?? 0} file${sources.files === 1 ? '' : 's'})`];
  if (sources.skipped?.length) lines.push('left out:', ...sources.skipped.map((s) => `  ${s}`));
  return `${lines.join('\n')}\n`;
}

/** The route and the accepted fingerprint, checked as the app's contract checks them. */
function connectOptions(site: Site, sitePath: string, options: ClusterCommandOptions): { viaAddress?: string; acceptCaSha256?: string } {
  if (options.via !== undefined && options.viaVip) throw new UsageError('--via and --via-vip go one at a time: --via-vip takes the plan\'s API VIP, --via any address');
  const viaAddress = options.viaVip ? site.cluster.apiVIPs[0] : options.via;
  if (options.viaVip && !viaAddress) throw new UsageError('the plan has no API VIP (cluster.apiVIPs): give --via <address>');
  const acceptCaSha256 = options.acceptCa !== undefined ? normalizeFingerprint(options.acceptCa) : undefined;
  const parsed = INPUT_SCHEMAS['cluster.connect'].safeParse({ sitePath, ...(viaAddress ? { viaAddress } : {}), ...(acceptCaSha256 ? { acceptCaSha256 } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0] === 'viaAddress' ? (options.viaVip ? 'the API VIP' : '--via') : issue.path[0] === 'acceptCaSha256' ? '--accept-ca' : String(issue.path[0]);
    throw new UsageError(`${flag} ${issue.message}`);
  }
  return { ...(viaAddress ? { viaAddress } : {}), ...(parsed.data.acceptCaSha256 ? { acceptCaSha256: parsed.data.acceptCaSha256 } : {}) };
}

/** The kubeconfig from --kubeconfig or --install-dir, else $KUBECONFIG (one file), at most 1 MiB. */
async function readKubeconfig(options: ClusterCommandOptions, env: NodeJS.ProcessEnv): Promise<{ text: string; from: string }> {
  if (options.installDir !== undefined) {
    if (options.kubeconfig !== undefined) throw new UsageError('--install-dir and --kubeconfig go one at a time: --install-dir reads <dir>/auth/kubeconfig');
    const folder = await readInstallFolder(path.resolve(options.installDir), { only: ['kubeconfig'] }).catch((error: unknown) => {
      throw error instanceof InstallFolderError ? new UsageError(error.message) : error;
    });
    if (folder.kubeconfig === undefined) throw new UsageError(folder.missing[0]?.message ?? `no auth/kubeconfig in ${options.installDir}`);
    return { text: folder.kubeconfig, from: path.join(options.installDir, 'auth', 'kubeconfig') };
  }
  let from = options.kubeconfig;
  if (from === undefined && env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(path.delimiter).filter(Boolean);
    if (files.length > 1) throw new UsageError(`KUBECONFIG lists ${files.length} files; give the one of this cluster with --kubeconfig <install dir>/auth/kubeconfig`);
    from = files[0];
  }
  if (!from) throw new UsageError('no kubeconfig: give --kubeconfig <install dir>/auth/kubeconfig (or set KUBECONFIG)');
  try {
    return { text: await readTextBounded(from, { maxBytes: MAX_KUBECONFIG_BYTES, what: 'a kubeconfig' }), from };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The agent API token of the install folder's state file, or why there is none. */
async function installDirToken(dir: string): Promise<{ token: string } | { problem: string }> {
  const folder = await readInstallFolder(path.resolve(dir), { only: ['agent-auth-token'] }).catch((error: unknown) => {
    throw error instanceof InstallFolderError ? new UsageError(error.message) : error;
  });
  return folder.agentToken ? { token: folder.agentToken.token } : { problem: folder.missing[0]?.message ?? 'not found' };
}

async function readSecretFile(file: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readTextBounded(file, { maxBytes: MAX_SECRET_FILE_BYTES, what: `a ${what} file` });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const value = text.replace(/[\r\n]+$/, '');
  if (!value) throw new UsageError(`the ${what} file ${file} is empty`);
  return value;
}

/** The options to repeat in a follow-up hint (never a secret: only paths and addresses). */
function hintArgs(options: ClusterCommandOptions): string[] {
  return [
    ...(options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : []),
    ...(options.installDir ? ['--install-dir', options.installDir] : []),
    ...(options.viaVip ? ['--via-vip'] : options.via ? ['--via', options.via] : []),
    ...(options.watch ? ['--watch'] : []),
    ...(options.manifests ? ['--manifests', options.manifests] : []),
  ];
}
