// Bundle generation (issue 3 §5): the in-process median of generateBundle on the reference
// example (parsed plan and findings given, CRD validators compiled by the warm-up), the real
// CLI generating 1,000 different sites in one process (start-up, checks, writes included),
// and the size of one bundle.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';
import { runQuiet } from '../process.mjs';
import { writeVariantFiles } from '../variants.mjs';

const RUNS = 100;
const WARM_UP = 20;
const SITES = 1000;

export default async function measure() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const text = await readFile(path.join(root, 'resources/examples/plant-a.site.yaml'), 'utf8');
  const { checkSiteText } = await tsImport('../../main/core/site/check.ts', import.meta.url);
  const { generateBundle } = await tsImport('../../main/core/generate/bundle/index.ts', import.meta.url);
  const check = checkSiteText(text);
  if (check.status !== 'ok') throw new Error(`the example did not check: ${check.status}`);
  const generate = () => generateBundle(check.site, { siteText: text, findings: check.findings, toolVersion: 'bench', now: new Date(0) });
  for (let i = 0; i < WARM_UP; i++) generate();
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = generate();
    times.push(performance.now() - start);
  }
  if (result.refused) throw new Error('the example was refused');
  times.sort((a, b) => a - b);
  const bytes = result.files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);

  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-bench-generate-'));
  try {
    const files = await writeVariantFiles(text, SITES, dir);
    const start = performance.now();
    const { code, stderr } = await runQuiet(process.execPath, [path.join(root, 'bin/sitekit.js'), 'generate', '-o', path.join(dir, 'out'), ...files]);
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`sitekit generate exited ${code}: ${stderr.slice(0, 500)}`);
    return [
      { name: 'generate-bundle-median', value: times[Math.floor(times.length / 2)], unit: 'ms' },
      { name: 'cli-generate-1000-variants', value: SITES / seconds, unit: 'sites/s' },
      { name: 'bundle-size', value: bytes / 1024, unit: 'KiB' },
      { name: 'bundle-files', value: result.files.length, unit: 'files' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
