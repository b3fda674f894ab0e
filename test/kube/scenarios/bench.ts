// For `npm run bench` (bench/figures/cluster.mjs): the GitOps bootstrap of the plant-a bundle
// against the test API server with the simulated operators, from the first apply to every wave
// done. Server start-up (openssl certificates) is not timed; the wall time is runBootstrap's.
import { performance } from 'node:perf_hooks';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import { startPlantACluster } from './cluster';

export interface BootstrapBench {
  /** Wall time of runBootstrap, first apply to the last wave done. */
  ms: number;
  /** HTTP requests the client made (discovery, applies, LISTs, WATCHes). */
  requests: number;
}

export async function benchBootstrap(options: { stepMs?: number } = {}): Promise<BootstrapBench> {
  const cluster = await startPlantACluster({ stepMs: options.stepMs ?? 5 });
  try {
    const before = cluster.client.requests();
    const start = performance.now();
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);
    const ms = performance.now() - start;
    if (result.state !== 'done') {
      const stuck = result.stages.find((s) => s.state !== 'done');
      throw new Error(`the bootstrap did not finish: ${stuck ? `${stuck.id}: ${stuck.message}` : result.state}`);
    }
    return { ms, requests: result.requests - before };
  } finally {
    await cluster.close();
  }
}
