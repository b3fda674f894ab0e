// cluster.cancel and the task registry: a Stop that reaches the host before the call has
// registered its task (it reads the site first) still stops it; nothing else is kept for long.
import { describe, expect, it } from 'vitest';
import { createTaskRegistry } from '../../../main/host/task-registry';

const untilAborted = (signal: AbortSignal) =>
  new Promise<string>((resolve) => {
    if (signal.aborted) resolve('stopped at start');
    else signal.addEventListener('abort', () => resolve('stopped while running'), { once: true });
  });

describe('task registry', () => {
  it('stops a running task, and answers false for one that is not running', async () => {
    const tasks = createTaskRegistry();
    const running = tasks.run('t1', untilAborted);
    expect(tasks.running()).toEqual(['t1']);
    expect(tasks.cancel('t1')).toBe(true);
    await expect(running).resolves.toBe('stopped while running');
    expect(tasks.running()).toEqual([]);
    expect(tasks.cancel('t1')).toBe(false);
  });

  it('a cancel just before the task registers makes it start stopped', async () => {
    const tasks = createTaskRegistry();
    expect(tasks.cancel('early')).toBe(false);
    await expect(tasks.run('early', untilAborted)).resolves.toBe('stopped at start');
    // Used once: the same id runs normally afterwards.
    const again = tasks.run('early', untilAborted);
    expect(tasks.cancel('early')).toBe(true);
    await expect(again).resolves.toBe('stopped while running');
  });

  it('forgets an early cancel after a minute', async () => {
    let clock = 0;
    const tasks = createTaskRegistry(() => clock);
    tasks.cancel('late');
    clock = 61_000;
    const run = tasks.run('late', untilAborted);
    expect(tasks.running()).toEqual(['late']);
    tasks.cancel('late');
    await expect(run).resolves.toBe('stopped while running');
  });

  it('refuses a second task with the id of one still running', async () => {
    const tasks = createTaskRegistry();
    const first = tasks.run('dup', untilAborted);
    await expect(tasks.run('dup', untilAborted)).rejects.toThrow(/still running/);
    tasks.cancel('dup');
    await first;
  });
});
