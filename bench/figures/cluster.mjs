// The live-cluster work against the test API server (test/kube/api-server: real HTTPS on
// loopback, the real @kubernetes/client-node): the GitOps bootstrap of the plant-a bundle with the
// simulated operators of test/kube/scenarios/plant-a.ts, from the first apply to every wave done
// (wall time and HTTP requests made), and the drift check of a 200-object bundle. The simulated
// operators answer at once, so the wall time is Sitekit's own work plus the round trips, not a
// real cluster's reconcile time. Each time figure is the median of several runs.
import { tsImport } from 'tsx/esm/api';

const RUNS = 5;

export default async function measure() {
  const { benchBootstrap } = await tsImport('../../test/kube/scenarios/bench.ts', import.meta.url);
  const { benchDrift } = await tsImport('../../test/kube/scenarios/bench-drift.ts', import.meta.url);
  const boot = [];
  for (let i = 0; i < RUNS; i++) boot.push(await benchBootstrap());
  const drift = [];
  for (let i = 0; i < RUNS; i++) drift.push(await benchDrift());
  const bootMedian = median(boot.map((r) => r.ms));
  const driftMedian = median(drift.map((r) => r.ms));
  return [
    { name: 'cluster-bootstrap-plant-a-wall', value: bootMedian, unit: 'ms' },
    { name: 'cluster-bootstrap-plant-a-requests', value: median(boot.map((r) => r.requests)), unit: 'requests' },
    { name: `cluster-drift-${drift[0].objects}-objects-wall`, value: driftMedian, unit: 'ms' },
    { name: `cluster-drift-${drift[0].objects}-objects-requests`, value: median(drift.map((r) => r.requests)), unit: 'requests' },
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
