// Throughput of the real CLI (bin/sitekit.js: the build when there is one, else tsx):
// one process validating 1,000 different sites, process start-up included.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { variantOf } from '../variants.mjs';

const SITES = 1000;

export default async function measure() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const example = await readFile(path.join(root, 'resources/examples/plant-a.site.yaml'), 'utf8');
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-bench-'));
  try {
    const files = [];
    for (let i = 0; i < SITES; i++) {
      const file = path.join(dir, `site-${String(i).padStart(4, '0')}.yaml`);
      await writeFile(file, variantOf(example, i));
      files.push(file);
    }
    const start = performance.now();
    const { code, stderr } = await run(process.execPath, [path.join(root, 'bin/sitekit.js'), 'validate', '--json', ...files]);
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`sitekit validate exited ${code}: ${stderr.slice(0, 500)}`);
    return [{ name: 'cli-validate-1000-variants', value: SITES / seconds, unit: 'sites/s' }];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
