// A second exec on the probe's SSH connection that keeps the node's stdin open while the test
// runs (execBounded in core/probe/ssh/session.ts closes it at once). Closing stdin is how
// Sitekit tells the node script to stop; a dropped connection closes it too, so the node
// cleans up either way. Never rejects.
import type { Client } from 'ssh2';

export interface LifelineResult {
  outcome: 'done' | 'closed' | 'too-big' | 'error';
  stdout: string;
  stderr: string;
  exitCode?: number;
  message?: string;
}

export interface Lifeline {
  result: Promise<LifelineResult>;
  /** Closes the node's stdin: the script stops writing, zeroes, reports and exits. */
  hangUp(): void;
  /** Gives up on the channel (after hangUp had its time). */
  close(): void;
}

const STDERR_LIMIT = 64 * 1024;

export function execWithLifeline(
  client: Client,
  options: { command: string; script: string; maxBytes: number; onStdout?: (text: string) => void },
): Lifeline {
  let channel: { end(): void; close(): void } | undefined;
  let hungUp = false;
  let closeWanted = false;
  let settle: (r: Omit<LifelineResult, 'stdout' | 'stderr'>) => void = () => undefined;
  const result = new Promise<LifelineResult>((resolve) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let exitCode: number | undefined;
    let settled = false;
    const onGone = () => finish({ outcome: 'error', message: 'the SSH connection was lost' });
    const finish = (r: Omit<LifelineResult, 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      client.off('close', onGone);
      resolve({ ...r, stdout: Buffer.concat(out).toString('utf8'), stderr: err, ...(exitCode !== undefined ? { exitCode } : {}) });
    };
    settle = finish;
    client.once('close', onGone);
    client.exec(options.command, (error, stream) => {
      if (error) {
        finish({ outcome: 'error', message: `the node refused to run the disk speed test (${error.message})` });
        return;
      }
      channel = stream;
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        if (outBytes + chunk.length > options.maxBytes) {
          finish({ outcome: 'too-big', message: 'the node sent more output than the disk speed test makes' });
          stream.close();
          return;
        }
        out.push(chunk);
        outBytes += chunk.length;
        options.onStdout?.(chunk.toString('utf8'));
      });
      stream.stderr.on('data', (chunk: Buffer) => {
        if (err.length < STDERR_LIMIT) err += chunk.toString('utf8').slice(0, STDERR_LIMIT - err.length);
      });
      stream.on('exit', (code: number | null) => {
        if (typeof code === 'number') exitCode = code;
      });
      stream.on('close', () => finish({ outcome: closeWanted ? 'closed' : 'done' }));
      stream.on('error', (e: Error) => finish({ outcome: 'error', message: e.message }));
      stream.write(options.script);
      if (hungUp) stream.end();
      if (closeWanted) stream.close();
    });
  });
  return {
    result,
    hangUp() {
      if (hungUp) return;
      hungUp = true;
      try {
        channel?.end();
      } catch {
        // the channel is already gone: the node saw its stdin close
      }
    },
    close() {
      closeWanted = true;
      try {
        channel?.close();
      } catch {
        settle({ outcome: 'closed' });
      }
    },
  };
}
