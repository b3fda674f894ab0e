// Puts a bundle on disk so that at every instant either the previous bundle or the new one,
// complete, is at the target or can be recovered (DESIGN §7). Every file is written and
// fsynced into a folder next to the target (same parent, so the same file system); folders
// are then only renamed. No OS exchange is used: Linux renameat2(RENAME_EXCHANGE) and macOS
// renamex_np(RENAME_SWAP) are not reachable from Node without a native addon, and Windows has
// none; flipping a symlink would be atomic but would turn the target into a link (which Git,
// a copy to a USB stick or an export see differently). Instead every intermediate folder has
// a name that says what it holds, and recoverBundle (run by every writeBundle before it
// starts, and by Sitekit before it reads a bundle folder) finishes or undoes a swap that a
// crash interrupted.
//
// Names, next to target T, with P the writer's pid and X a random id:
//   .T.sitekit-tmp-P-X  being written; may be incomplete       → always garbage
//   .T.sitekit-new-P-X  the new bundle, complete and fsynced   → garbage while T exists
//   .T.sitekit-old-P-X  the previous bundle, complete          → garbage while T exists
//   .T.sitekit-del-P-X  being deleted                          → always garbage
// A complete folder is never deleted under its own name: it is renamed to del-* first, so a
// new-*/old-* folder is always complete. (Sitekit before this scheme wrote .T.sitekit-new-X,
// which may be incomplete, and .T.sitekit-old-X: they are read as tmp-* and old-*.)
//
// The swap, and what recovery does after a crash in each state:
//   A  T = old (or none), tmp-X being written      → remove tmp-X
//   B  rename tmp-X → new-X, fsync the parent
//      T = old, new-X                              → T stands: discard new-X (no T yet: put new-X in)
//   C  rename T → old-X                    (only when T existed; the commit point)
//      no T, old-X, new-X                          → roll forward: rename new-X → T, discard old-X
//   D  rename new-X → T, fsync the parent
//      T = new, old-X                              → discard old-X
//   E  rename old-X → del-X, then remove del-X
//      T = new, del-X                              → remove del-X
// Recovery itself only renames and removes garbage, so a crash during it is recovered the same
// way. With no T and no new-*, a leftover old-* is put back. Folders of a live writer (its pid
// exists; in this process: a swap still running) are never touched, and nothing is moved into
// T while one is in flight. A failure (not a crash) inside writeBundle is undone at once: before
// C the new folder is discarded, after C the previous bundle is put back, so a failed run
// leaves the previous bundle, as before.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from '../../fs/atomic-write';
import type { GeneratedFile } from '../files';

/** The subset of fs/promises the writer uses; tests inject failures through it. */
export type BundleFs = Pick<typeof nodeFs, 'mkdir' | 'open' | 'rename' | 'rm' | 'stat' | 'readdir'>;

/**
 * The points between the steps of a swap (state A-E above) and of a recovery, where a test
 * may simulate a crash.
 */
export type SwapPoint =
  | 'written' // A complete: tmp-X holds every file, fsynced
  | 'sealed' // B: new-X
  | 'moved-aside' // C: old-X, no T
  | 'placed' // D: T = new
  | 'discarding' // E: del-X
  | 'recovery-removed' // recovery removed one garbage folder
  | 'recovery-placed' // recovery renamed a leftover to T
  | 'recovery-discarding'; // recovery renamed a leftover to del-*

/** Called at each SwapPoint. When it throws, the writer stops there as if the process had died. */
export type SwapFaults = (point: SwapPoint) => void | Promise<void>;

export interface WriteBundleOptions {
  fs?: BundleFs;
  /**
   * Tests only: crash injection. When the hook throws, writeBundle (or recoverBundle) stops
   * right there without cleaning up or rolling back — as a killed process would — and rethrows;
   * the next writeBundle or recoverBundle recovers the leftovers.
   */
  faults?: SwapFaults;
}

/** Files that mark a folder as a Sitekit bundle, which writeBundle may replace. */
const BUNDLE_MARKERS = ['bundle.json', 'SHA256SUMS'];

type Kind = 'tmp' | 'new' | 'old' | 'del';

interface Leftover {
  full: string;
  kind: Kind;
  /** undefined for names of Sitekit before the pid was in the name. */
  pid: number | undefined;
  id: string;
}

/** Ids of the swaps running in this process: their folders are live. */
const activeSwaps = new Set<string>();
/** Swaps of one target in this process run one after the other. */
const targetQueues = new Map<string, Promise<unknown>>();

/** What a throwing fault hook becomes inside: it skips every cleanup on its way out. */
class SimulatedCrash extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

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

function leftoverName(base: string, kind: Kind, pid: number | undefined, id: string): string {
  return `.${base}.sitekit-${kind}-${pid === undefined ? '' : `${pid}-`}${id}`;
}

function parseLeftover(parent: string, base: string, name: string): Leftover | undefined {
  const prefix = `.${base}.sitekit-`;
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(tmp|new|old|del)-(?:(\d+)-)?([0-9a-f]{12})$/.exec(name.slice(prefix.length));
  if (!match) return undefined;
  const pid = match[2] === undefined ? undefined : Number(match[2]);
  let kind = match[1] as Kind;
  // Before the pid was in the name, new-* was written in place and may be incomplete.
  if (pid === undefined && kind === 'new') kind = 'tmp';
  return { full: path.join(parent, name), kind, pid, id: match[3]! };
}

function isLive(leftover: Leftover): boolean {
  if (leftover.pid === undefined) return false;
  if (leftover.pid === process.pid) return activeSwaps.has(leftover.id);
  try {
    process.kill(leftover.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

async function crashPoint(faults: SwapFaults | undefined, point: SwapPoint): Promise<void> {
  if (!faults) return;
  try {
    await faults(point);
  } catch (error) {
    throw new SimulatedCrash(error);
  }
}

async function serialized<T>(key: string, run: () => Promise<T>): Promise<T> {
  const current = (targetQueues.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
  targetQueues.set(key, current);
  try {
    return await current;
  } finally {
    if (targetQueues.get(key) === current) targetQueues.delete(key);
  }
}

/**
 * Finishes or undoes a swap of `target` that a crashed Sitekit left behind and removes its
 * leftovers (see the state machine above). Safe to call at any time, also while another
 * Sitekit writes the same target: the folders of a live writer are left alone.
 */
export async function recoverBundle(target: string, options: WriteBundleOptions = {}): Promise<void> {
  try {
    await recoverLeftovers(options.fs ?? nodeFs, path.resolve(target), options.faults);
  } catch (error) {
    throw error instanceof SimulatedCrash ? error.original : error;
  }
}

async function recoverLeftovers(fs: BundleFs, destination: string, faults: SwapFaults | undefined): Promise<void> {
  const parent = path.dirname(destination);
  const base = path.basename(destination);
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const leftovers = names.map((name) => parseLeftover(parent, base, name)).filter((l): l is Leftover => l !== undefined);
  if (leftovers.length === 0) return;
  const dead = leftovers.filter((l) => !isLive(l));
  const swapInFlight = dead.length < leftovers.length;

  for (const garbage of dead.filter((l) => l.kind === 'tmp' || l.kind === 'del')) {
    await fs.rm(garbage.full, { recursive: true, force: true });
    await crashPoint(faults, 'recovery-removed');
  }
  const complete = dead.filter((l) => l.kind === 'new' || l.kind === 'old');
  if (complete.length === 0) return;

  if (!(await exists(fs, destination))) {
    if (swapInFlight) return; // the live writer puts its bundle in place
    // Roll forward to the newest complete new bundle; without one, put the old one back.
    const candidates = complete.filter((l) => l.kind === 'new');
    const pool = candidates.length > 0 ? candidates : complete;
    const times = await Promise.all(pool.map(async (l) => (await fs.stat(l.full)).mtimeMs));
    const chosen = pool[times.indexOf(Math.max(...times))]!;
    await fs.rename(chosen.full, destination);
    await syncDir(fs, parent);
    await crashPoint(faults, 'recovery-placed');
    complete.splice(complete.indexOf(chosen), 1);
  }
  // T stands: every other complete leftover is an earlier or abandoned version.
  for (const stale of complete) {
    // A fresh id: a del-* of the same swap may still be there if removing it failed before.
    const doomed = path.join(parent, leftoverName(base, 'del', stale.pid, randomBytes(6).toString('hex')));
    await fs.rename(stale.full, doomed);
    await crashPoint(faults, 'recovery-discarding');
    await fs.rm(doomed, { recursive: true, force: true });
  }
}

export async function writeBundle(target: string, files: readonly GeneratedFile[], options: WriteBundleOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const destination = path.resolve(target);
  try {
    // Queued before the first await, so writes of one target land in the order of the calls.
    await serialized(destination, () => swapIn(fs, destination, files, options.faults));
  } catch (error) {
    throw error instanceof SimulatedCrash ? error.original : error;
  }
}

async function swapIn(fs: BundleFs, destination: string, files: readonly GeneratedFile[], faults: SwapFaults | undefined): Promise<void> {
  const parent = path.dirname(destination);
  const base = path.basename(destination);
  await fs.mkdir(parent, { recursive: true });
  await recoverLeftovers(fs, destination, undefined);
  const replacing = await exists(fs, destination);
  if (replacing) await assertReplaceable(fs, destination);

  const id = randomBytes(6).toString('hex');
  const name = (kind: Kind) => path.join(parent, leftoverName(base, kind, process.pid, id));
  const temp = name('tmp');
  const fresh = name('new');
  const old = name('old');
  const doomed = name('del');
  /** Renames a complete folder to del-X, then removes it: never a half-deleted new/old. */
  const discard = async (folder: string) => {
    await fs.rename(folder, doomed);
    await fs.rm(doomed, { recursive: true, force: true });
  };

  activeSwaps.add(id);
  try {
    let state: 'A' | 'B' | 'C' | 'D' = 'A';
    try {
      // A: write every file into tmp-X.
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
      await crashPoint(faults, 'written');

      // B: complete, under a name that says so.
      await fs.rename(temp, fresh);
      state = 'B';
      await syncDir(fs, parent);
      await crashPoint(faults, 'sealed');

      // C: the previous bundle aside (the commit point: from here recovery rolls forward).
      if (replacing) {
        await fs.rename(destination, old);
        state = 'C';
        await crashPoint(faults, 'moved-aside');
      }

      // D: the new bundle in place.
      await fs.rename(fresh, destination);
      state = 'D';
      await syncDir(fs, parent);
      await crashPoint(faults, 'placed');
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      // A failure, not a crash: undo it now, so the previous bundle stays (or comes back).
      if (state === 'A') await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
      if (state === 'C') await fs.rename(old, destination).catch(() => undefined);
      if (state === 'B' || state === 'C') await discard(fresh).catch(() => undefined);
      throw error;
    }

    // E: the previous bundle goes. The new one is in place, so a failure here is not the
    // caller's: the leftover is dead once this swap ends, and the next recovery removes it.
    if (replacing) {
      try {
        await fs.rename(old, doomed);
        await crashPoint(faults, 'discarding');
        await fs.rm(doomed, { recursive: true, force: true });
      } catch (error) {
        if (error instanceof SimulatedCrash) throw error;
      }
    }
  } finally {
    activeSwaps.delete(id);
  }
}
