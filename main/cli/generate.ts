// `sitekit generate`: writes the site bundle (DESIGN §4) of one or more site files. One site:
// `-o <dir>` is the bundle folder; several: each goes to `<dir>/<site name>/`. Refuses a
// plan with errors unless --force. Exit 0 = written, 1 = plan errors (nothing written for
// that site), 2 = a file or an option could not be used.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateBundle, isoInputFiles, isoInputsProblem, parsePullSecret, writeBundle, writeIsoInputs } from '../core/generate/bundle';
import { resourcesDir } from '../core/resources';
import { readPlan } from './site-input';
import { formatFindings } from './format';
import type { CliIo } from './io';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface GenerateOptions {
  output?: string;
  force?: boolean;
  isoInputs?: string;
  pullSecret?: string;
}

export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(resourcesDir(), '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function generateCommand(files: string[], options: GenerateOptions, io: CliIo): Promise<number> {
  if (!options.output) {
    io.err('sitekit generate: give the output folder with -o <dir>\n');
    return EXIT_UNUSABLE;
  }
  let pullSecret: string | undefined;
  if (options.isoInputs !== undefined || options.pullSecret !== undefined) {
    if (options.isoInputs === undefined || options.pullSecret === undefined) {
      io.err('sitekit generate: --iso-inputs <dir> and --pull-secret <file> go together\n');
      return EXIT_UNUSABLE;
    }
    if (files.length !== 1) {
      io.err('sitekit generate: --iso-inputs works with one site file at a time\n');
      return EXIT_UNUSABLE;
    }
    const problem = await isoInputsProblem(options.isoInputs, options.output);
    if (problem) {
      io.err(`sitekit generate: refusing --iso-inputs: ${problem}\n`);
      return EXIT_UNUSABLE;
    }
    let text: string;
    try {
      text = await readFile(options.pullSecret, 'utf8');
    } catch (error) {
      io.err(`sitekit generate: cannot read the pull secret ${options.pullSecret}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return EXIT_UNUSABLE;
    }
    const parsed = parsePullSecret(text);
    if (!parsed.ok) {
      io.err(`sitekit generate: the pull secret ${options.pullSecret} ${parsed.problem}\n`);
      return EXIT_UNUSABLE;
    }
    pullSecret = parsed.value;
  }

  const version = toolVersion();
  let worst = EXIT_OK;
  const written = new Set<string>();
  for (const file of files) {
    // Not a schema-valid plan: there is no site to generate from, --force or not.
    const plan = await readPlan(file, io, 'not generated');
    if (!plan.ok) {
      worst = Math.max(worst, plan.code);
      continue;
    }
    const { site, text: siteText } = plan;
    if (written.has(site.metadata.name)) {
      io.err(`${file}: site ${site.metadata.name} was already generated from another file in this run; not overwriting it\n`);
      worst = Math.max(worst, EXIT_UNUSABLE);
      continue;
    }
    const target = files.length === 1 ? options.output : path.join(options.output, site.metadata.name);
    const result = generateBundle(site, { siteText, findings: plan.findings, force: options.force === true, toolVersion: version });
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (result.refused) {
      io.out(formatFindings(file, errors, io.color));
      io.out(`${site.metadata.name}: not generated: ${plural(errors.length, 'error')} in the plan (fix them, or use --force to generate anyway)\n`);
      worst = Math.max(worst, EXIT_FINDINGS);
      continue;
    }
    try {
      await writeBundle(target, result.files);
    } catch (error) {
      io.err(`sitekit generate: cannot write ${target}: ${(error as Error).message}\n`);
      worst = Math.max(worst, EXIT_UNUSABLE);
      continue;
    }
    written.add(site.metadata.name);
    const forced = errors.length > 0 ? ` — forced with ${plural(errors.length, 'error')} (recorded in validation.json)` : '';
    io.out(`${site.metadata.name}: bundle written to ${target} (${plural(result.files.length, 'file')})${forced}\n`);
    if (options.isoInputs !== undefined && pullSecret !== undefined) {
      await writeIsoInputs(options.isoInputs, isoInputFiles(site, pullSecret));
      io.out(
        `${site.metadata.name}: ISO inputs with the pull secret written to ${options.isoInputs} (mode 0600; keep it local, never commit it)\n` +
          `  next: openshift-install agent create image --dir ${options.isoInputs}\n`,
      );
    }
  }
  return worst;
}

/** Adds the `generate` command to the program; `done` receives the exit code. */
export function registerGenerate(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('generate')
    .summary('write the site bundle: installer inputs and the GitOps tree')
    .description(
      'Generate the site bundle of a site.yaml: site.yaml itself, install/ (install-config.yaml and ' +
        'agent-config.yaml without the pull secret), gitops/ (bootstrap, one Argo CD Application per component, ' +
        'operators, NMState policies, LocalVolumes, StorageCluster, HyperConverged, NADs), validation.json, ' +
        'bundle.json and SHA256SUMS. Every generated object is checked against its CRD schema. The folder is ' +
        'replaced atomically; a plan with errors is refused unless --force.\n\n' +
        'With one site file, -o is the bundle folder; with several, each bundle goes to <dir>/<site name>/.\n\n' +
        'Exit code: 0 written, 1 errors in a plan (nothing written for it), 2 a file or option could not be used.',
    )
    .argument('<site.yaml...>', 'site files to generate')
    .requiredOption('-o, --output <dir>', 'bundle folder (several sites: parent folder)')
    .option('--force', 'generate although the plan has errors (recorded in validation.json as forced)')
    .option('--iso-inputs <dir>', 'also write install-config.yaml WITH the pull secret and agent-config.yaml to this local folder (0700/0600), outside the bundle and any Git work tree')
    .option('--pull-secret <file>', 'pull secret JSON file (with "auths") for --iso-inputs')
    .addHelpText(
      'after',
      '\nExamples:\n  sitekit generate site.yaml -o sites/plant-a\n' +
        '  sitekit generate site.yaml -o sites/plant-a --iso-inputs ~/iso/plant-a --pull-secret ~/pull-secret.json\n',
    )
    .action(async (files: string[], options: GenerateOptions) => {
      done(await generateCommand(files, options, io));
    });
}
