// Unsaved site text kept so it survives a crash: one file per site file,
// `<data dir>/drafts/<first 32 hex of sha256(path)>.json` = {path, text, savedAt}, written
// atomically with mode 0600 (site.yaml holds no secrets — only secretRef names — but what
// someone typed stays theirs). Without a data dir drafts live in memory. A draft file that
// cannot be read is removed and treated as absent: recovery must never stop a site opening.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_TEXT_BYTES, type SiteRecovery } from '../contract/api';
import { writeFileAtomic } from '../core/fs/atomic-write';

export const DRAFTS_DIR = 'drafts';

const draftFileSchema = z.strictObject({
  path: z.string(),
  text: z.string(),
  savedAt: z.iso.datetime(),
});

export interface DraftStore {
  /** The draft kept for `file` (an absolute path), if any. Never throws for a bad draft file. */
  get(file: string): Promise<SiteRecovery | undefined>;
  /** Keeps `text` as the draft of `file`; answers the time it was kept. */
  put(file: string, text: string): Promise<string>;
  /** Forgets the draft of `file`; true when there was one. */
  remove(file: string): Promise<boolean>;
}

export function draftFileName(file: string): string {
  return `${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 32)}.json`;
}

export function createDraftStore(
  dataDir: string | undefined,
  options: { now?: () => Date; logError?: (message: string, error: unknown) => void } = {},
): DraftStore {
  const now = options.now ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();
  /** One operation at a time, so the last autosave is the one that stays. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  if (dataDir === undefined) {
    const memory = new Map<string, SiteRecovery>();
    return {
      get: async (file) => {
        const draft = memory.get(path.resolve(file));
        return draft && { ...draft };
      },
      put: async (file, text) => {
        const savedAt = now().toISOString();
        memory.set(path.resolve(file), { text, savedAt });
        return savedAt;
      },
      remove: async (file) => memory.delete(path.resolve(file)),
    };
  }

  const dir = path.join(dataDir, DRAFTS_DIR);
  const fileOf = (site: string) => path.join(dir, draftFileName(site));
  const unlink = async (draft: string): Promise<boolean> => {
    try {
      await fs.unlink(draft);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };

  return {
    get: (site) =>
      serial(async () => {
        const file = fileOf(site);
        let data: unknown;
        try {
          const stat = await fs.stat(file);
          // A draft holds at most one site text (JSON escaping can grow it a few times).
          if (!stat.isFile() || stat.size > 8 * MAX_TEXT_BYTES) throw new Error('not a draft file');
          data = JSON.parse(await fs.readFile(file, 'utf8'));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          await discardCorrupt(file, error);
          return undefined;
        }
        const parsed = draftFileSchema.safeParse(data);
        if (!parsed.success || path.resolve(parsed.data.path) !== path.resolve(site)) {
          await discardCorrupt(file, parsed.success ? new Error('the draft belongs to another file') : parsed.error);
          return undefined;
        }
        return { text: parsed.data.text, savedAt: parsed.data.savedAt };
      }),

    put: (site, text) =>
      serial(async () => {
        const savedAt = now().toISOString();
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        const body = JSON.stringify({ path: path.resolve(site), text, savedAt });
        await writeFileAtomic(fileOf(site), `${body}\n`, { mode: 0o600 });
        return savedAt;
      }),

    remove: (site) => serial(() => unlink(fileOf(site))),
  };

  async function discardCorrupt(file: string, error: unknown): Promise<void> {
    options.logError?.(`Ignoring the unreadable draft ${file}`, error);
    await fs.rm(file, { force: true, recursive: false }).catch(() => undefined);
  }
}
