// One GitOps bootstrap per site at a time, across processes: the app (desktop or web host) and
// `sitekit cluster bootstrap` take <site dir>/.sitekit/cluster/bootstrap.lock before applying
// anything (two would apply and follow the same objects, and each would report the other's
// changes). The file is created with O_EXCL, so exactly one creator wins; it says who holds it
// ({pid, hostname, startedAt, by}) for the sentence the second one gets. A lock is stale — and
// taken over, saying so — when its process is gone (same host, the pid no longer exists), when it
// is older than 24 hours (the only test for a lock taken on another computer, e.g. a site folder
// on a share), or when it holds no lock Sitekit wrote. Release removes it only while it is still
// this lock, and never throws: a lock left behind by a process that died is stale at once.
import { randomUUID } from 'node:crypto';
import { link, lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { clusterWorkspace } from './verification-store';

export type BootstrapLockOwner = 'app' | 'cli';

export interface BootstrapLockHolder {
  pid: number;
  hostname: string;
  /** ISO 8601. */
  startedAt: string;
  by: BootstrapLockOwner;
}

export const BOOTSTRAP_LOCK_FILE = 'bootstrap.lock';
/** A bootstrap follows its waves for hours at most: a lock older than this is left over. */
export const STALE_LOCK_AGE_MS = 24 * 60 * 60 * 1000;
/** A lock file without its JSON is being written by the process that just created it, for this long at most. */
const WRITE_GRACE_MS = 10_000;
/** Four short fields: anything larger was not written by Sitekit. */
const MAX_LOCK_BYTES = 4096;
/** Creations lost to other processes taking over the same stale lock, before giving up. */
const MAX_ATTEMPTS = 5;

export function bootstrapLockPath(siteDir: string): string {
  return path.join(clusterWorkspace(siteDir), BOOTSTRAP_LOCK_FILE);
}

/** `held`: another bootstrap of the site runs; `unusable`: the lock file cannot be created or read. */
export class BootstrapLockError extends Error {
  constructor(
    readonly problem: 'held' | 'unusable',
    message: string,
    readonly holder?: BootstrapLockHolder,
  ) {
    super(message);
    this.name = 'BootstrapLockError';
  }
}

export interface BootstrapLock {
  file: string;
  holder: BootstrapLockHolder;
  /** Set when a stale lock was taken over: the sentence to show the technician. */
  tookOver?: string;
  /** Removes the lock while it is still this one; never throws. */
  release(): Promise<void>;
}

export interface AcquireBootstrapLockOptions {
  by: BootstrapLockOwner;
  /** The site's name (metadata.name), for the sentences. */
  siteName: string;
  /** For tests: the clock, this computer's name, this process and whether a process exists. */
  now?: () => Date;
  hostname?: string;
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

const holderSchema = z.looseObject({
  pid: z.number().int().positive(),
  hostname: z.string().min(1).max(255),
  startedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  by: z.enum(['app', 'cli']),
});

/** The locks this process holds now (file → its text): one of ours that is not here was left by an earlier run. */
const heldHere = new Map<string, string>();

/** Signal 0 only asks whether the process exists; EPERM means it does (another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export async function acquireBootstrapLock(siteDir: string, options: AcquireBootstrapLockOptions): Promise<BootstrapLock> {
  const file = bootstrapLockPath(siteDir);
  const now = options.now ?? (() => new Date());
  const here = options.hostname ?? osHostname();
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processAlive;
  const holder: BootstrapLockHolder = { pid, hostname: here, startedAt: now().toISOString(), by: options.by };
  const text = `${JSON.stringify(holder)}\n`;
  const unusable = (error: unknown, doing: string) =>
    new BootstrapLockError(
      'unusable',
      `Sitekit could not ${doing} ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): the GitOps bootstrap takes this lock so that only one runs for the site at a time; make the site folder writable, then start it again.`,
    );
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw unusable(error, 'create the folder of');
  }

  let tookOver: string | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await create(file, text, unusable)) {
      heldHere.set(file, text);
      let released = false;
      return {
        file,
        holder,
        ...(tookOver ? { tookOver } : {}),
        async release() {
          if (released) return;
          released = true;
          if (heldHere.get(file) === text) heldHere.delete(file);
          try {
            // Taken over meanwhile (it was older than a day): that lock is not ours to remove.
            if ((await readFile(file, 'utf8')) === text) await rm(file);
          } catch {
            // Gone already, or unreadable: nothing of ours to remove.
          }
        },
      };
    }
    const seen = await inspect(file, unusable);
    if (!seen) continue; // released (or taken over) between the two calls
    const verdict = judge(seen, { file, siteName: options.siteName, now: now(), here, pid, isAlive });
    if (verdict.state === 'live') throw new BootstrapLockError('held', verdict.message, verdict.holder);
    if (await removeIfUnchanged(file, seen, unusable)) tookOver = verdict.message;
  }
  throw new BootstrapLockError('held', `Other runs of the GitOps bootstrap of ${options.siteName} took its lock ${file} at the same moment: wait for them, then start it again.`);
}

type Unusable = (error: unknown, doing: string) => BootstrapLockError;

/** Creates the lock with O_EXCL: true when this call made it, false when it exists. */
async function create(file: string, text: string, unusable: Unusable): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw unusable(error, 'create');
  }
  try {
    await handle.writeFile(text);
    await handle.close();
    return true;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true }).catch(() => undefined);
    throw unusable(error, 'write');
  }
}

interface SeenLock {
  text?: string;
  mtimeMs: number;
  /** The file's identity and content: a different value means another process replaced it. */
  fingerprint: string;
}

/** The lock file as it is now, or undefined when it is gone. */
async function inspect(file: string, unusable: Unusable): Promise<SeenLock | undefined> {
  try {
    const info = await lstat(file);
    if (!info.isFile()) {
      throw new BootstrapLockError('unusable', `${file} is not a file, so it is not the lock of a GitOps bootstrap: remove it, then start the bootstrap again.`);
    }
    const text = info.size <= MAX_LOCK_BYTES ? await readFile(file, 'utf8') : undefined;
    return { ...(text !== undefined ? { text } : {}), mtimeMs: info.mtimeMs, fingerprint: `${info.ino}:${info.size}:${info.mtimeMs}:${text ?? ''}` };
  } catch (error) {
    if (error instanceof BootstrapLockError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unusable(error, 'read');
  }
}

type Verdict = { state: 'live'; message: string; holder?: BootstrapLockHolder } | { state: 'stale'; message: string };

function judge(
  seen: SeenLock,
  context: { file: string; siteName: string; now: Date; here: string; pid: number; isAlive: (pid: number) => boolean },
): Verdict {
  const { file, siteName, now, here } = context;
  let data: unknown;
  try {
    data = seen.text === undefined ? undefined : JSON.parse(seen.text);
  } catch {
    data = undefined;
  }
  const parsed = holderSchema.safeParse(data);
  if (!parsed.success) {
    if (now.getTime() - seen.mtimeMs < WRITE_GRACE_MS) {
      return { state: 'live', message: `A GitOps bootstrap of ${siteName} is starting at this moment (its lock ${file} was just created): wait for it, or start again in a minute.` };
    }
    return { state: 'stale', message: `The bootstrap lock of ${siteName} (${file}) is not one Sitekit wrote (empty or damaged): Sitekit took it over.` };
  }
  const holder: BootstrapLockHolder = { pid: parsed.data.pid, hostname: parsed.data.hostname, startedAt: parsed.data.startedAt, by: parsed.data.by };
  const who = describeHolder(holder, here, now);
  if (holder.hostname === here) {
    if (holder.pid === context.pid && heldHere.get(file) !== seen.text) {
      return { state: 'stale', message: `The bootstrap lock of ${siteName} was left by an earlier bootstrap of this same Sitekit (${who}), which has ended: Sitekit took it over.` };
    }
    if (!context.isAlive(holder.pid)) {
      return { state: 'stale', message: `The bootstrap lock of ${siteName} was left by ${who}, which is no longer running: Sitekit took it over.` };
    }
  }
  if (now.getTime() - Date.parse(holder.startedAt) > STALE_LOCK_AGE_MS) {
    return { state: 'stale', message: `The bootstrap lock of ${siteName} was left by ${who}, more than 24 hours ago: Sitekit took it over.` };
  }
  return {
    state: 'live',
    holder,
    message: `A GitOps bootstrap of ${siteName} is already running (${who}): wait for it or stop it there. If nothing runs there any more, delete ${file}.`,
  };
}

/** "sitekit cluster bootstrap, pid 1234, since 15:02 on this computer". */
export function describeHolder(holder: BootstrapLockHolder, here: string, now: Date): string {
  const by = holder.by === 'cli' ? 'sitekit cluster bootstrap' : 'the Sitekit app';
  const where = holder.hostname === here ? 'on this computer' : `on ${holder.hostname}`;
  return `${by}, pid ${holder.pid}, since ${clock(new Date(holder.startedAt), now)} ${where}`;
}

/** Local time of day; with the date when it is not today's. */
function clock(at: Date, now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? time : `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}

/**
 * Moves the stale lock aside and removes it, if it is still the file that was judged: two
 * processes taking over the same stale lock must not remove the fresh one the first created.
 * True when it was removed here.
 */
async function removeIfUnchanged(file: string, seen: SeenLock, unusable: Unusable): Promise<boolean> {
  const aside = `${file}.${randomUUID()}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw unusable(error, 'take over');
  }
  try {
    const moved = await inspect(aside, unusable).catch(() => undefined);
    if (moved?.fingerprint === seen.fingerprint) return true;
    // Another process had replaced it with its own lock meanwhile: put that back (link never
    // replaces a file; where the file system has no hard links, rename does it).
    await link(aside, file).catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await rename(aside, file).catch(() => undefined);
    });
    return false;
  } finally {
    await rm(aside, { force: true }).catch(() => undefined);
  }
}
