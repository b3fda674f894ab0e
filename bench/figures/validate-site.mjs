// In-process cost of checking one site: parse + schema + every rule + positions, on the
// reference example, after a warm-up so the JIT has settled.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const RUNS = 200;
const WARM_UP = 50;

export default async function measure() {
  const { checkSiteText } = await tsImport('../../main/core/site/check.ts', import.meta.url);
  const text = await readFile(new URL('../../resources/examples/plant-a.site.yaml', import.meta.url), 'utf8');
  for (let i = 0; i < WARM_UP; i++) checkSiteText(text);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = checkSiteText(text);
    times.push(performance.now() - start);
    if (result.status !== 'ok') throw new Error(`the example did not check: ${result.status}`);
  }
  times.sort((a, b) => a - b);
  return [{ name: 'validate-site-median', value: times[Math.floor(times.length / 2)], unit: 'ms' }];
}
