// Every file Sitekit reads because a person named it (a site.yaml, installer inputs, a capture,
// a password or token file) is read through here: only regular files, and never more than
// the limit plus one byte — `sitekit validate /dev/zero` must not grow to gigabytes, and a FIFO
// must not hang the command. The size on disk is not trusted (a file can grow while it is
// read, and /proc files say 0): reading stops at the limit whatever stat said.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export type BoundedReadProblem = 'not-found' | 'folder' | 'not-regular' | 'too-large' | 'permission' | 'not-text' | 'io';

/** A file that cannot be used; `message` names the file and says why, in plain words. */
export class BoundedReadError extends Error {
  constructor(
    readonly file: string,
    readonly problem: BoundedReadProblem,
    /** Why, without the file: "no such file", "it is not a regular file …". */
    readonly reason: string,
    /** The errno code behind a file system problem, e.g. ENOENT. */
    readonly code?: string,
  ) {
    super(`cannot read ${file}: ${reason}`);
    this.name = 'BoundedReadError';
  }
}

export interface BoundedReadOptions {
  /** Largest accepted size in bytes. */
  maxBytes: number;
  /** How the file is called in messages, with its article ("a site file", "a capture"); default "a file". */
  what?: string;
}

/** The bytes of a regular file of at most `maxBytes`; throws BoundedReadError. */
export async function readFileBounded(file: string, options: BoundedReadOptions): Promise<Buffer> {
  const what = options.what ?? 'a file';
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fromErrno(file, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new BoundedReadError(file, 'folder', 'it is a folder, not a file');
    if (!info.isFile()) {
      throw new BoundedReadError(file, 'not-regular', `it is not a regular file (a device, pipe or socket), so it cannot be ${what}`);
    }
    if (info.size > options.maxBytes) throw tooLarge(file, what, options.maxBytes, info.size);
    // Read at most maxBytes + 1: one byte more than allowed proves the file is too large. The
    // buffer grows only if the file grew since stat (or stat said 0, as /proc files do).
    let buffer = Buffer.alloc(Math.min(options.maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > options.maxBytes) throw tooLarge(file, what, options.maxBytes);
        const bigger = Buffer.alloc(Math.min(options.maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } catch (error) {
    if (error instanceof BoundedReadError) throw error;
    throw fromErrno(file, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The UTF-8 text of a regular file of at most `maxBytes`; throws BoundedReadError. */
export async function readTextBounded(file: string, options: BoundedReadOptions): Promise<string> {
  const bytes = await readFileBounded(file, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BoundedReadError(file, 'not-text', 'it is not a text file (it is not UTF-8)');
  }
}

function tooLarge(file: string, what: string, maxBytes: number, size?: number): BoundedReadError {
  const found = size === undefined ? 'larger' : `${size} bytes`;
  return new BoundedReadError(file, 'too-large', `it is ${found}, more than the ${describeBytes(maxBytes)} ${what} may have`);
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function fromErrno(file: string, error: unknown): BoundedReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new BoundedReadError(file, 'not-found', 'no such file', code);
    case 'EACCES':
    case 'EPERM':
      return new BoundedReadError(file, 'permission', 'permission denied', code);
    case 'EISDIR':
      return new BoundedReadError(file, 'folder', 'it is a folder, not a file', code);
    default:
      return new BoundedReadError(file, 'io', (error as Error)?.message ?? String(error), code);
  }
}
