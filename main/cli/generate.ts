// `sitekit generate`: writes the site bundle (DESIGN §4) of one or more site files. One site:
// `-o <dir>` is the bundle folder; several: each goes to `<dir>/<site name>/`. Refuses a
// plan with errors unless --force, and a bundle with a secret in any file (the plan's comments
// included) always. Exit 0 = written, 1 = plan errors or a secret (nothing written for that
// site), 2 = a file or an option could not be used.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BoundedReadError, readTextBounded } from '../core/fs/read-bounded';
import { formatSecretFinding } from '../core/export/secret-scan';
import { generateBundle, isoInputFiles, isoInputsProblem, parsePullSecret, sourceDateEpoch, writeBundle, writeIsoInputs } from '../core/generate/bundle';
import { applyCommand, argocdSecretFiles, argocdSecretsProblem, repositorySecretProblem, writeArgocdSecrets } from '../core/generate/bundle/argocd-secrets';
import { resourcesDir } from '../core/resources';
import { readPlan } from './site-input';
import { formatFindings } from './format';
import type { CliIo } from './io';
import { CLI_UNKNOWN, storedInventories } from './readiness';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface GenerateOptions {
  output?: string;
  force?: boolean;
  isoInputs?: string;
  pullSecret?: string;
  argocdSecrets?: string;
  gitPasswordFile?: string;
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

export async function generateCommand(files: string[], options: GenerateOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!options.output) {
    io.err('sitekit generate: give the output folder with -o <dir>\n');
    return EXIT_UNUSABLE;
  }
  // SOURCE_DATE_EPOCH: the time in bundle.json, so the same site gives the same bytes.
  let now: Date | undefined;
  try {
    now = sourceDateEpoch(env);
  } catch (error) {
    io.err(`sitekit generate: ${(error as Error).message}\n`);
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
      // Bounded: a pull secret is a few KiB; a device or FIFO is refused, not read forever.
      text = await readTextBounded(options.pullSecret, { maxBytes: 64 * 1024, what: 'a pull secret' });
    } catch (error) {
      io.err(`sitekit generate: cannot read the pull secret ${options.pullSecret}: ${(error as BoundedReadError).code ?? (error as BoundedReadError).reason ?? (error as Error).message}\n`);
      return EXIT_UNUSABLE;
    }
    const parsed = parsePullSecret(text);
    if (!parsed.ok) {
      io.err(`sitekit generate: the pull secret ${options.pullSecret} ${parsed.problem}\n`);
      return EXIT_UNUSABLE;
    }
    pullSecret = parsed.value;
  }
  let gitPassword: string | undefined;
  if (options.argocdSecrets !== undefined || options.gitPasswordFile !== undefined) {
    // The password comes from a file (never an argument: it would show in ps and the shell history).
    if (options.argocdSecrets === undefined || options.gitPasswordFile === undefined) {
      io.err('sitekit generate: --argocd-secrets <dir> and --git-password-file <file> go together\n');
      return EXIT_UNUSABLE;
    }
    if (files.length !== 1) {
      io.err('sitekit generate: --argocd-secrets works with one site file at a time\n');
      return EXIT_UNUSABLE;
    }
    // As in the app: neither the bundle nor the site's folder (the plan, usually the repository).
    const problem = await argocdSecretsProblem(options.argocdSecrets, [
      { dir: options.output, what: 'the bundle folder' },
      { dir: path.dirname(path.resolve(files[0]!)), what: "the site's folder" },
    ]);
    if (problem) {
      io.err(`sitekit generate: refusing --argocd-secrets: ${problem}\n`);
      return EXIT_UNUSABLE;
    }
    try {
      const text = await readTextBounded(options.gitPasswordFile, { maxBytes: 64 * 1024, what: 'a Git password' });
      gitPassword = text.replace(/[\r\n]+$/, ''); // a file written by echo ends with a line break
    } catch (error) {
      io.err(`sitekit generate: cannot read the Git password ${options.gitPasswordFile}: ${(error as BoundedReadError).code ?? (error as BoundedReadError).reason ?? (error as Error).message}\n`);
      return EXIT_UNUSABLE;
    }
    if (gitPassword === '') {
      io.err(`sitekit generate: the Git password file ${options.gitPasswordFile} is empty\n`);
      return EXIT_UNUSABLE;
    }
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
    // validation.json's readiness: the inventories stored next to the plan; no secret store here.
    const stored = await storedInventories(site, file);
    const result = generateBundle(site, {
      siteText,
      findings: plan.findings,
      force: options.force === true,
      toolVersion: version,
      ...(now ? { now } : {}),
      readiness: {
        ...(stored.readable ? { discovered: stored.inventories.map((i) => i.node), hardwareFindings: stored.hardware } : {}),
        unknown: { secrets: CLI_UNKNOWN.secrets },
      },
    });
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (result.secrets.length > 0) {
      // Like export's scan: file and line, never the value; --force does not override it.
      for (const secret of result.secrets) io.out(`${formatSecretFinding(secret.path === 'site.yaml' ? { ...secret, path: file } : secret)}\n`);
      const n = result.secrets.length;
      io.out(
        `${site.metadata.name}: not generated: ${plural(n, 'line')} look${n === 1 ? 's' : ''} like a secret; nothing was written. ` +
          'A bundle never carries a secret, --force or not: remove it from the file (keep it in the Sitekit secret store) and generate again.\n',
      );
      worst = Math.max(worst, EXIT_FINDINGS);
      continue;
    }
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
    io.out(`${site.metadata.name}: ${result.readiness.summary} The checklist is in validation.json.\n`);
    if (options.isoInputs !== undefined && pullSecret !== undefined) {
      try {
        await writeIsoInputs(options.isoInputs, isoInputFiles(site, pullSecret));
      } catch (error) {
        io.err(`sitekit generate: ISO inputs not written to ${options.isoInputs}: ${(error as Error).message}\n`);
        worst = Math.max(worst, EXIT_UNUSABLE);
        continue;
      }
      io.out(
        `${site.metadata.name}: ISO inputs with the pull secret written to ${options.isoInputs} (mode 0600; keep it local, never commit it)\n` +
          `  next: openshift-install agent create image --dir ${options.isoInputs}\n`,
      );
    }
    if (options.argocdSecrets !== undefined && gitPassword !== undefined) {
      const problem = repositorySecretProblem(site);
      if (problem) {
        io.err(`sitekit generate: Argo CD secrets not written: ${problem}\n`);
        worst = Math.max(worst, EXIT_UNUSABLE);
        continue;
      }
      try {
        await writeArgocdSecrets(options.argocdSecrets, argocdSecretFiles(site, gitPassword));
      } catch (error) {
        io.err(`sitekit generate: Argo CD secrets not written to ${options.argocdSecrets}: ${(error as Error).message}\n`);
        worst = Math.max(worst, EXIT_UNUSABLE);
        continue;
      }
      io.out(
        `${site.metadata.name}: Argo CD repository secret written to ${options.argocdSecrets} (mode 0600; keep it local, never commit it)\n` +
          `  next, once the GitOps operator runs: ${applyCommand(options.argocdSecrets)}\n`,
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
        'replaced atomically; a plan with errors is refused unless --force. Every file (the plan with its comments ' +
        'included) is scanned for secrets first: a hit is named by file and line and nothing is written, even with --force.\n\n' +
        'With one site file, -o is the bundle folder; with several, each bundle goes to <dir>/<site name>/.\n\n' +
        'SOURCE_DATE_EPOCH (whole seconds since 1970, as `date +%s` prints them) fixes the time in bundle.json, so the same ' +
        'site gives a byte-identical bundle (https://reproducible-builds.org/specs/source-date-epoch/); a malformed value is an error.\n\n' +
        'Exit code: 0 written, 1 errors or a secret in a plan (nothing written for it), 2 a file or option could not be used.',
    )
    .argument('<site.yaml...>', 'site files to generate')
    .requiredOption('-o, --output <dir>', 'bundle folder (several sites: parent folder)')
    .option('--force', 'generate although the plan has errors (recorded in validation.json as forced)')
    .option(
      '--iso-inputs <dir>',
      'also write install-config.yaml WITH the pull secret and agent-config.yaml to this local folder (0700/0600), outside the bundle and any Git work tree; ' +
        'an existing folder must be private to you and hold only what an earlier run wrote',
    )
    .option('--pull-secret <file>', 'pull secret JSON file (with "auths") for --iso-inputs')
    .option(
      '--argocd-secrets <dir>',
      "also write the Argo CD repository Secret (gitops.repoURL, gitops.credentials.username and the password) to this local folder (0700/0600), " +
        'outside the bundle and any Git work tree, to apply with oc apply -f <dir>; same folder rules as --iso-inputs',
    )
    .option('--git-password-file <file>', 'file holding the Git password or read-only token for --argocd-secrets (one line)')
    .addHelpText(
      'after',
      '\nExamples:\n  sitekit generate site.yaml -o sites/plant-a\n' +
        '  sitekit generate site.yaml -o sites/plant-a --iso-inputs ~/iso/plant-a --pull-secret ~/pull-secret.json\n' +
        '  sitekit generate site.yaml -o sites/plant-a --argocd-secrets ~/argocd/plant-a --git-password-file ~/git-read-token\n',
    )
    .action(async (files: string[], options: GenerateOptions) => {
      done(await generateCommand(files, options, io));
    });
}
