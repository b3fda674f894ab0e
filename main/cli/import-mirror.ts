// `sitekit import-mirror <site.yaml> <cluster-resources>`: writes what oc-mirror v2 produced
// (catalog names and images, digest and tag mirrors) into cluster.mirror.ocMirror of the plan,
// keeping its comments, and prints what changed. The bundle then uses oc-mirror's names and
// paths instead of Sitekit's guess. Exit 0 written (or nothing to change), 2 unusable input.
import type { Command } from 'commander';
import path from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { readTextBounded } from '../core/fs/read-bounded';
import { OcMirrorImportError, readClusterResources, type OcMirrorImport } from '../core/import/oc-mirror';
import { applyFieldEdits } from '../core/site/edit';
import { parseSiteText } from '../core/site/load';
import type { ImageMirror, OcMirrorResult } from '../core/site/schema';
import { YAML_LIMITS } from '../core/site/yaml-parse';
import { runHint, type CliIo } from './io';
import { EXIT_OK, EXIT_UNUSABLE } from './validate';

const POINTER = '/cluster/mirror/ocMirror';

function fail(io: CliIo, message: string): number {
  io.err(`sitekit import-mirror: ${message}\n`);
  return EXIT_UNUSABLE;
}

/** The error with the file named by its full path (`<dir>/idms-oc-mirror.yaml:12:5: ...`). */
function located(dir: string, error: OcMirrorImportError): string {
  return error.file && error.message.startsWith(error.file) ? path.join(dir, error.file) + error.message.slice(error.file.length) : error.message;
}

function mirrorLines(sign: '+' | '-', what: string, list: readonly ImageMirror[]): string[] {
  return list.map((m) => `  ${sign} ${what} ${m.source} → ${m.mirrors.join(', ')}`);
}

/** One line per catalog or mirror added (+) or removed (-). */
export function describeChange(before: OcMirrorResult | undefined, after: OcMirrorResult): string[] {
  const key = (m: ImageMirror) => `${m.source}\u0000${m.mirrors.join(',')}`;
  const diff = <T>(a: readonly T[] = [], b: readonly T[] = [], k: (x: T) => string) => ({
    added: b.filter((x) => !a.some((y) => k(y) === k(x))),
    removed: a.filter((x) => !b.some((y) => k(y) === k(x))),
  });
  const catalogs = diff(before?.catalogs, after.catalogs, (c) => `${c.name}\u0000${c.image}`);
  const digest = diff(before?.digestMirrors, after.digestMirrors, key);
  const tag = diff(before?.tagMirrors, after.tagMirrors, key);
  return [
    ...catalogs.removed.map((c) => `  - catalog ${c.name} (${c.image})`),
    ...catalogs.added.map((c) => `  + catalog ${c.name} (${c.image})`),
    ...mirrorLines('-', 'digest mirror', digest.removed),
    ...mirrorLines('+', 'digest mirror', digest.added),
    ...mirrorLines('-', 'tag mirror', tag.removed),
    ...mirrorLines('+', 'tag mirror', tag.added),
  ];
}

/** Mirror paths that are not on the plan's registry host (a folder of another site?). */
function foreignPaths(registry: string, result: OcMirrorResult): string[] {
  const host = registry.replace(/\/+$/, '').split('/')[0]!;
  const paths = [
    ...(result.catalogs ?? []).map((c) => c.image),
    ...[...(result.digestMirrors ?? []), ...(result.tagMirrors ?? [])].flatMap((m) => m.mirrors),
  ];
  return [...new Set(paths.filter((p) => p !== host && !p.startsWith(`${host}/`)))];
}

export async function importMirrorCommand(siteFile: string, dir: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readTextBounded(siteFile, { maxBytes: YAML_LIMITS.maxBytes, what: 'a site file' });
  } catch (error) {
    return fail(io, (error as Error).message);
  }
  const parsed = parseSiteText(text);
  if (parsed.status === 'unusable') return fail(io, `${siteFile}:${parsed.error}`);
  const cluster = (parsed.data as { cluster?: { mirror?: { registry?: unknown; ocMirror?: OcMirrorResult } } } | null)?.cluster;
  const registry = cluster?.mirror?.registry;
  if (typeof registry !== 'string' || registry.trim() === '') {
    return fail(io, `${siteFile} has no cluster.mirror.registry. Add the mirror registry of the site first (oc-mirror results belong to a disconnected site).`);
  }

  let imported: OcMirrorImport;
  try {
    imported = await readClusterResources(dir);
  } catch (error) {
    if (error instanceof OcMirrorImportError) return fail(io, located(dir, error));
    return fail(io, (error as Error).message);
  }

  const foreign = foreignPaths(registry, imported.result);
  if (foreign.length > 0) {
    return fail(
      io,
      `${dir} mirrors to ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ' ...' : ''}, not to the plan's mirror registry ${registry}. ` +
        'Import the oc-mirror results of this site, or correct cluster.mirror.registry.',
    );
  }

  const updated = applyFieldEdits(text, [{ path: POINTER, value: imported.result }]);
  const check = parseSiteText(updated);
  const problems = check.status === 'invalid' ? check.findings.filter((f) => f.path.startsWith(POINTER)) : [];
  if (check.status === 'unusable' || problems.length > 0) {
    const why = check.status === 'unusable' ? check.error : problems.map((f) => `${f.path}: ${f.message}`).join('; ');
    return fail(io, `the imported values do not fit the site format (${why}); ${siteFile} was not changed.`);
  }

  const changes = describeChange(cluster?.mirror?.ocMirror, imported.result);
  for (const { file, kinds } of imported.read) io.out(`read ${path.join(dir, file)}: ${kinds.join(', ') || 'nothing'}\n`);
  if (updated === text) {
    io.out(`${siteFile} already has these oc-mirror results; nothing changed.\n`);
  } else {
    try {
      await writeFileAtomic(siteFile, updated);
    } catch (error) {
      return fail(io, `cannot write ${siteFile}: ${(error as Error).message}`);
    }
    io.out(`wrote cluster.mirror.ocMirror in ${siteFile}${changes.length > 0 ? ':' : ' (same values, new layout)'}\n`);
    for (const line of changes) io.out(`${line}\n`);
  }
  for (const line of imported.ignored) io.out(`not used: ${line}\n`);
  for (const s of imported.signatures) {
    io.out(
      `release signatures: ${path.join(dir, s.file)} (ConfigMap ${s.name}, ${s.count} signature${s.count === 1 ? '' : 's'}) is not put into the plan. ` +
        'The install does not check them; the cluster needs them to verify a release it updates to without internet. ' +
        `After the install: oc apply -f ${path.join(dir, s.file)}\n`,
    );
  }
  io.out(`Next: ${runHint(io, 'generate', siteFile)}\n`);
  return EXIT_OK;
}

/** Adds `sitekit import-mirror` to the program; `setCode` receives the exit code. */
export function registerImportMirror(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('import-mirror')
    .summary("use oc-mirror's results (catalog, mirrors) in site.yaml")
    .description(
      'Read what oc-mirror v2 wrote into <workspace>/working-dir/cluster-resources after mirroring with ' +
        'install/imageset-config.yaml of the bundle (ImageDigestMirrorSet, ImageTagMirrorSet, CatalogSource) ' +
        'and write it into cluster.mirror.ocMirror of the site file, keeping its comments. The bundle then ' +
        "uses oc-mirror's catalog name and mirror paths instead of guessing them. ClusterCatalog, " +
        'UpdateService and the release signature ConfigMap are listed but not imported.\n\n' +
        'Exit code: 0 written or nothing to change, 2 a file could not be used (nothing written).',
    )
    .argument('<site.yaml>', 'the site file to update')
    .argument('<cluster-resources>', "oc-mirror's folder, <workspace>/working-dir/cluster-resources")
    .addHelpText('after', '\nExample:\n  sitekit import-mirror sites/plant-a/site.yaml /data/oc-mirror/working-dir/cluster-resources\n')
    .action(async (siteFile: string, dir: string) => {
      setCode(await importMirrorCommand(siteFile, dir, io));
    });
}
