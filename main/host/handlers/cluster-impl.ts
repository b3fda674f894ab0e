// cluster.*: the live cluster of a site, over the same contract for the app and the web host.
// The kubeconfig is read here (bounded, path rules as for every other file the renderer names),
// checked, and kept in the secret store as `kubeconfig`, bound to the API server it names
// (secret-binding.ts) — from a file, or from the install folder together with the kubeadmin
// password and the agent API token (core/cluster/install-folder.ts), both bound to the same
// server; the kubeconfig is used only for a site whose planned API is that server
// (core/cluster/site-connection.ts) and never goes back: no answer, event or error carries it,
// and every answer is scrubbed of its key material as a last guard. Each call connects anew
// with the stored kubeconfig and the pin in .sitekit/cluster/api-pin.json, so deleting the
// secret stops all access at once. watchInstall and bootstrap run as tasks the UI may cancel
// (task-registry.ts) and report progress as `cluster.progress` events; verify and drift do too
// when given a taskId. One bootstrap per site at a time: in this host (answered at once) and
// across processes by the site's lock file (core/cluster/bootstrap-lock.ts). The agent API
// token (plain HTTP) goes only to an address of the plan's nodes or to this computer
// (core/cluster/agent-address.ts).
// cluster.verify may also read a sites-repository folder (manifestsDir) for the HA check: only a
// folder the person chose (desktop path policy), never Sitekit's own data, walked bounded by
// ha/manifest-folder.ts.
import path from 'node:path';
import type { ClusterConnectResult, ClusterInstallResult, InstallDirImport, InstallSecretName } from '../../contract/api';
import { agentTarget, mayReceiveAgentToken } from '../../core/cluster/agent-address';
import { runBootstrap } from '../../core/cluster/bootstrap/run';
import { acquireBootstrapLock, BootstrapLockError, type BootstrapLock } from '../../core/cluster/bootstrap-lock';
import { bundleGitopsFiles } from '../../core/cluster/bootstrap/plan';
import type { ClusterClient } from '../../core/cluster/client';
import { bundleObjectsOf } from '../../core/cluster/drift/bundle-objects';
import { driftCheck } from '../../core/cluster/drift/compare';
import { ClusterError, cancelledFailure, toClusterError } from '../../core/cluster/failure';
import { rendezvousAddress, type AgentApiOptions } from '../../core/cluster/install/agent-api';
import { watchInstall } from '../../core/cluster/install/watch-install';
import { ManifestFolderError, readManifestFolder, type ManifestFolder } from '../../core/cluster/ha/manifest-folder';
import { InstallFolderError, readInstallFolder, type InstallFolderContents } from '../../core/cluster/install-folder';
import { checkKubeconfig, MAX_KUBECONFIG_BYTES } from '../../core/cluster/kubeconfig';
import { apiOrigin, badKubeconfig, connectSite, kubeconfigSiteProblem, plannedRoute } from '../../core/cluster/site-connection';
import type { BootstrapProgress, ClusterFailure, ConnectResult, InstallProgress, LiveCheck } from '../../core/cluster/types';
import { kubeconfigSecrets, scrub } from '../../core/cluster/scrub';
import { saveVerification } from '../../core/cluster/verification-store';
import { verifyCluster } from '../../core/cluster/verify';
import { BoundedReadError, readFileBounded } from '../../core/fs/read-bounded';
import type { Site } from '../../core/site/schema';
import { readBinding, storeSecret, writeBinding } from '../secret-binding';
import type { SecretStore } from '../secret-store';
import { createTaskRegistry } from '../task-registry';
import { ARGOCD_PASSWORD, checkPasswordBinding, passwordDestination } from './argocd-secrets';
import { HandlerError, PLAIN_TEXT_CONSENT_LABEL, fsError, resolveAbsolute, type HandlerContext, type ImplTable } from './common';

import type { ClusterChannel } from './cluster';

export const KUBECONFIG_SECRET = 'kubeconfig';
export const KUBEADMIN_PASSWORD_SECRET = 'kubeadmin-password';
export const AGENT_TOKEN_SECRET = 'agent-auth-token';

/**
 * An unexpected error, its message and stack scrubbed of the secrets in use: the handler table
 * logs it (logError, with the stack) and answers with its message.
 */
function scrubbedError(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrub(error, secrets) : error;
  error.message = scrub(error.message, secrets);
  if (error.stack) error.stack = scrub(error.stack, secrets);
  return error;
}

function notConnected(failure: ClusterFailure | undefined, state: ConnectResult['state']): HandlerError {
  if (state === 'needs-acceptance' || state === 'pin-changed') {
    return new HandlerError('unavailable', `Not connected: ${failure?.message ?? "the API server's CA is not accepted."} Connect in the Cluster step first.`);
  }
  return new HandlerError('unavailable', failure?.message ?? 'Sitekit cannot reach the cluster: connect in the Cluster step first.');
}

export function clusterHandlers(ctx: HandlerContext): ImplTable<ClusterChannel> {
  const tasks = createTaskRegistry();
  /** The address each site was last connected through (the API VIP), by site file. */
  const routes = new Map<string, string | undefined>();
  /** The bootstrap running for each site file: one at a time (two would apply and follow the same objects). */
  const bootstraps = new Map<string, string>();

  const store = (): SecretStore => ctx.secretStore();

  /** Runs `work` as a task cluster.cancel can stop when the caller gave a taskId; else to its end. */
  const cancellable = <T>(taskId: string | undefined, work: (signal?: AbortSignal) => Promise<T>): Promise<T> =>
    taskId === undefined ? work(undefined) : tasks.run(taskId, work);

  /** The site's plan; the bundled example has no cluster (and its folder is never written: pins, verification). */
  const loadSite = async (sitePath: string) => {
    const plan = await ctx.loadPlan(resolveAbsolute(sitePath, 'sitePath'));
    if (await ctx.isExample(plan.file)) {
      throw new HandlerError('read-only', 'The bundled example is read-only and has no cluster: save it as your own site.yaml first, then connect to its cluster.');
    }
    return plan;
  };

  /** Reads the kubeconfig file the technician named: path rules, at most 1 MiB, a regular UTF-8 file. */
  const readKubeconfigFile = async (kubeconfigPath: string): Promise<string> => {
    const file = resolveAbsolute(kubeconfigPath, 'kubeconfigPath');
    const policy = ctx.deps.pathPolicy;
    if (policy && !policy.isGranted(file)) {
      throw new HandlerError('forbidden', `kubeconfigPath ${kubeconfigPath} was not chosen in Sitekit: choose the kubeconfig with "Choose…".`);
    }
    const real = await ctx.files.refusePrivate(file, 'kubeconfigPath');
    let bytes: Buffer;
    try {
      bytes = await readFileBounded(real, { maxBytes: MAX_KUBECONFIG_BYTES, what: 'a kubeconfig' });
    } catch (error) {
      if (!(error instanceof BoundedReadError)) throw error;
      if (error.problem === 'too-large') throw new HandlerError('too-large', `${file} is larger than 1 MiB: an installer's auth/kubeconfig is a few KiB; is this the right file?`);
      if (error.problem === 'folder' || error.problem === 'not-regular') throw new HandlerError('invalid-input', `${file}: ${error.reason}.`);
      throw fsError(error, file) ?? new HandlerError('io-error', `Could not read ${file}: ${error.reason}`);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new HandlerError('invalid-input', `${file} is not a text file, so it is not a kubeconfig: choose auth/kubeconfig from the install folder.`);
    }
  };

  /** Reads the install folder the technician named: path rules as for a file, each file bounded. */
  const readInstallDir = async (installDir: string): Promise<InstallFolderContents> => {
    const folder = resolveAbsolute(installDir, 'installDir');
    const policy = ctx.deps.pathPolicy;
    if (policy && !policy.isGranted(folder)) {
      throw new HandlerError('forbidden', `installDir ${installDir} was not chosen in Sitekit: choose the install folder with "Choose…".`);
    }
    try {
      // The folder was chosen as an install folder: its three known files may be read, nothing else.
      return await readInstallFolder(folder, { resolve: (file) => ctx.files.refusePrivate(file, 'installDir') });
    } catch (error) {
      if (!(error instanceof InstallFolderError)) throw error;
      throw new HandlerError(error.problem === 'not-found' ? 'not-found' : error.problem === 'permission' ? 'io-error' : 'invalid-input', error.message);
    }
  };

  /**
   * Reads the sites-repository folder the technician chose for the HA check: path rules as for the
   * install folder; anything below it in Sitekit's own data (settings, drafts, secrets) is left out.
   */
  const readManifestsDir = async (manifestsDir: string): Promise<ManifestFolder> => {
    const folder = resolveAbsolute(manifestsDir, 'manifestsDir');
    const policy = ctx.deps.pathPolicy;
    if (policy && !policy.isGranted(folder)) {
      throw new HandlerError('forbidden', `manifestsDir ${manifestsDir} was not chosen in Sitekit: choose the sites-repository folder with "Choose…".`);
    }
    await ctx.files.refusePrivate(folder, 'manifestsDir');
    const exclude = async (real: string): Promise<string | undefined> => {
      try {
        await ctx.files.refusePrivate(real, 'manifestsDir');
        return undefined;
      } catch {
        return "it is Sitekit's own data (settings, drafts, secrets), which is never read for a call";
      }
    };
    try {
      return await readManifestFolder(folder, { exclude });
    } catch (error) {
      if (!(error instanceof ManifestFolderError)) throw error;
      throw new HandlerError(
        error.problem === 'not-found' ? 'not-found' : error.problem === 'too-large' ? 'too-large' : error.problem === 'permission' ? 'io-error' : 'invalid-input',
        error.message,
      );
    }
  };

  /** The kubeconfig's API server origin when it is usable for this site, else why not. */
  const kubeconfigFor = (text: string, site: Site): { origin: string } | { failure: ClusterFailure } => {
    let server: string;
    try {
      server = checkKubeconfig(text).server;
    } catch (error) {
      // The file is not a usable kubeconfig (the sentence names the field, never a value).
      return { failure: toClusterError(error).failure };
    }
    const problem = kubeconfigSiteProblem({ server }, site);
    if (problem) return { failure: badKubeconfig(problem) };
    const origin = apiOrigin(server);
    return origin ? { origin } : { failure: badKubeconfig('The kubeconfig names no https:// API server: choose the auth/kubeconfig of the install.') };
  };

  /** A store that cannot encrypt keeps nothing without the person's consent. */
  const refusePlainText = (allowPlainText: boolean | undefined, what: string) => {
    const secretStore = store();
    if (secretStore.protection() === 'basic_text' && allowPlainText !== true) {
      const why = secretStore.protectionWarning() ?? 'This computer has no system key ring, so secrets would be kept without real encryption.';
      throw new HandlerError('forbidden', `Sitekit did not store ${what}. ${why} Tick "${PLAIN_TEXT_CONSENT_LABEL}" to store it anyway.`);
    }
  };

  /** The stored agent API token, unless it came with the install folder of another cluster. */
  const agentTokenFor = async (site: Site): Promise<{ token?: string; elsewhere?: string[] }> => {
    const secrets = ctx.deps.secrets;
    const token = secrets ? await secrets.get(AGENT_TOKEN_SECRET) : undefined;
    if (!secrets || !token) return {};
    const bound = await readBinding(secrets, AGENT_TOKEN_SECRET);
    if (bound && !bound.some((origin) => kubeconfigSiteProblem({ server: origin }, site) === undefined)) return { token, elsewhere: bound };
    return { token };
  };

  /** The stored kubeconfig, checked against its binding; a failure in words when there is none to use. */
  const storedKubeconfig = async (): Promise<{ text: string } | { failure: ClusterFailure }> => {
    const text = await store().get(KUBECONFIG_SECRET);
    if (!text) {
      return {
        failure: {
          kind: 'no-kubeconfig',
          message: "No kubeconfig is stored yet: import the install's auth/kubeconfig (the Cluster step, or kubeconfigPath).",
          retryable: false,
        },
      };
    }
    let origin: string | undefined;
    try {
      origin = apiOrigin(checkKubeconfig(text).server);
    } catch (error) {
      return { failure: toClusterError(error).failure };
    }
    if (!origin) return { failure: badKubeconfig('The stored kubeconfig names no https:// API server: import the auth/kubeconfig of the install again.') };
    const bound = await readBinding(store(), KUBECONFIG_SECRET);
    if (bound === undefined) {
      // Stored without Sitekit's import (secrets.set): it names its own server; bind it there.
      await writeBinding(store(), KUBECONFIG_SECRET, [origin]);
    } else if (!bound.includes(origin)) {
      return { failure: badKubeconfig(`The stored kubeconfig was imported for ${bound.join(', ')} but now names ${origin}: import the auth/kubeconfig of the install again.`) };
    }
    return { text };
  };

  /** Connects to the site's cluster with the stored kubeconfig and pin, or says why not. */
  const connected = async (file: string, site: Site, signal?: AbortSignal): Promise<{ client: ClusterClient; kubeconfig: string; result: ConnectResult }> => {
    const kubeconfig = await storedKubeconfig();
    if ('failure' in kubeconfig) throw notConnected(kubeconfig.failure, 'failed');
    const viaAddress = routes.get(file);
    const outcome = await connectSite({ siteDir: path.dirname(file), site, kubeconfigText: kubeconfig.text, ...(viaAddress ? { viaAddress } : {}), ...(signal ? { signal } : {}) }).catch(
      (error: unknown) => {
        throw new HandlerError('io-error', scrub((error as Error).message, kubeconfigSecrets(kubeconfig.text)));
      },
    );
    if (!outcome.client) throw new HandlerError('unavailable', scrub(notConnected(outcome.result.failure, outcome.result.state).message, kubeconfigSecrets(kubeconfig.text)));
    return { client: outcome.client, kubeconfig: kubeconfig.text, result: outcome.result };
  };

  /** Turns what the cluster code threw into an answer without any secret. */
  const clusterFailure = (error: unknown, secrets: readonly string[]): never => {
    if (error instanceof HandlerError) throw error;
    if (error instanceof ClusterError) throw new HandlerError('unavailable', scrub(error.failure.message, secrets));
    throw scrubbedError(error, secrets);
  };

  return {
    'cluster.connect': async ({ sitePath, kubeconfigPath, installDir, viaAddress, acceptCaSha256, allowPlainText }): Promise<ClusterConnectResult> => {
      const plan = await loadSite(sitePath);
      const failed = (failure: ClusterFailure): ConnectResult => ({ state: 'failed', route: plannedRoute(plan.site, viaAddress), failure });
      let text: string;
      let imported: InstallDirImport | undefined;
      // Everything read from files: never in an answer (the last guard scrubs it).
      const read: string[] = [];
      if (installDir !== undefined) {
        const folder = await readInstallDir(installDir);
        // (A very short password is not scrubbed: it would garble every sentence it happens to be in.)
        read.push(...[folder.kubeadminPassword, folder.agentToken?.token].filter((v): v is string => v !== undefined && v.length >= 8));
        imported = {
          folder: installDir,
          stored: [],
          missing: folder.missing,
          ...(folder.agentToken ? { agentTokenField: folder.agentToken.field } : {}),
        };
        if (folder.kubeconfig === undefined) {
          // Without the kubeconfig nothing shows the folder is this site's: nothing is kept.
          const failure: ClusterFailure = {
            kind: 'no-kubeconfig',
            message: `Nothing was kept from ${installDir}: it has no usable auth/kubeconfig. Choose the folder \`openshift-install agent create image\` ran in.`,
            retryable: false,
          };
          return scrub({ ...failed(failure), installDir: imported }, read);
        }
        text = folder.kubeconfig;
        read.push(...kubeconfigSecrets(text));
        const usable = kubeconfigFor(text, plan.site);
        if ('failure' in usable) return scrub({ ...failed({ ...usable.failure, message: `Nothing was kept from ${installDir}. ${usable.failure.message}` }), installDir: imported }, read);
        const found: Array<[InstallSecretName, string | undefined]> = [
          [KUBECONFIG_SECRET, text],
          [KUBEADMIN_PASSWORD_SECRET, folder.kubeadminPassword],
          [AGENT_TOKEN_SECRET, folder.agentToken?.token],
        ];
        const keep = found.filter((entry): entry is [InstallSecretName, string] => entry[1] !== undefined);
        refusePlainText(allowPlainText, `what the install folder holds (${keep.map(([name]) => name).join(', ')})`);
        // All bound to the API server of the kubeconfig: they belong to that cluster.
        for (const [name, value] of keep) {
          await storeSecret(store(), name, value, [usable.origin]);
          imported.stored.push(name);
        }
      } else if (kubeconfigPath !== undefined) {
        text = await readKubeconfigFile(kubeconfigPath);
        const usable = kubeconfigFor(text, plan.site);
        // Not stored: the file is not a usable kubeconfig for this site.
        if ('failure' in usable) return failed(usable.failure);
        refusePlainText(allowPlainText, 'the kubeconfig');
        await storeSecret(store(), KUBECONFIG_SECRET, text, [usable.origin]);
      } else {
        const stored = await storedKubeconfig();
        if ('failure' in stored) return failed(stored.failure);
        text = stored.text;
      }
      const secrets = [...kubeconfigSecrets(text), ...read];
      const withImport = (result: ConnectResult): ClusterConnectResult => scrub(imported ? { ...result, installDir: imported } : result, secrets);
      let outcome;
      try {
        outcome = await connectSite({
          siteDir: path.dirname(plan.file),
          site: plan.site,
          kubeconfigText: text,
          ...(viaAddress ? { viaAddress } : {}),
          ...(acceptCaSha256 ? { acceptCaSha256 } : {}),
        });
      } catch (error) {
        // The pin file cannot be read or written: never taken for "no pin".
        throw new HandlerError('io-error', scrub((error as Error).message, secrets));
      }
      if (outcome.result.state === 'connected') routes.set(plan.file, viaAddress);
      return withImport(outcome.result);
    },

    'cluster.watchInstall': async ({ sitePath, taskId, agentAddress }): Promise<ClusterInstallResult> => {
      const plan = await loadSite(sitePath);
      const site = plan.site;
      const { token, elsewhere } = await agentTokenFor(site);
      const secrets = token ? [token] : [];
      return tasks.run(taskId, async (signal) => {
        // The cluster may not answer yet (or no kubeconfig is stored): then the agent API alone.
        let cluster: ClusterClient | undefined;
        try {
          const opened = await connected(plan.file, site, signal);
          cluster = opened.client;
          secrets.push(...kubeconfigSecrets(opened.kubeconfig));
        } catch (error) {
          if (!(error instanceof HandlerError) || !(agentAddress ?? rendezvousAddress(site))) throw error;
        }
        // The plan's rendezvous host is asked while the cluster does not answer yet; once it
        // does, the cluster is the source unless the technician named the agent API.
        const address = agentAddress ?? (cluster ? undefined : rendezvousAddress(site));
        if (address && elsewhere) {
          throw new HandlerError(
            'invalid-input',
            `The stored agent API token came with the install folder of ${elsewhere.join(', ')}, not this site's cluster: choose this site's install folder in the Cluster step, then watch again.`,
          );
        }
        // The token travels in a plain HTTP header: only to the plan's nodes or a tunnel on this computer.
        if (address && token && !mayReceiveAgentToken(agentTarget(address).address, site)) {
          throw new HandlerError(
            'invalid-input',
            `Sitekit sends the agent API token only to an address of this site's nodes (the rendezvous host is ${rendezvousAddress(site) ?? 'the first node'}) or to this computer (an SSH tunnel to it), and ${address} is neither: ` +
              "give the rendezvous host's address from the plan, or forward its port 8090 to this computer (ssh -L 8090:<rendezvous IP>:8090 core@<rendezvous IP>) and give 127.0.0.1:8090.",
          );
        }
        let last: InstallProgress | undefined;
        let lastChecks: LiveCheck[] = [];
        const agent: AgentApiOptions | undefined = address
          ? { ...agentTarget(address), ...(token && !elsewhere ? { authToken: token } : {}), openshiftVersion: site.cluster.openshiftVersion, clusterName: site.cluster.name }
          : undefined;
        try {
          const result = await watchInstall({
            site,
            ...(agent ? { agent } : {}),
            ...(cluster ? { cluster } : {}),
            signal,
            onProgress: (install) => {
              last = install;
              ctx.emit('cluster.progress', scrub({ taskId, install }, secrets));
            },
            onChecks: (checks) => {
              lastChecks = checks;
              ctx.emit('cluster.progress', scrub({ taskId, checks }, secrets));
            },
          });
          return scrub({ progress: result.progress, checks: result.checks ?? lastChecks }, secrets);
        } catch (error) {
          const failure = error instanceof ClusterError ? error.failure : signal.aborted ? cancelledFailure() : undefined;
          if (!failure) throw error instanceof HandlerError ? error : scrubbedError(error, secrets);
          // Cancelled (or the cluster failed): the last progress, with why it stopped.
          const progress: InstallProgress = {
            ...(last ?? { source: 'none', overall: { state: 'unknown', message: failure.message }, nodes: [] }),
            at: new Date().toISOString(),
            failure,
          };
          return scrub({ progress, checks: lastChecks }, secrets);
        }
      });
    },

    'cluster.bootstrap': async ({ sitePath, taskId, allowPasswordFor }) => {
      const plan = await loadSite(sitePath);
      const site = plan.site;
      let repoPassword: string | undefined;
      const credentials = site.gitops?.credentials;
      if (credentials) {
        const destination = passwordDestination(site.gitops!.repoURL);
        if ('problem' in destination) throw new HandlerError('invalid-site', `GitOps was not bootstrapped: ${destination.problem}.`);
        const ref = credentials.password.secretRef;
        if (ref !== ARGOCD_PASSWORD) {
          throw new HandlerError(
            'invalid-site',
            `GitOps was not bootstrapped: gitops.credentials.password.secretRef (/gitops/credentials/password/secretRef) is ${ref}, which is not the Argo CD read password. ` +
              'Store the Git password in the GitOps step (Password or read-only token): it is kept as gitops-repo-password and the plan then refers to it.',
          );
        }
        repoPassword = (await store().get(ref)) || undefined;
        // Argo CD sends it to the plan's repository: only where it is bound (or confirmed now).
        if (repoPassword) await checkPasswordBinding(store(), ref, destination.origin, allowPasswordFor);
      }
      const bundle = bundleGitopsFiles(site);
      const running = bootstraps.get(plan.file);
      if (running !== undefined) {
        throw new HandlerError(
          'invalid-input',
          `The GitOps bootstrap of ${plan.file} is already running (task ${running}): wait for it to end, or stop it, before starting it again.`,
        );
      }
      bootstraps.set(plan.file, taskId);
      // Across processes too (another window's host, `sitekit cluster bootstrap`): the site's lock file.
      let lock: BootstrapLock;
      try {
        lock = await acquireBootstrapLock(path.dirname(plan.file), { by: 'app', siteName: site.metadata.name });
      } catch (error) {
        if (bootstraps.get(plan.file) === taskId) bootstraps.delete(plan.file);
        if (error instanceof BootstrapLockError) throw new HandlerError(error.problem === 'held' ? 'invalid-input' : 'io-error', error.message);
        throw error;
      }
      const release = async () => {
        await lock.release();
        if (bootstraps.get(plan.file) === taskId) bootstraps.delete(plan.file);
      };
      // A stale lock taken over is said in every progress and the answer.
      const noticed = (progress: BootstrapProgress): BootstrapProgress => (lock.tookOver ? { ...progress, notices: [...(progress.notices ?? []), lock.tookOver] } : progress);
      // Cancelled or failed, the task ends here: the lock goes with it.
      return tasks.run(taskId, async (signal) => {
        const { client, kubeconfig } = await connected(plan.file, site, signal);
        const secrets = [...kubeconfigSecrets(kubeconfig), ...(repoPassword ? [repoPassword] : [])];
        try {
          const progress = await runBootstrap(client, bundle, site, {
            signal,
            ...(repoPassword ? { repoPassword } : {}),
            onProgress: (bootstrap) => ctx.emit('cluster.progress', scrub({ taskId, bootstrap: noticed(bootstrap) }, secrets)),
          });
          return scrub(noticed(progress), secrets);
        } catch (error) {
          return clusterFailure(error, secrets);
        }
      }).finally(release);
    },

    'cluster.verify': async ({ sitePath, manifestsDir, taskId }) => {
      const plan = await loadSite(sitePath);
      // Before connecting: a folder that cannot be used is refused without touching the cluster.
      const manifests = manifestsDir === undefined ? undefined : await readManifestsDir(manifestsDir);
      return cancellable(taskId, async (signal) => {
        const { client, kubeconfig, result } = await connected(plan.file, plan.site, signal);
        const secrets = kubeconfigSecrets(kubeconfig);
        try {
          const verification = scrub(
            await verifyCluster(client, plan.site, {
              ...(signal ? { signal } : {}),
              ...(result.kubernetesVersion ? { kubernetesVersion: result.kubernetesVersion } : {}),
              ...(manifests ? { manifests: manifests.files, manifestsFrom: { dir: manifests.dir, skipped: manifests.skipped } } : {}),
            }),
            secrets,
          );
          await saveVerification(path.dirname(plan.file), verification).catch((error: unknown) => {
            throw fsError(error, path.dirname(plan.file)) ?? error;
          });
          return verification;
        } catch (error) {
          return clusterFailure(error, secrets);
        }
      });
    },

    'cluster.drift': async ({ sitePath, taskId }) => {
      const plan = await loadSite(sitePath);
      return cancellable(taskId, async (signal) => {
        const { client, kubeconfig } = await connected(plan.file, plan.site, signal);
        const secrets = kubeconfigSecrets(kubeconfig);
        try {
          return scrub(await driftCheck(client, bundleObjectsOf(bundleGitopsFiles(plan.site)), signal ? { signal } : {}), secrets);
        } catch (error) {
          return clusterFailure(error, secrets);
        }
      });
    },

    'cluster.cancel': async ({ taskId }) => tasks.cancel(taskId),
  };
}

