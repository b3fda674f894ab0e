// Runs inside a worker thread (see check-offload.ts): checks and edits of large site texts,
// so the one event loop that answers every request (web host, Electron main) never waits for
// them. Plain data in, plain data out; a FieldEditError travels as its fields.
import { parentPort } from 'node:worker_threads';
import { checkSiteText } from '../core/site/check';
import { applyFieldEdits, FieldEditError, type FieldEditInput } from '../core/site/edit';

export type CheckJobInput = { op: 'check'; text: string } | { op: 'edit'; text: string; edits: FieldEditInput[] };
export type CheckJob = CheckJobInput & { id: number };

export type CheckJobResult =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; editError?: { kind: FieldEditError['kind']; message: string; path?: string }; message: string };

function run(job: CheckJob): CheckJobResult {
  try {
    const value = job.op === 'check' ? checkSiteText(job.text) : applyFieldEdits(job.text, job.edits);
    return { id: job.id, ok: true, value };
  } catch (error) {
    if (error instanceof FieldEditError) {
      const editError = { kind: error.kind, message: error.message, ...(error.path !== undefined ? { path: error.path } : {}) };
      return { id: job.id, ok: false, editError, message: error.message };
    }
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: CheckJob) => parentPort!.postMessage(run(job)));
