// The site's bootstrap lock (.sitekit/cluster/bootstrap.lock): one creator wins, a live holder
// refuses the second with who holds it since when and where, a lock whose process is gone (or
// older than a day, or damaged) is taken over and said so, release removes only its own lock.
// Real files in a temporary folder; "other processes" are other pids and hosts, told apart by
// an injected isAlive, plus one real process that has ended.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireBootstrapLock,
  bootstrapLockPath,
  BootstrapLockError,
  processAlive,
  type AcquireBootstrapLockOptions,
  type BootstrapLockHolder,
} from '../../../main/core/cluster/bootstrap-lock';

let siteDir: string;
beforeEach(async () => {
  siteDir = await mkdtemp(path.join(tmpdir(), 'sitekit-lock-'));
});
afterEach(async () => {
  await rm(siteDir, { recursive: true, force: true });
});

/** 3 May 2026, 15:30 local time: the sentences show local clock times. */
const NOW = new Date(2026, 4, 3, 15, 30);
const HOST = 'plant-a-laptop';
const alive = new Set([1234, 4321]);
const as = (pid: number, extra: Partial<AcquireBootstrapLockOptions> = {}): AcquireBootstrapLockOptions => ({
  by: 'app',
  siteName: 'plant-a',
  now: () => NOW,
  hostname: HOST,
  pid,
  isAlive: (p) => alive.has(p),
  ...extra,
});

async function writeLock(holder: BootstrapLockHolder): Promise<string> {
  const file = bootstrapLockPath(siteDir);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(holder)}\n`);
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<BootstrapLockError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BootstrapLockError);
  return error as BootstrapLockError;
}

describe('the bootstrap lock of a site', () => {
  it('is created in .sitekit/cluster with who holds it, and release removes it', async () => {
    const lock = await acquireBootstrapLock(siteDir, as(1234, { by: 'cli' }));
    expect(lock.file).toBe(path.join(siteDir, '.sitekit', 'cluster', 'bootstrap.lock'));
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toEqual({ pid: 1234, hostname: HOST, startedAt: NOW.toISOString(), by: 'cli' });
    expect(lock.tookOver).toBeUndefined();
    await lock.release();
    expect(existsSync(lock.file)).toBe(false);
    // Twice is harmless.
    await lock.release();
  });

  it('refuses a second bootstrap while the first runs, saying which one, since when and where', async () => {
    const first = await acquireBootstrapLock(siteDir, as(1234, { by: 'cli', now: () => new Date(2026, 4, 3, 15, 2) }));
    const error = await refusal(acquireBootstrapLock(siteDir, as(4321)));
    expect(error.problem).toBe('held');
    expect(error.holder).toMatchObject({ pid: 1234, by: 'cli' });
    expect(error.message).toBe(
      `A GitOps bootstrap of plant-a is already running (sitekit cluster bootstrap, pid 1234, since 15:02 on this computer): wait for it or stop it there. If nothing runs there any more, delete ${first.file}.`,
    );
    // The refused one did not touch it; after the first ends, the next one starts.
    expect(JSON.parse(await readFile(first.file, 'utf8'))).toMatchObject({ pid: 1234 });
    await first.release();
    const next = await acquireBootstrapLock(siteDir, as(4321));
    expect(next.tookOver).toBeUndefined();
    await next.release();
  });

  it('names the app, and the day when the lock is not from today', async () => {
    await writeLock({ pid: 1234, hostname: HOST, startedAt: new Date(2026, 4, 2, 23, 5).toISOString(), by: 'app' });
    const error = await refusal(acquireBootstrapLock(siteDir, as(4321)));
    expect(error.message).toContain('(the Sitekit app, pid 1234, since 2026-05-02 23:05 on this computer)');
  });

  it('takes over a lock whose process is no longer running, and says so', async () => {
    const file = await writeLock({ pid: 999, hostname: HOST, startedAt: new Date(2026, 4, 3, 14, 0).toISOString(), by: 'cli' });
    const lock = await acquireBootstrapLock(siteDir, as(4321));
    expect(lock.tookOver).toBe('The bootstrap lock of plant-a was left by sitekit cluster bootstrap, pid 999, since 14:00 on this computer, which is no longer running: Sitekit took it over.');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: 4321, by: 'app' });
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('asks the system whether the holder still runs: this process does, one that ended does not', () => {
    expect(processAlive(process.pid)).toBe(true);
    const ended = spawnSync(process.execPath, ['-e', '']);
    expect(ended.status).toBe(0);
    expect(processAlive(ended.pid)).toBe(false);
  });

  it('another computer (a site folder on a share): its pid cannot be asked; held for a day, then taken over', async () => {
    await writeLock({ pid: 77, hostname: 'build-laptop', startedAt: new Date(2026, 4, 3, 9, 15).toISOString(), by: 'cli' });
    const error = await refusal(acquireBootstrapLock(siteDir, as(4321)));
    expect(error.message).toContain('(sitekit cluster bootstrap, pid 77, since 09:15 on build-laptop): wait for it or stop it there.');

    await writeLock({ pid: 77, hostname: 'build-laptop', startedAt: new Date(2026, 4, 2, 15, 29).toISOString(), by: 'cli' });
    const lock = await acquireBootstrapLock(siteDir, as(4321));
    expect(lock.tookOver).toBe('The bootstrap lock of plant-a was left by sitekit cluster bootstrap, pid 77, since 2026-05-02 15:29 on build-laptop, more than 24 hours ago: Sitekit took it over.');
    await lock.release();
  });

  it('takes over a lock older than a day even when its pid exists (reused after a restart)', async () => {
    await writeLock({ pid: 1234, hostname: HOST, startedAt: new Date(2026, 4, 1, 8, 0).toISOString(), by: 'app' });
    const lock = await acquireBootstrapLock(siteDir, as(4321));
    expect(lock.tookOver).toContain('more than 24 hours ago: Sitekit took it over.');
    await lock.release();
  });

  it('a damaged lock: taken over once it is older than a few seconds, else it is being written', async () => {
    const file = await writeLock({ pid: 1, hostname: HOST, startedAt: NOW.toISOString(), by: 'app' });
    await writeFile(file, '');
    // Just created (its JSON not written yet): someone is starting. (The file's time is the real clock's.)
    const now = () => new Date();
    const starting = await refusal(acquireBootstrapLock(siteDir, as(4321, { now })));
    expect(starting.message).toBe(`A GitOps bootstrap of plant-a is starting at this moment (its lock ${file} was just created): wait for it, or start again in a minute.`);
    expect((await stat(file)).size).toBe(0);

    const minuteAgo = new Date(Date.now() - 60_000);
    await writeFile(file, '{"pid": "not a number"');
    await utimes(file, minuteAgo, minuteAgo);
    const lock = await acquireBootstrapLock(siteDir, as(4321, { now }));
    expect(lock.tookOver).toBe(`The bootstrap lock of plant-a (${file}) is not one Sitekit wrote (empty or damaged): Sitekit took it over.`);
    await lock.release();
  });

  it('a lock of this very process that it no longer holds (its release failed) is left over', async () => {
    await writeLock({ pid: 4321, hostname: HOST, startedAt: new Date(2026, 4, 3, 12, 0).toISOString(), by: 'app' });
    const lock = await acquireBootstrapLock(siteDir, as(4321));
    expect(lock.tookOver).toContain('was left by an earlier bootstrap of this same Sitekit (the Sitekit app, pid 4321, since 12:00 on this computer), which has ended');
    // One it does hold refuses, as any live one.
    const error = await refusal(acquireBootstrapLock(siteDir, as(4321)));
    expect(error.problem).toBe('held');
    await lock.release();
  });

  it('release leaves a lock that is no longer its own', async () => {
    const lock = await acquireBootstrapLock(siteDir, as(1234));
    const theirs = { pid: 4321, hostname: 'other', startedAt: NOW.toISOString(), by: 'cli' } as const;
    await writeLock(theirs);
    await lock.release();
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toEqual(theirs);
  });

  it('of many starting at once exactly one gets it', async () => {
    const pids = [11, 12, 13, 14, 15, 16];
    for (const p of pids) alive.add(p);
    try {
      const outcomes = await Promise.allSettled(pids.map((p) => acquireBootstrapLock(siteDir, as(p))));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as BootstrapLockError).problem).toBe('held');
      await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireBootstrapLock>>>).value.release();
    } finally {
      for (const p of pids) alive.delete(p);
    }
  });

  it('of many taking over the same left-over lock at once exactly one gets it', async () => {
    await writeLock({ pid: 999, hostname: HOST, startedAt: NOW.toISOString(), by: 'cli' });
    const pids = [21, 22, 23, 24, 25, 26];
    for (const p of pids) alive.add(p);
    try {
      const outcomes = await Promise.allSettled(pids.map((p) => acquireBootstrapLock(siteDir, as(p))));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lock = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireBootstrapLock>>>).value;
      expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: lock.holder.pid });
      await lock.release();
      // Nothing moved aside is left behind.
      expect(await readdir(path.dirname(lock.file))).toEqual([]);
    } finally {
      for (const p of pids) alive.delete(p);
    }
  });

  it('a folder where the lock goes, or a site folder that cannot be written, is said as such', async () => {
    await mkdir(bootstrapLockPath(siteDir), { recursive: true });
    const folder = await refusal(acquireBootstrapLock(siteDir, as(4321)));
    expect(folder.problem).toBe('unusable');
    expect(folder.message).toBe(`${bootstrapLockPath(siteDir)} is not a file, so it is not the lock of a GitOps bootstrap: remove it, then start the bootstrap again.`);
    await rm(path.join(siteDir, '.sitekit'), { recursive: true });

    // root writes anywhere: there is nothing to refuse.
    if (process.getuid?.() === 0) return;
    await chmod(siteDir, 0o555);
    try {
      const readOnly = await refusal(acquireBootstrapLock(siteDir, as(4321)));
      expect(readOnly.problem).toBe('unusable');
      expect(readOnly.message).toContain('(EACCES): the GitOps bootstrap takes this lock so that only one runs for the site at a time; make the site folder writable');
    } finally {
      await chmod(siteDir, 0o755);
    }
  });

  it('uses this computer’s name and this process by default', async () => {
    const lock = await acquireBootstrapLock(siteDir, { by: 'cli', siteName: 'plant-a' });
    expect(lock.holder).toMatchObject({ pid: process.pid, hostname: hostname(), by: 'cli' });
    await lock.release();
  });
});
