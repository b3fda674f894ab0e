// The `sitekit` command line: one commander program, one module per command. Returns the
// exit code instead of exiting so output is flushed and tests can drive it in-process.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resourcesDir } from '../core/resources';
import { registerCluster } from './cluster-register';
import { collectScriptCommand } from './collect-script';
import { registerExport } from './export';
import { registerGenerate } from './generate';
import { registerImport } from './import';
import { registerImportMirror } from './import-mirror';
import { registerLint } from './lint';
import { processIo, type CliIo } from './io';
import { newCommand } from './new';
import { registerProbe } from './probe';
import { registerReport } from './report';
import { schemaCommand } from './schema';
import { EXIT_UNUSABLE, validateCommand, type ValidateOptions } from './validate';
import { addWarningLimitOptions } from './warning-limit';

export async function main(argv: string[] = process.argv, io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('sitekit')
    .description(
      'Plan and check three-node ACP (compact OpenShift) sites. site.yaml is the plan: every value ' +
        'the installer and GitOps need, with no secrets in it.',
    )
    .version(version(), '-V, --version', 'print the Sitekit version')
    .helpOption('-h, --help', 'show help for sitekit or a command')
    .showHelpAfterError('(run with --help to see how to use it)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  addWarningLimitOptions(program.command('validate'))
    .summary('check site files against the schema and every rule')
    .description(
      'Check one or more site.yaml files: the file format, every field, and the rules of the reference ' +
        'architecture (addresses, VLANs, MTUs, bonds, disks, ODF, ...). Findings are grouped by wizard step ' +
        'and point at the line and column of the field.\n\n' +
        'Exit code: 0 no errors (warnings are printed but do not fail; --max-warnings / --strict make them), ' +
        '1 errors found, 2 a file could not be read as a site.',
    )
    .argument('<site.yaml...>', 'site files to check')
    .option('--json', 'print the findings as a JSON array (each with id, severity, path, message, hint, step, position)')
    .addHelpText('after', '\nExamples:\n  sitekit validate site.yaml\n  sitekit validate sites/*/site.yaml --json\n  sitekit validate site.yaml --max-warnings 0\n')
    .action(async (files: string[], options: ValidateOptions) => {
      code = await validateCommand(files, options, io);
    });

  program
    .command('schema')
    .summary('print the JSON Schema of site.yaml')
    .description(
      'Print the JSON Schema of site.yaml. Editors with yaml-language-server use it to complete and check ' +
        'the file as you type (sitekit new adds the modeline that points at it).',
    )
    .addHelpText('after', '\nExample:\n  sitekit schema > site.schema.json\n')
    .action(() => {
      code = schemaCommand(io);
    });

  program
    .command('new')
    .summary('start a new site.yaml from the reference example')
    .description(
      'Write <dir>/site.yaml from the reference example site (three nodes, bonded cluster network, storage ' +
        'VLAN, VM bridge, six ODF disks per node), then replace the example values with this site’s. ' +
        'An existing site.yaml is never overwritten.',
    )
    .argument('<dir>', 'folder for the new site (created if missing)')
    .option('--name <site-name>', 'site name (lower case letters, digits, hyphens), e.g. plant-b')
    .addHelpText('after', '\nExample:\n  sitekit new sites/plant-b --name plant-b\n')
    .action(async (dir: string, options: { name?: string }) => {
      code = await newCommand(dir, options, io);
    });

  registerGenerate(program, io, (c) => (code = c));
  registerExport(program, io, (c) => (code = c));
  registerLint(program, io, (c) => (code = c));
  registerImport(program, io, (c) => (code = c));
  registerImportMirror(program, io, (c) => (code = c));
  registerProbe(program, io, (c) => (code = c));
  registerReport(program, io, (c) => (code = c));
  registerCluster(program, io, (c) => (code = c));

  program
    .command('collect-script')
    .summary('print the hardware collection script, to run by hand on a node')
    .description(
      'Print the read-only script that sitekit probe runs on every node over SSH. For a node SSH cannot ' +
        'reach, run it there by hand (BMC console, live image) and import its output with ' +
        'sitekit probe <site.yaml> --import <file> --node <name>. With a site file, the script also checks ' +
        'that the node resolves api.<cluster>.<domain> and *.apps.<cluster>.<domain>.',
    )
    .argument('[site.yaml]', 'site whose cluster DNS names the script should resolve')
    .addHelpText(
      'after',
      '\nExample:\n  sitekit collect-script site.yaml > sitekit-collect.sh\n  (on the node)  sh sitekit-collect.sh > node1.txt\n',
    )
    .action(async (siteFile: string | undefined) => {
      code = await collectScriptCommand(siteFile, io);
    });

  if (argv.length <= 2) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_UNUSABLE;
    io.err(`sitekit: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  return code;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(resourcesDir(), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
