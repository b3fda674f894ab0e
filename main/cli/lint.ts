// `sitekit lint <install-config.yaml> [<agent-config.yaml>] [--json]`: the installer linter
// on hand-written (or generated) Agent-based Installer inputs. Exit codes as `validate`:
// 0 no errors (warnings allowed), 1 errors found, 2 a file unreadable, not YAML, or not an
// install-config / agent-config.
import type { Command } from 'commander';
import { BoundedReadError, readTextBounded } from '../core/fs/read-bounded';
import { YAML_LIMITS } from '../core/site/yaml-parse';
import { isUnusable, lintInstallerInputs, UNUSABLE_IDS, type LintFinding } from '../core/lint';
import { formatFindings } from './format';
import { addWarningLimitOptions, tooManyWarnings, type WarningLimitOptions } from './warning-limit';
import type { CliIo } from './io';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface LintOptions extends WarningLimitOptions {
  json?: boolean;
}

export async function lintCommand(installConfig: string, agentConfig: string | undefined, options: LintOptions, io: CliIo): Promise<number> {
  const installText = await readText(installConfig, io);
  const agentText = agentConfig === undefined ? undefined : await readText(agentConfig, io);
  if (installText === undefined || (agentConfig !== undefined && agentText === undefined)) return EXIT_UNUSABLE;

  const findings = lintInstallerInputs({
    installConfigText: installText,
    installConfigFile: installConfig,
    ...(agentConfig !== undefined ? { agentConfigText: agentText, agentConfigFile: agentConfig } : {}),
  });
  if (isUnusable(findings)) {
    for (const f of findings.filter((x) => UNUSABLE_IDS.has(x.id))) {
      io.err(`${f.file}${f.position ? `:${f.position.line}:${f.position.col}` : ''}: ${f.message}\n`);
    }
    return EXIT_UNUSABLE;
  }
  if (options.json) {
    io.out(JSON.stringify(findings, null, 2) + '\n');
  } else {
    for (const file of [installConfig, ...(agentConfig !== undefined ? [agentConfig] : [])]) {
      const own = findings.filter((f) => f.file === file);
      io.out(formatFindings(file, own, io.color));
      io.out(summary(file, own));
    }
  }
  if (findings.some((f) => f.severity === 'error')) return EXIT_FINDINGS;
  return tooManyWarnings(findings.filter((f) => f.severity === 'warning').length, options, io) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * The text of a file, or undefined (reported on stderr) when it cannot be read: a regular
 * file of at most the YAML limit, read no further than that (not /dev/zero, not a FIFO).
 */
async function readText(file: string, io: CliIo): Promise<string | undefined> {
  try {
    return await readTextBounded(file, { maxBytes: YAML_LIMITS.maxBytes, what: 'an installer input' });
  } catch (error) {
    io.err(`${error instanceof BoundedReadError ? error.message : `cannot read ${file}: ${(error as Error).message}`}\n`);
    return undefined;
  }
}

function summary(file: string, findings: readonly LintFinding[]): string {
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const notes = count('info');
  return `${file}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}${notes > 0 ? `, ${plural(notes, 'note')}` : ''}\n`;
}

/** Adds `sitekit lint` to the program; `setCode` receives the exit code. */
export function registerLint(program: Command, io: CliIo, setCode: (code: number) => void): void {
  addWarningLimitOptions(program.command('lint'))
    .summary('check Agent-based Installer inputs (install-config.yaml, agent-config.yaml)')
    .description(
      'Check an install-config.yaml and, optionally, its agent-config.yaml with the rules openshift-install ' +
        'applies (strict field names, MACs, root device hints, rendezvousIP, VIPs, network overlaps, ...) and, as ' +
        'warnings, the ones it only finds at install time (a VIP used by a host, host addresses outside the machine ' +
        'network, a rendezvousIP no host has). Findings point at file:line:col.\n\n' +
        'Before judging, the files are read as openshift-install reads them: field names in any case (apiVips is ' +
        'apiVIPs), deprecated fields converted (apiVIP → apiVIPs, machineCIDR → machineNetwork) with a warning, and ' +
        'what is missing defaulted (machineNetwork 10.0.0.0/16, networkType OVNKubernetes, 3 replicas, ...) with a note. ' +
        '\n\n' +
        'Exit code: 0 no errors (warnings and notes are printed but do not fail; --max-warnings / --strict make them), ' +
        '1 errors found, 2 a file could not be read as installer input.',
    )
    .argument('<install-config.yaml>', 'the install-config to check')
    .argument('[agent-config.yaml]', 'the agent-config of the same cluster')
    .option('--json', 'print the findings as a JSON array (each with id, severity, path, message, hint, step, position, file)')
    .addHelpText('after', '\nExamples:\n  sitekit lint install-config.yaml agent-config.yaml\n  sitekit lint install/install-config.yaml --json\n  sitekit lint install-config.yaml agent-config.yaml --strict\n')
    .action(async (installConfig: string, agentConfig: string | undefined, options: LintOptions) => {
      setCode(await lintCommand(installConfig, agentConfig, options, io));
    });
}
