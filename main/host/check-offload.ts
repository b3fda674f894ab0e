// Checks (and field edits) of large site texts run in a worker thread: parsing and checking
// a 2 MiB plan takes up to about a second, and in the web host or the Electron main process
// that second would hold up every other request. Small texts — every real plan — are checked
// in-process, where it takes milliseconds. One worker, started on first use and ended when
// idle; a job that runs past the time limit ends the worker (the next job starts a new one).
// Where no worker can be started (no built worker file, no tsx), the work runs in-process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { resourcesDir } from '../core/resources';
import { checkSiteText, type SiteCheck } from '../core/site/check';
import { applyFieldEdits, FieldEditError, type FieldEditInput } from '../core/site/edit';
import type { CheckJob, CheckJobInput, CheckJobResult } from './check-worker';

/** Texts up to this many characters are checked in-process (a real plan is about 5 KiB). */
export const OFFLOAD_THRESHOLD_CHARS = 128 * 1024;
/** A job that takes longer is stopped: no text within the YAML limits comes near it. */
export const CHECK_TIMEOUT_MS = 20_000;
const IDLE_MS = 30_000;

export class CheckTimeoutError extends Error {}
/** The worker never answered (it could not load): the work is done in-process instead. */
class WorkerUnavailable extends Error {}

export interface CheckOffload {
  check(text: string): Promise<SiteCheck>;
  edit(text: string, edits: readonly FieldEditInput[]): Promise<string>;
  /** Ends the worker (pending jobs fail). */
  close(): Promise<void>;
}

export interface CheckOffloadOptions {
  thresholdChars?: number;
  timeoutMs?: number;
  logError?: (message: string, error: unknown) => void;
  /** Where the worker comes from; undefined: work in-process. Default: found next to this code. */
  workerSource?: WorkerSource | undefined;
}

export type WorkerSource = { kind: 'file'; file: string } | { kind: 'typescript'; file: string; tsx: string };

export function createCheckOffload(options: CheckOffloadOptions = {}): CheckOffload {
  const threshold = options.thresholdChars ?? OFFLOAD_THRESHOLD_CHARS;
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const source = 'workerSource' in options ? options.workerSource : findWorkerSource();
  let worker: Worker | undefined;
  let nextId = 1;
  let idle: NodeJS.Timeout | undefined;
  const pending = new Map<number, { resolve: (r: CheckJobResult) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let warned = false;
  let broken = false;
  let answered = false;

  const stop = (reason: Error) => {
    const w = worker;
    worker = undefined;
    if (idle) clearTimeout(idle);
    for (const job of pending.values()) {
      clearTimeout(job.timer);
      job.reject(reason);
    }
    pending.clear();
    void w?.terminate().catch(() => undefined);
  };

  const start = (src: WorkerSource): Worker => {
    const w =
      src.kind === 'file'
        ? new Worker(src.file)
        : new Worker(`require(${JSON.stringify(src.tsx)}); require(${JSON.stringify(src.file)});`, { eval: true });
    w.unref();
    w.on('message', (result: CheckJobResult) => {
      answered = true;
      const job = pending.get(result.id);
      if (!job) return;
      pending.delete(result.id);
      clearTimeout(job.timer);
      job.resolve(result);
      if (pending.size === 0) {
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => stop(new Error('the check worker was idle')), IDLE_MS).unref();
      }
    });
    // A worker that dies before its first answer could not load (e.g. no tsx): never again.
    const died = (why: string, error?: unknown) => {
      if (worker !== w) return;
      if (!answered) {
        broken = true;
        if (!warned) options.logError?.('The check worker could not start; large plans are checked in-process', error ?? why);
        warned = true;
        stop(new WorkerUnavailable(why));
      } else {
        stop(new Error(`the check stopped unexpectedly (${why})`));
      }
    };
    w.on('error', (error) => died(error.message, error));
    w.on('exit', (code) => died(`exit code ${code}`));
    return w;
  };

  const inWorker = (job: CheckJobInput): Promise<CheckJobResult> | undefined => {
    if (!source || broken) return undefined;
    try {
      worker ??= start(source);
    } catch (error) {
      if (!warned) options.logError?.('Could not start the check worker; large plans are checked in-process', error);
      warned = true;
      return undefined;
    }
    if (idle) clearTimeout(idle);
    const id = nextId++;
    const w = worker;
    return new Promise<CheckJobResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new CheckTimeoutError(`checking the plan took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`));
        if (worker === w) stop(new CheckTimeoutError('an earlier check in the same worker ran too long and was stopped; try again'));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      w.postMessage({ ...job, id } as CheckJob);
    });
  };

  /** The job's answer from the worker, or undefined when it has to run in-process. */
  const answer = async (job: CheckJobInput): Promise<CheckJobResult | undefined> => {
    try {
      return await inWorker(job);
    } catch (error) {
      if (error instanceof WorkerUnavailable) return undefined;
      throw error;
    }
  };

  return {
    async check(text) {
      if (text.length <= threshold) return checkSiteText(text);
      const result = await answer({ op: 'check', text });
      if (!result) return checkSiteText(text);
      if (!result.ok) throw new Error(result.message);
      return result.value as SiteCheck;
    },
    async edit(text, edits) {
      if (text.length <= threshold) return applyFieldEdits(text, edits);
      const result = await answer({ op: 'edit', text, edits: [...edits] });
      if (!result) return applyFieldEdits(text, edits);
      if (result.ok) return result.value as string;
      if (result.editError) throw new FieldEditError(result.editError.kind, result.editError.message, result.editError.path);
      throw new Error(result.message);
    },
    async close() {
      stop(new Error('the check worker was closed'));
    },
  };
}

/**
 * The worker next to this code: the build's out/main/check-worker.js (this code may sit in
 * out/main/chunks/), else the TypeScript source run through tsx (a checkout, tests).
 */
export function findWorkerSource(): WorkerSource | undefined {
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  for (const dir of here ? [here, path.dirname(here)] : []) {
    const built = path.join(dir, 'check-worker.js');
    if (existsSync(built)) return { kind: 'file', file: built };
  }
  try {
    const root = path.dirname(resourcesDir());
    const file = path.join(root, 'main', 'host', 'check-worker.ts');
    if (!existsSync(file)) return undefined;
    const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx/cjs');
    return { kind: 'typescript', file, tsx };
  } catch {
    return undefined;
  }
}
