// Shared test data for the app shell: the bundled example and temp folders.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const EXAMPLE_PATH = path.join(REPO_ROOT, 'resources/examples/plant-a.site.yaml');

export function readExample(): Promise<string> {
  return readFile(EXAMPLE_PATH, 'utf8');
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * rm for a folder the app may still be writing into (an autosave or draft finishing after the
 * test): retry on ENOTEMPTY/EBUSY instead of failing the test on a busy machine.
 */
export const RM_SETTLING = { recursive: true, force: true, maxRetries: 10, retryDelay: 100 } as const;

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-test-'));
  return { dir, cleanup: () => rm(dir, RM_SETTLING) };
}

/** Every file below `root` with its text, keyed by its /-separated relative path. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
  }
  return out;
}
