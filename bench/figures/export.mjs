// Git export (issue 6 §4): the median time to commit the example's bundle into a local clone
// (generate, scan, write, stage, commit — each run a real change, so each makes a commit),
// and the median time to push one such commit to the local `git http-backend` server.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const RUNS = 9;
const TOKEN = 'bench-token-0123456789';
const AUTHOR = { name: 'Bench', email: 'bench@example.com' };

// Rounded to 0.1 ms: run.mjs's format turns a value that rounds to 100 at three digits
// (e.g. 99.97 → "100" → "1") into the wrong number.
const median = (values) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] * 10) / 10;

export default async function measure() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const text = await readFile(path.join(root, 'resources/examples/plant-a.site.yaml'), 'utf8');
  const { checkSiteText } = await tsImport('../../main/core/site/check.ts', import.meta.url);
  const { exportSite, openRepository, pushSite } = await tsImport('../../main/core/export/index.ts', import.meta.url);
  const { startGitServer } = await tsImport('../../test/helpers/git-server.ts', import.meta.url);

  const server = await startGitServer({ token: TOKEN });
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-bench-export-'));
  try {
    await server.createRepo('sites');
    const clone = path.join(dir, 'clone');
    await openRepository(clone, { url: server.url('sites'), credentials: { token: TOKEN } });
    const commitTimes = [];
    const pushTimes = [];
    for (let i = 0; i <= RUNS; i++) {
      // A different location each run: a real one-file change to commit and push.
      const siteText = text.replace('Plant A, hall 3, rack row C', `Plant A, hall ${i}`);
      const check = checkSiteText(siteText);
      if (check.status !== 'ok') throw new Error(`the example did not check: ${check.status}`);
      const start = performance.now();
      const result = await exportSite({ dir: clone, site: check.site, siteText, findings: check.findings, toolVersion: 'bench', author: AUTHOR });
      const committed = performance.now();
      if (result.status !== 'committed') throw new Error(`export ${i}: ${result.status}`);
      const pushed = await pushSite({ dir: clone, branch: result.branch, token: TOKEN });
      const done = performance.now();
      if (pushed.status !== 'pushed') throw new Error(`push ${i}: ${pushed.status}`);
      if (i === 0) continue; // warm-up: first clone of the branch, module loading
      commitTimes.push(committed - start);
      pushTimes.push(done - committed);
    }
    return [
      { name: 'export-commit', value: median(commitTimes), unit: 'ms' },
      { name: 'export-push', value: median(pushTimes), unit: 'ms' },
    ];
  } finally {
    await server.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
