// Runs the test API server answering as plant-a's installed cluster, with the plant-a scenario
// playing its operators (test/integration/cluster/live-plant-a.ts), in its own process for
// Playwright (which loads specs as CommonJS; this is ES module code). Prints one JSON line when
// it is up — the site folder with site.yaml and install/auth/kubeconfig as the technician has
// them, the server's port and CA fingerprint — and takes it all down when stdin closes. A line
// `rotate-ca` on stdin makes the server show a new CA (answered with a JSON line `{caSha256}`).
// Usage: node --import tsx test/e2e/cluster-server.mts [--step-ms N] [--hold-before-wave N] [--fail-nnce NODE]
import { createInterface } from 'node:readline';
import { startLivePlantA } from '../integration/cluster/live-plant-a.ts';
import type { PlantAScenarioOptions } from '../kube/scenarios/plant-a.ts';

const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const options: PlantAScenarioOptions = {};
if (value('--step-ms')) options.stepMs = Number(value('--step-ms'));
if (value('--hold-before-wave')) options.holdBeforeWave = Number(value('--hold-before-wave'));
if (value('--fail-nnce')) options.failures = { nnceFailing: { node: value('--fail-nnce')! } };

const live = await startLivePlantA(options);
let stopping: Promise<void> | undefined;
const stop = () => {
  stopping ??= live.close().finally(() => process.exit(0));
  return stopping;
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'rotate-ca') return;
  void live.server.rotateCa().then(() => process.stdout.write(JSON.stringify({ caSha256: live.server.caSha256 }) + '\n'));
});
process.stdout.write(
  JSON.stringify({
    dir: live.dir,
    siteFile: live.siteFile,
    kubeconfigFile: live.kubeconfigFile,
    port: live.server.port,
    caSha256: live.server.caSha256,
    hostName: live.server.hostName,
  }) + '\n',
);
