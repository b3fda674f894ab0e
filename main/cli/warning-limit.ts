// `--max-warnings N` (as ESLint) and `--strict` (= --max-warnings 0) for validate and lint:
// by default warnings are printed and do not fail the run; with a limit, more warnings than
// it allows make the exit code 1, and one line says why.
import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from './io';

export interface WarningLimitOptions {
  maxWarnings?: number;
  strict?: boolean;
}

export function addWarningLimitOptions(command: Command): Command {
  return command
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings', parseCount)
    .option('--strict', 'fail (exit 1) on any warning (same as --max-warnings 0)');
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number, e.g. --max-warnings 0');
  return Number(value);
}

/** The limit in force, or undefined when warnings never fail the run. */
export function warningLimit(options: WarningLimitOptions): number | undefined {
  return options.strict ? 0 : options.maxWarnings;
}

/** True (and says so on stderr) when the warnings exceed the limit. */
export function tooManyWarnings(warnings: number, options: WarningLimitOptions, io: CliIo): boolean {
  const limit = warningLimit(options);
  if (limit === undefined || warnings <= limit) return false;
  const flag = options.strict ? '--strict allows none' : `--max-warnings ${limit} allows ${limit}`;
  io.err(`${warnings} warning${warnings === 1 ? '' : 's'} found; ${flag}\n`);
  return true;
}
