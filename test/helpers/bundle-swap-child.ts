// A Sitekit writer to be killed: run by test/integration/bundle-crash.test.ts through tsx.
//   bundle-swap-child.ts <target> <tag> <swap point>   writes bundle <tag>, SIGKILLs itself at the point
//   bundle-swap-child.ts <target> loop                  writes bundles 1, 2, 3, … until it is killed
// Every file of bundle <tag> holds the tag, so a test can tell a complete bundle from a mix.
import { writeBundle, type SwapPoint } from '../../main/core/generate/bundle';
import type { GeneratedFile } from '../../main/core/generate/files';

export function swapBundle(tag: string, count = 40): GeneratedFile[] {
  const files: GeneratedFile[] = [{ path: 'bundle.json', content: `{"tag":"${tag}"}\n` }];
  for (let i = 0; i < count; i++) files.push({ path: `gitops/part-${i}/object.yaml`, content: `tag: ${tag}\nindex: ${i}\n` });
  files.push({ path: 'SHA256SUMS', content: `tag ${tag}\n` });
  return files;
}

async function main(): Promise<void> {
  const [target, tag, point] = process.argv.slice(2);
  if (!target || !tag) throw new Error('usage: bundle-swap-child.ts <target> <tag> [<point>] | <target> loop');
  if (tag === 'loop') {
    process.stdout.write('ready\n');
    for (let n = 1; ; n++) await writeBundle(target, swapBundle(String(n)));
  }
  await writeBundle(target, swapBundle(tag), {
    faults: (at: SwapPoint) => {
      if (at === point) process.kill(process.pid, 'SIGKILL');
    },
  });
}

if (process.argv[1] && /bundle-swap-child\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
