// Where the CLI writes, and whether it may colour: only a terminal gets ANSI codes, so
// pipes, files and CI logs stay plain text. NO_COLOR / FORCE_COLOR are honoured.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
  errColor: boolean;
  /** stderr is a terminal: progress may rewrite its line (plain lines otherwise). */
  errTty?: boolean;
  /** How the person started Sitekit (`sitekit`, or `npx sitekit` in a checkout), for follow-up hints. */
  command?: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: wantsColor(process.stdout),
    errColor: wantsColor(process.stderr),
    errTty: process.stderr.isTTY === true && process.env.TERM !== 'dumb',
    command: invokedAs(),
  };
}

/** npx (npm exec) sets npm_command=exec; `sitekit` alone works only when it is on the PATH. */
function invokedAs(): string {
  return process.env.npm_command === 'exec' ? 'npx sitekit' : 'sitekit';
}

/** A command line the person can paste: `sitekit validate 'my site/site.yaml'`. */
export function runHint(io: Pick<CliIo, 'command'>, ...args: string[]): string {
  return [io.command ?? 'sitekit', ...args.map(shellWord)].join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function wantsColor(stream: NodeJS.WriteStream): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}
