// Every write of user data goes through here: the data lands in a temp file in the same
// folder (same file system, so the rename is atomic), is fsynced, and only then replaces
// the target. A crash or a failed write leaves either the old file or the new one, never
// a half-written mix, and never a stray temp file.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';

/** The subset of fs/promises the writer uses; tests inject failures through it. */
export type AtomicFs = Pick<typeof nodeFs, 'open' | 'rename' | 'link' | 'unlink' | 'stat'>;

export interface AtomicWriteOptions {
  /** File mode of a new file (default 0o644; use 0o600 for anything private). */
  mode?: number;
  /** Refuse to replace an existing file (fails with code EEXIST, atomically). */
  exclusive?: boolean;
  /**
   * When `target` is a symbolic link, write to the file it points to (atomically, next to
   * that file) and keep the link; without it the link is replaced by a regular file.
   */
  followSymlinks?: boolean;
  fs?: AtomicFs;
}

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  if (options.followSymlinks) target = await linkTarget(target);
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // An existing file keeps its permissions; a new one gets the requested mode.
  const mode = options.mode ?? (await existingMode(fs, target)) ?? 0o644;

  try {
    const handle = await fs.open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      await placeExclusive(fs, temp, target);
    } else {
      await fs.rename(temp, target);
    }
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(fs, dir);
}

/** link() fails with EEXIST when the target exists, so there is no check-then-write race. */
async function placeExclusive(fs: AtomicFs, temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
  } catch (error) {
    // Some file systems (FAT on a USB stick, some network shares) have no hard links.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    if ((await existingMode(fs, target)) !== undefined) {
      throw Object.assign(new Error(`file already exists: ${target}`), { code: 'EEXIST' });
    }
    await fs.rename(temp, target);
    return;
  }
  await fs.unlink(temp);
}

/**
 * The file a write to `file` lands on: `file` itself, or, when it is a symbolic link (also a
 * chain of links, or a link to a file not created yet), the file the links end at.
 */
export async function linkTarget(file: string): Promise<string> {
  try {
    return await nodeFs.realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // No such file, or a dangling link: follow the links by hand to the name they end at.
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      link = await nodeFs.readlink(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EINVAL' || code === 'ENOENT' || code === 'UNKNOWN') return current; // not a link: here it ends
      throw error;
    }
    const dir = path.dirname(current);
    current = path.resolve(await nodeFs.realpath(dir).catch(() => dir), link);
  }
  throw Object.assign(new Error(`too many levels of symbolic links: ${file}`), { code: 'ELOOP' });
}

async function existingMode(fs: AtomicFs, target: string): Promise<number | undefined> {
  try {
    return (await fs.stat(target)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Persist a rename in `dir`; not every platform lets a folder be opened, so best effort. */
export async function syncDir(fs: Pick<typeof nodeFs, 'open'>, dir: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some network file systems refuse fsync on a folder; the rename stands.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
