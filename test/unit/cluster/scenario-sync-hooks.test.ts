// The plant-a scenario's Sync hook Jobs (test/kube/scenarios/sync-hooks.ts) do what the bundle's
// Jobs do on a cluster, no more: `oc label node` on each planned node, the console plugin added
// once next to the platform's plugins; a command that fails fails the Job like the Job
// controller does; a container the scenario does not know is a gap of the scenario, not a pass.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import { startTestApiServer, type JsonObject, type TestApiServer } from '../../kube/api-server/index';
import { startPlantACluster, type PlantACluster } from '../../kube/scenarios/cluster';
import { consoleAtInstall, CONSOLE_REF } from '../../kube/scenarios/installed-config';
import { plantASite } from '../../kube/scenarios/plant-a';
import { gitopsFiles } from '../../../main/core/generate/gitops';
import { planBootstrap } from '../../../main/core/cluster/bootstrap/plan';
import { runHookJob } from '../../kube/scenarios/sync-hooks';

let server: TestApiServer | undefined;
let cluster: PlantACluster | undefined;
afterEach(async () => {
  await server?.close();
  await cluster?.close();
  server = cluster = undefined;
});

const site = plantASite();
const hookJobs = planBootstrap(gitopsFiles(site).files)
  .waves.flatMap((w) => w.applications)
  .flatMap((a) => a.objects)
  .map((o) => o.object as unknown as JsonObject)
  .filter((o) => o.kind === 'Job');
const job = (name: string) => hookJobs.find((j) => (j.metadata as { name: string }).name === name)!;
const runner = { step: async () => undefined, now: () => '2026-11-24T08:00:00Z', running: () => true };

beforeEach(async () => {
  server = await startTestApiServer();
  for (const node of site.nodes) server.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: node.hostname, labels: { 'kubernetes.io/hostname': node.hostname } } });
  server.store.put(consoleAtInstall());
  for (const j of hookJobs) server.store.put(j);
});

const labelsOf = (name: string) => (server!.store.get({ apiVersion: 'v1', kind: 'Node', name })!.metadata as { labels: Record<string, string> }).labels;
const pluginsOf = () => (server!.store.get(CONSOLE_REF)!.spec as { plugins: string[] }).plugins;
const jobStatus = (name: string) => server!.store.get({ apiVersion: 'batch/v1', kind: 'Job', name, namespace: 'openshift-storage' })!.status as JsonObject;

it('labels every planned node as `oc label --overwrite` does, and the Job completes', async () => {
  expect(await runHookJob(server!, job('sitekit-node-labels'), runner)).toEqual({ ok: true, message: 'Reached expected number of succeeded pods' });
  for (const node of site.nodes) expect(labelsOf(node.hostname)).toEqual({ 'kubernetes.io/hostname': node.hostname, 'cluster.ocs.openshift.io/openshift-storage': '' });
  const node = server!.store.get({ apiVersion: 'v1', kind: 'Node', name: 'acp-1' })!;
  expect((node.metadata as { managedFields: { manager: string }[] }).managedFields.map((m) => m.manager)).toContain('kubectl-label');
  expect(jobStatus('sitekit-node-labels')).toMatchObject({ succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', reason: 'CompletionsReached' }, { type: 'Complete', status: 'True' }] });
});

it('adds the console plugin once, after the plugins the platform enabled', async () => {
  const console = job('sitekit-odf-console-plugin');
  await runHookJob(server!, console, runner);
  await runHookJob(server!, console, runner);
  expect(pluginsOf()).toEqual(['networking-console-plugin', 'monitoring-plugin', 'odf-console']);
});

it('a command that fails fails the Job after its retries, with the Job controller’s words', async () => {
  server!.store.delete(CONSOLE_REF);
  expect(await runHookJob(server!, job('sitekit-odf-console-plugin'), runner)).toEqual({ ok: false, message: 'Job has reached the specified backoff limit' });
  expect(jobStatus('sitekit-odf-console-plugin')).toMatchObject({ failed: 1, conditions: [{ type: 'Failed', reason: 'BackoffLimitExceeded' }] });
});

it('a container it does not know is an error of the scenario', async () => {
  const unknown = structuredClone(job('sitekit-node-labels'));
  ((unknown.spec as JsonObject).template as { spec: { containers: JsonObject[] } }).spec.containers = [{ name: 'other', image: 'x', command: ['/usr/bin/true'] }];
  await expect(runHookJob(server!, unknown, runner)).rejects.toThrow(/does not know what container other of the hook Job sitekit-node-labels does/);
});

it('a hook that fails stops its Application’s sync: the wave names the failed hook Job and where to read why', async () => {
  cluster = await startPlantACluster();
  cluster.server.store.delete(CONSOLE_REF);
  const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, { timeouts: { waveMs: 1500 } });
  await cluster.scenario.idle();
  expect(result.state).toBe('failed');
  const wave = result.stages.find((s) => s.state === 'failed')!;
  const odf = wave.items?.find((i) => i.kind === 'Application' && i.name === 'site-odf');
  // Not final (Argo CD retries the sync without limit): the wave's time limit ended it.
  expect(odf?.state).toBe('running');
  expect(odf?.message).toBe(
    'Job openshift-storage/sitekit-odf-console-plugin (Sync hook of site-odf) failed: Job has reached the specified backoff limit. Argo CD retries the sync; see why with `oc logs job/sitekit-odf-console-plugin -n openshift-storage`.',
  );
  expect(odf?.fix).toMatch(/^Fix what the log says/);
});
