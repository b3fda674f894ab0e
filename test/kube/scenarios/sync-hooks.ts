// The bundle's Argo CD Sync hook Jobs, run as the cluster runs them: the Job controller starts
// the pod, its containers do what their command says, the Job ends Complete (or Failed once its
// retries are used up). Only what the bundle's hooks run is known here (core/generate/gitops:
// odf.ts node-labels, odf-console.ts console-plugin); another Job is a gap of the scenario and
// throws, so a new hook cannot go unplayed.
//
// - `oc label node <host> k=v … [--overwrite]`: kubectl's label command (oc embeds it): a JSON
//   merge patch of metadata.labels with field manager "kubectl-label"; an unknown node is
//   `Error from server (NotFound): nodes "<host>" not found`; without --overwrite a different
//   value is refused ("'k' already has a value (v), and --overwrite is false").
// - the console plugin script (`bash -c … enable-console-plugin <plugin>`): reads
//   consoles.operator.openshift.io cluster, leaves a list that has the plugin alone, else adds it
//   at the end (`oc patch --type=merge`, field manager "kubectl-patch").
// Job status as the Job controller of Kubernetes 1.31 (OpenShift 4.18) writes it: active/ready/
// startTime while the pod runs; then succeeded 1 with the SuccessCriteriaMet and Complete
// conditions (reason CompletionsReached, "Reached expected number of succeeded pods"), or
// failed 1 with Failed (reason BackoffLimitExceeded, "Job has reached the specified
// backoff limit"): k8s.io/api batch/v1 types.go JobReasonCompletionsReached /
// JobReasonBackoffLimitExceeded, pkg/controller/job/job_controller.go.
import type { JsonObject, TestApiServer } from '../api-server/index';
import { CONSOLE_REF } from './installed-config';

type Json = Record<string, unknown>;

interface Container {
  name: string;
  command: string[];
  args: string[];
}

export interface HookOutcome {
  ok: boolean;
  /** What Argo CD shows for the hook (the Job's condition message). */
  message: string;
}

export interface HookRunner {
  /** Waits one controller step (the scenario's pause). */
  step(): Promise<void>;
  now(): string;
  /** False once the scenario stopped: write nothing more. */
  running(): boolean;
}

class CommandFailed extends Error {}

function containersOf(job: JsonObject): Container[] {
  const template = ((job.spec as Json | undefined)?.template ?? {}) as Json;
  const pod = (template.spec ?? {}) as { containers?: Json[] };
  return (pod.containers ?? []).map((c) => ({
    name: String(c.name),
    command: Array.isArray(c.command) ? c.command.map(String) : [],
    args: Array.isArray(c.args) ? c.args.map(String) : [],
  }));
}

function ocLabelNode(server: TestApiServer, args: string[]): void {
  const [verb, resource, host, ...rest] = args;
  if (verb !== 'label' || resource !== 'node' || !host) throw new Error(`the scenario does not play \`oc ${args.join(' ')}\``);
  const ref = { apiVersion: 'v1', kind: 'Node', name: host };
  const node = server.store.get(ref);
  if (!node) throw new CommandFailed(`Error from server (NotFound): nodes "${host}" not found`);
  const overwrite = rest.includes('--overwrite');
  const labels = ((node.metadata as { labels?: Record<string, string> }).labels ?? {}) as Record<string, string>;
  const patch: Record<string, string | null> = {};
  for (const arg of rest.filter((a) => !a.startsWith('--'))) {
    if (arg.endsWith('-') && !arg.includes('=')) {
      patch[arg.slice(0, -1)] = null;
      continue;
    }
    const at = arg.indexOf('=');
    const [key, value] = [arg.slice(0, at), arg.slice(at + 1)];
    if (!overwrite && key in labels && labels[key] !== value) throw new CommandFailed(`error: '${key}' already has a value (${labels[key]}), and --overwrite is false`);
    patch[key] = value;
  }
  server.store.patch(ref, { metadata: { labels: patch } }, { manager: 'kubectl-label' });
}

function enableConsolePlugin(server: TestApiServer, plugin: string): void {
  const console = server.store.get(CONSOLE_REF);
  if (!console) throw new CommandFailed(`Error from server (NotFound): consoles.operator.openshift.io "${CONSOLE_REF.name}" not found`);
  const enabled = ((console.spec as { plugins?: string[] } | undefined)?.plugins ?? []).filter(Boolean);
  if (enabled.includes(plugin)) return;
  server.store.patch(CONSOLE_REF, { spec: { plugins: [...enabled, plugin] } }, { manager: 'kubectl-patch' });
}

/** What one container does to the cluster; throws CommandFailed when its command exits non-zero. */
function runContainer(server: TestApiServer, container: Container, job: string): void {
  const { command, args } = container;
  if (command.length === 1 && command[0] === 'oc') return ocLabelNode(server, args);
  const script = command[0]?.endsWith('bash') && command[1] === '-c' ? (command[2] ?? '') : '';
  if (script.includes('oc patch consoles.operator.openshift.io cluster') && args[0]) return enableConsolePlugin(server, args[0]);
  throw new Error(`the scenario does not know what container ${container.name} of the hook Job ${job} does: teach test/kube/scenarios/sync-hooks.ts`);
}

/** Runs a Sync hook Job Argo CD just created; resolves with its outcome once the Job ended. */
export async function runHookJob(server: TestApiServer, job: JsonObject, runner: HookRunner): Promise<HookOutcome> {
  const metadata = job.metadata as { name: string; namespace?: string };
  const ref = { apiVersion: 'batch/v1', kind: 'Job', name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
  const setStatus = (status: Json) => {
    if (runner.running()) server.store.setStatus(ref, status as JsonObject, { manager: 'kube-controller-manager' });
  };
  const startTime = runner.now();
  const base = { ready: 0, startTime, terminating: 0, uncountedTerminatedPods: {} };
  await runner.step();
  setStatus({ ...base, active: 1 });
  await runner.step();
  let failure: string | undefined;
  for (const container of containersOf(job)) {
    try {
      if (runner.running()) runContainer(server, container, metadata.name);
    } catch (error) {
      if (!(error instanceof CommandFailed)) throw error;
      failure ??= error.message;
    }
  }
  const at = runner.now();
  const condition = (type: string, reason: string, message: string) => ({ lastProbeTime: at, lastTransitionTime: at, message, reason, status: 'True', type });
  if (failure !== undefined) {
    // restartPolicy OnFailure: the container restarts in its pod until the restarts reach
    // backoffLimit; then the Job controller ends the pod and fails the Job.
    const message = 'Job has reached the specified backoff limit';
    setStatus({ ...base, failed: 1, conditions: [condition('Failed', 'BackoffLimitExceeded', message)] });
    return { ok: false, message };
  }
  const message = 'Reached expected number of succeeded pods';
  setStatus({
    ...base,
    completionTime: at,
    succeeded: 1,
    conditions: [condition('SuccessCriteriaMet', 'CompletionsReached', message), condition('Complete', 'CompletionsReached', message)],
  });
  return { ok: true, message };
}
