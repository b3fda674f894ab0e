// Puts a bundle on disk so that the target folder is always either the previous bundle or
// the new one, complete (DESIGN §7): every file is written and fsynced into a temporary
// folder next to the target (same parent, so the same file system), then the folder is
// renamed into place. An existing bundle is first renamed aside, the new one renamed in,
// the old one removed. Any failure before the swap removes the temporary folder and leaves
// the old bundle untouched; a failure of the swap puts the old bundle back.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from '../../fs/atomic-write';
import type { GeneratedFile } from '../files';

/** The subset of fs/promises the writer uses; tests inject failures through it. */
export type BundleFs = Pick<typeof nodeFs, 'mkdir' | 'open' | 'rename' | 'rm' | 'stat' | 'readdir'>;

export interface WriteBundleOptions {
  fs?: BundleFs;
}

/** Files that mark a folder as a Sitekit bundle, which writeBundle may replace. */
const BUNDLE_MARKERS = ['bundle.json', 'SHA256SUMS'];

function safeRelative(file: string): string {
  const normal = path.posix.normalize(file);
  if (file === '' || path.posix.isAbsolute(file) || normal.startsWith('../') || normal === '..' || normal !== file) {
    throw new Error(`bundle file path "${file}" is not a plain relative path`);
  }
  return normal;
}

async function exists(fs: BundleFs, target: string): Promise<boolean> {
  try {
    await fs.stat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Refuses to replace a folder that is neither empty nor a Sitekit bundle (e.g. `-o ~`). */
async function assertReplaceable(fs: BundleFs, target: string): Promise<void> {
  const stat = await fs.stat(target);
  if (!stat.isDirectory()) throw new Error(`${target} exists and is not a folder; choose another output folder`);
  const entries = await fs.readdir(target);
  if (entries.length === 0) return;
  if (BUNDLE_MARKERS.every((marker) => entries.includes(marker))) return;
  throw new Error(`${target} is not empty and is not a Sitekit bundle (no bundle.json and SHA256SUMS); refusing to replace it`);
}

export async function writeBundle(target: string, files: readonly GeneratedFile[], options: WriteBundleOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const destination = path.resolve(target);
  const parent = path.dirname(destination);
  const base = path.basename(destination);
  await fs.mkdir(parent, { recursive: true });
  const replacing = await exists(fs, destination);
  if (replacing) await assertReplaceable(fs, destination);

  const suffix = randomBytes(6).toString('hex');
  const temp = path.join(parent, `.${base}.sitekit-new-${suffix}`);
  const old = path.join(parent, `.${base}.sitekit-old-${suffix}`);
  try {
    await fs.mkdir(temp, { mode: 0o755 });
    const dirs = new Set<string>([temp]);
    const placed = files.map((file) => ({ full: path.join(temp, ...safeRelative(file.path).split('/')), content: file.content }));
    for (const { full } of placed) {
      const dir = path.dirname(full);
      if (dirs.has(dir)) continue;
      await fs.mkdir(dir, { recursive: true, mode: 0o755 });
      dirs.add(dir);
    }
    // The files are independent: write and fsync them concurrently so the fsyncs overlap.
    // allSettled, not all: nothing may still be writing when a failure removes the folder.
    const writes = await Promise.allSettled(
      placed.map(async ({ full, content }) => {
        const handle = await fs.open(full, 'wx', 0o644);
        try {
          await handle.writeFile(content, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
    const failed = writes.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all([...dirs].map((dir) => syncDir(fs, dir)));
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }

  try {
    if (replacing) {
      await fs.rename(destination, old);
      try {
        await fs.rename(temp, destination);
      } catch (error) {
        await fs.rename(old, destination).catch(() => undefined); // put the previous bundle back
        throw error;
      }
    } else {
      await fs.rename(temp, destination);
    }
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  await syncDir(fs, parent);
  if (replacing) await fs.rm(old, { recursive: true, force: true });
}
