// The app's settings (Git author, recent sites) as one JSON file, checked with zod and
// written atomically. An unreadable or unknown file is set aside as settings.json.backup-<ts>
// and the defaults are used; the UI is told once with a notice.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Settings, SettingsView } from '../contract/api';
import { writeFileAtomic } from '../core/fs/atomic-write';

export const SETTINGS_FILE = 'settings.json';
export const MAX_RECENT_SITES = 10;

const fileSchema = z.strictObject({
  version: z.literal(1),
  gitAuthorName: z.string().max(200).optional(),
  gitAuthorEmail: z.string().max(254).optional(),
  recentSites: z.array(z.string().max(4096)).max(100).default([]),
});

const defaults = (): Settings => ({ recentSites: [] });

export interface SettingsStore {
  get(): Promise<SettingsView>;
  update(change: (current: Settings) => Settings): Promise<SettingsView>;
  /** Puts a site file first in the recent list. */
  touchRecent(file: string): Promise<void>;
}

export function createSettingsStore(dir: string | undefined, now: () => Date = () => new Date()): SettingsStore {
  const file = dir === undefined ? undefined : path.join(dir, SETTINGS_FILE);
  let cached: Settings | undefined;
  let notice: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Settings> => {
    if (cached) return cached;
    if (file === undefined) return (cached = defaults());
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (cached = defaults());
      throw error;
    }
    let parsed: z.output<typeof fileSchema> | undefined;
    try {
      const result = fileSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // not JSON: handled below
    }
    if (!parsed) {
      const backup = `${file}.backup-${now().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(file, backup);
      notice = `The settings file ${file} could not be read, so Sitekit set it aside as ${backup} and started with default settings.`;
      return (cached = defaults());
    }
    const settings: Settings = { recentSites: parsed.recentSites };
    if (parsed.gitAuthorName !== undefined) settings.gitAuthorName = parsed.gitAuthorName;
    if (parsed.gitAuthorEmail !== undefined) settings.gitAuthorEmail = parsed.gitAuthorEmail;
    return (cached = settings);
  };

  const view = (s: Settings): SettingsView => {
    const v: SettingsView = { ...s, recentSites: [...s.recentSites] };
    if (notice) v.notice = notice;
    return v;
  };

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const update = (change: (current: Settings) => Settings) =>
    serial(async () => {
      const next = change(await load());
      if (file !== undefined) {
        await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, ...next }, null, 2)}\n`, { mode: 0o600 });
      }
      cached = next;
      return view(next);
    });

  return {
    get: () => serial(async () => view(await load())),
    update,
    touchRecent: async (site) => {
      await update((s) => ({ ...s, recentSites: [site, ...s.recentSites.filter((r) => r !== site)].slice(0, MAX_RECENT_SITES) }));
    },
  };
}
