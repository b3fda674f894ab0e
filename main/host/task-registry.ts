// Long calls the UI may stop (cluster.watchInstall, cluster.bootstrap): each runs under an
// AbortController kept by its taskId until it ends, so cluster.cancel({taskId}) can abort it.
import { HandlerError } from './handlers/common';

export interface TaskRegistry {
  /** Runs `work` with a signal that cancel(taskId) aborts; refuses a taskId that is still running. */
  run<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborts the task; true when one with this id was running. */
  cancel(taskId: string): boolean;
  running(): string[];
}

export function createTaskRegistry(): TaskRegistry {
  const tasks = new Map<string, AbortController>();
  return {
    async run(taskId, work) {
      if (tasks.has(taskId)) {
        throw new HandlerError('invalid-input', `A task with the id ${taskId} is still running: wait for it, cancel it, or use another id.`);
      }
      const controller = new AbortController();
      tasks.set(taskId, controller);
      try {
        return await work(controller.signal);
      } finally {
        if (tasks.get(taskId) === controller) tasks.delete(taskId);
      }
    },
    cancel(taskId) {
      const controller = tasks.get(taskId);
      if (!controller) return false;
      controller.abort();
      tasks.delete(taskId);
      return true;
    },
    running: () => [...tasks.keys()],
  };
}
