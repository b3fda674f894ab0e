// Throughput of the real CLI (bin/sitekit.js: the build when there is one, else tsx):
// one process validating 1,000 different sites, process start-up included.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runQuiet } from '../process.mjs';
import { writeVariantFiles } from '../variants.mjs';

const SITES = 1000;

export default async function measure() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const example = await readFile(path.join(root, 'resources/examples/plant-a.site.yaml'), 'utf8');
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-bench-'));
  try {
    const files = await writeVariantFiles(example, SITES, dir);
    const start = performance.now();
    const { code, stderr } = await runQuiet(process.execPath, [path.join(root, 'bin/sitekit.js'), 'validate', '--json', ...files]);
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`sitekit validate exited ${code}: ${stderr.slice(0, 500)}`);
    return [{ name: 'cli-validate-1000-variants', value: SITES / seconds, unit: 'sites/s' }];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
