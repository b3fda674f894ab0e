// `sitekit import <install-config.yaml> <agent-config.yaml> -o site.yaml`: a site plan from
// an existing installer input pair. Writes atomically and never replaces an existing file;
// prints what could not be mapped. Exit 0 written, 2 inputs unusable or target exists.
import type { Command } from 'commander';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { readTextBounded } from '../core/fs/read-bounded';
import { importSite } from '../core/import';
import { lintInstallerInputs, isUnusable, UNUSABLE_IDS } from '../core/lint';
import { YAML_LIMITS } from '../core/site/yaml-parse';
import { runHint, type CliIo } from './io';
import { EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface ImportOptions {
  output: string;
}

export async function importCommand(installConfig: string, agentConfig: string, options: ImportOptions, io: CliIo): Promise<number> {
  let installText: string;
  let agentText: string;
  try {
    // Regular files of at most the YAML limit, read no further than that (not /dev/zero).
    const read = (file: string) => readTextBounded(file, { maxBytes: YAML_LIMITS.maxBytes, what: 'an installer input' });
    [installText, agentText] = await Promise.all([read(installConfig), read(agentConfig)]);
  } catch (error) {
    io.err(`sitekit import: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  // The same identity checks as `sitekit lint`: refuse what is not an installer input pair.
  const findings = lintInstallerInputs({ installConfigText: installText, agentConfigText: agentText, installConfigFile: installConfig, agentConfigFile: agentConfig });
  if (isUnusable(findings)) {
    for (const f of findings.filter((x) => UNUSABLE_IDS.has(x.id))) io.err(`${f.file}: ${f.message}\n`);
    return EXIT_UNUSABLE;
  }
  let result: ReturnType<typeof importSite>;
  try {
    result = importSite(installText, agentText);
  } catch (error) {
    io.err(`sitekit import: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  try {
    await writeFileAtomic(options.output, result.siteText, { exclusive: true });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    io.err(`sitekit import: ${exists ? `${options.output} already exists; choose another file or remove it first` : `cannot write ${options.output}: ${(error as Error).message}`}\n`);
    return EXIT_UNUSABLE;
  }
  io.out(`wrote ${options.output}\n`);
  if (result.unmapped.length > 0) {
    io.out(`Not mapped (${result.unmapped.length}):\n`);
    for (const line of result.unmapped) io.out(`  - ${line}\n`);
  }
  io.out(`Next: ${runHint(io, 'validate', options.output)}\n`);
  return EXIT_OK;
}

/** Adds `sitekit import` to the program; `setCode` receives the exit code. */
export function registerImport(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('import')
    .summary('make a site.yaml from an existing install-config.yaml + agent-config.yaml')
    .description(
      'Turn an existing Agent-based Installer input pair into a site plan as far as it maps (cluster, ' +
        'machine network and VLANs, NICs, bonds, nodes with MACs, addresses and root device hints) and list ' +
        'what could not be mapped. The pull secret is never imported. An existing file is never overwritten.',
    )
    .argument('<install-config.yaml>', 'the install-config')
    .argument('<agent-config.yaml>', 'the agent-config of the same cluster')
    .requiredOption('-o, --output <site.yaml>', 'the site file to write (must not exist)')
    .addHelpText('after', '\nExample:\n  sitekit import install-config.yaml agent-config.yaml -o sites/plant-c/site.yaml\n')
    .action(async (installConfig: string, agentConfig: string, options: ImportOptions) => {
      setCode(await importCommand(installConfig, agentConfig, options, io));
    });
}
