// Where the handlers keep secrets (SSH password and passphrase, Git token, pull secret, BMC
// passwords). Values go in and are read only inside main; no contract call returns one.
// Electron uses its safeStorage store (main/electron/secrets.ts); the web host and tests use
// FileSecretStore: one JSON file with mode 0600 in a 0700 folder — honest about being only
// file permissions.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SecretProtection } from '../contract/api';
import { writeFileAtomic } from '../core/fs/atomic-write';

export interface SecretStore {
  has(name: string): Promise<boolean>;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  names(): Promise<string[]>;
  protection(): SecretProtection;
  /** Plain words when the protection is weak. */
  protectionWarning(): string | undefined;
}

export const FILE_STORE_WARNING =
  'Secrets are kept in a file only you can read (mode 0600), not in an OS key ring. Anyone with your user account or an administrator can read them.';

export interface StoreFile {
  version: 1;
  secrets: Record<string, string>;
}

export class FileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly file: string) {}

  protection(): SecretProtection {
    return 'file-0600';
  }

  protectionWarning(): string {
    return FILE_STORE_WARNING;
  }

  async names(): Promise<string[]> {
    return Object.keys((await this.load()).secrets).sort();
  }

  async has(name: string): Promise<boolean> {
    return Object.prototype.hasOwnProperty.call((await this.load()).secrets, name);
  }

  async get(name: string): Promise<string | undefined> {
    const secrets = (await this.load()).secrets;
    return Object.prototype.hasOwnProperty.call(secrets, name) ? secrets[name] : undefined;
  }

  set(name: string, value: string): Promise<void> {
    return this.serial(async () => {
      const data = await this.load();
      data.secrets[name] = value;
      await this.save(data);
    });
  }

  delete(name: string): Promise<boolean> {
    return this.serial(async () => {
      const data = await this.load();
      if (!Object.prototype.hasOwnProperty.call(data.secrets, name)) return false;
      delete data.secrets[name];
      await this.save(data);
      return true;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<StoreFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    return parseSecretStoreFile(text, this.file);
  }

  private async save(data: StoreFile): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await fs.chmod(this.file, 0o600);
  }
}

/** Reads a secret store file (the same format for the 0600 file store and the safeStorage store). */
export function parseSecretStoreFile(text: string, file: string): StoreFile {
  const parsed = JSON.parse(text) as Partial<StoreFile>;
  if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
    throw new Error(`The secret store ${file} has an unknown format.`);
  }
  return { version: 1, secrets: { ...parsed.secrets } };
}
