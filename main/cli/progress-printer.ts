// Progress of a long command on stderr: on a terminal the line of what is going on now is
// rewritten in place; anywhere else (a pipe, a file, CI) each change is one plain line, and a
// line that did not change is not repeated.

export interface ProgressPrinter {
  /** Shows `line` for `key` (a stage, a node): replaces the previous line when the key is the same. */
  update(key: string, line: string): void;
  /** Ends the line being rewritten, so what follows starts on its own line. */
  done(): void;
}

export function progressPrinter(write: (text: string) => void, tty: boolean): ProgressPrinter {
  const last = new Map<string, string>();
  let open: string | undefined; // the key whose line is being rewritten (terminal only)
  return {
    update(key, line) {
      if (last.get(key) === line) return;
      last.set(key, line);
      if (!tty) return write(`${line}\n`);
      if (open === key) write(`\r\u001b[K${line}`);
      else write(`${open !== undefined ? '\n' : ''}${line}`);
      open = key;
    },
    done() {
      if (tty && open !== undefined) write('\n');
      open = undefined;
    },
  };
}
