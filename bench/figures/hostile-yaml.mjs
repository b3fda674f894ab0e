// Texts built to stall or exhaust the check (issue 12 §2): the 2 MB plan with 120k keys that
// once froze the web host for minutes, and for each kind of hostile text the largest one the
// YAML limits (main/core/site/yaml-parse.ts) still let through — as many keys, list entries,
// parse errors, escapes, aliases, nodes or overlapping networks as possible. Each is checked
// in-process after a warm-up (best of three); the figure is the slowest, which must be
// refused or checked in ≤ 1 s.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const RUNS = 3;
const WARM_UP = 20;

export default async function measure() {
  const { checkSiteText } = await tsImport('../../main/core/site/check.ts', import.meta.url);
  const { isYamlLimitError, parseYaml } = await tsImport('../../main/core/site/yaml-parse.ts', import.meta.url);
  const example = await readFile(new URL('../../resources/examples/plant-a.site.yaml', import.meta.url), 'utf8');
  for (let i = 0; i < WARM_UP; i++) checkSiteText(example);

  const time = (text) => {
    let best = Infinity;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      checkSiteText(text);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const withinLimits = (text) => !isYamlLimitError(parseYaml(text).errors[0]);

  const attack = time(inMetadata(example, lines(120_000, (i) => `  k${i}: v`)));
  let worst = { name: '', ms: -1 };
  for (const [name, [build, most]] of Object.entries(hostileKinds(example))) {
    // The largest count the limits let through (binary search; refused above it).
    let low = 1;
    let high = most;
    if (withinLimits(build(high))) low = high;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (withinLimits(build(mid))) low = mid;
      else high = mid;
    }
    const ms = time(build(low));
    if (ms > worst.ms) worst = { name: `${name}: ${low}`, ms };
  }
  if (worst.ms > 1000) throw new Error(`${worst.name} took ${Math.round(worst.ms)} ms to check (the limit is 1 s)`);
  return [
    { name: 'hostile-yaml-120k-keys', value: attack, unit: 'ms' },
    { name: 'hostile-yaml-worst', value: worst.ms, unit: `ms (${worst.name})` },
  ];
}

function lines(count, line) {
  return Array.from({ length: count }, (_, i) => `${line(i)}\n`).join('');
}

function inMetadata(example, text) {
  return example.replace('metadata:\n', `metadata:\n${text}`);
}

/** Each kind of hostile text as [text of size n, an n above every limit]. */
function hostileKinds(example) {
  const [head, rest] = example.split('\nnodes:\n');
  const firstNode = rest.split('\nodf:\n')[0].split(/\n(?= {2}- hostname)/)[0];
  const tail = `\nodf:\n${rest.split('\nodf:\n')[1]}`;
  const nodes = (count, same) =>
    `${head}\nnodes:\n` +
    lines(count, (i) =>
      firstNode
        .replaceAll('acp-1', `acp-${i + 1}`)
        .replaceAll('10.10.0.11', same ? '10.10.0.11' : `10.10.${(11 + i) >> 8}.${(11 + i) & 255}`)
        .replaceAll(':01:0', same ? ':01:0' : `:${(i & 255).toString(16).padStart(2, '0')}:0`),
    ) +
    tail;
  const networks = (count, overlapping) =>
    example.replace(
      'networks:\n',
      'networks:\n' +
        lines(
          count,
          (i) =>
            `  - name: n${i}\n    role: vm\n    vlan: ${(i % 4000) + 1}\n    subnet: ${overlapping ? '10.10.0.0/16' : `10.${(i >> 8) + 128}.${i & 255}.0/24`}`,
        ),
    );
  const numbers = (n) => Array.from({ length: n }, (_, i) => i).join(',');
  return {
    'unknown keys': [(n) => inMetadata(example, lines(n, (i) => `  k${i}: v`)), 100_000],
    'duplicate keys': [(n) => inMetadata(example, lines(n, () => '  k: v')), 100_000],
    'long list': [(n) => inMetadata(example, `  x:\n${lines(n, (i) => `    - ${i}`)}`), 100_000],
    'wide flow list': [(n) => inMetadata(example, `  x: [${numbers(n)}]\n`), 100_000],
    'a parse error per line': [(n) => inMetadata(example, `  x:\n${'a\n'.repeat(n)}`), 100_000],
    'escapes': [(n) => inMetadata(example, `  x: "${'a\\n'.repeat(n)}"\n`), 1_000_000],
    'one long value': [(n) => inMetadata(example, `  x: ${'ab'.repeat(n)}\n`), 2_000_000],
    'anchors and aliases': [(n) => inMetadata(example, lines(n, (i) => `  a${i}: &a${i} v\n  b${i}: *a${i}`)), 10_000],
    'one anchor, many aliases': [(n) => inMetadata(example, `  big: &big [${numbers(100)}]\n${lines(n, (i) => `  y${i}: *big`)}`), 10_000],
    'nodes': [(n) => nodes(n, false), 2_000],
    'identical nodes': [(n) => nodes(n, true), 2_000],
    'broken nodes': [(n) => nodes(n, false).replaceAll('mac: "', 'mac: "zz').replaceAll('10.10.', '999.10.'), 2_000],
    'overlapping networks': [(n) => networks(n, true), 10_000],
    'networks': [(n) => networks(n, false), 10_000],
  };
}
