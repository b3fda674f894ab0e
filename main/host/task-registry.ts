// Long calls the UI may stop (cluster.watchInstall, bootstrap, verify, drift): each runs under an
// AbortController kept by its taskId until it ends, so cluster.cancel({taskId}) can abort it.
import { HandlerError } from './handlers/common';

export interface TaskRegistry {
  /** Runs `work` with a signal that cancel(taskId) aborts; refuses a taskId that is still running. */
  run<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborts the task; true when one with this id was running. */
  cancel(taskId: string): boolean;
  running(): string[];
}

/** How long a cancel of a task not running yet is kept, and how many such ids at the most. */
const EARLY_CANCEL_MS = 60_000;
const MAX_EARLY_CANCELS = 64;

export function createTaskRegistry(now: () => number = Date.now): TaskRegistry {
  const tasks = new Map<string, AbortController>();
  // A call registers its task only after reading the site (and a folder): a Stop pressed in that
  // gap names a task that does not run yet. It is kept a minute, and the task starts stopped.
  const earlyCancels = new Map<string, number>();
  const cancelledEarly = (taskId: string): boolean => {
    for (const [id, at] of earlyCancels) if (now() - at > EARLY_CANCEL_MS) earlyCancels.delete(id);
    return earlyCancels.delete(taskId);
  };
  return {
    async run(taskId, work) {
      if (tasks.has(taskId)) {
        throw new HandlerError('invalid-input', `A task with the id ${taskId} is still running: wait for it, cancel it, or use another id.`);
      }
      const controller = new AbortController();
      if (cancelledEarly(taskId)) controller.abort();
      tasks.set(taskId, controller);
      try {
        return await work(controller.signal);
      } finally {
        if (tasks.get(taskId) === controller) tasks.delete(taskId);
      }
    },
    cancel(taskId) {
      const controller = tasks.get(taskId);
      if (!controller) {
        // Not running (yet, or any more): false, as nothing was stopped now; should it start
        // within the minute, it starts stopped.
        earlyCancels.set(taskId, now());
        if (earlyCancels.size > MAX_EARLY_CANCELS) earlyCancels.delete(earlyCancels.keys().next().value!);
        return false;
      }
      controller.abort();
      tasks.delete(taskId);
      return true;
    },
    running: () => [...tasks.keys()],
  };
}
