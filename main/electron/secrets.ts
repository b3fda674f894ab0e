// Secrets (pull secret, BMC passwords, Git token) kept with Electron's safeStorage: each
// value is encrypted by the OS (Keychain, DPAPI, libsecret/kwallet) and stored base64 in one
// JSON file in userData, written atomically with mode 0600. Only names ever leave main.
import type { SafeStorage } from 'electron';
import { promises as fs } from 'node:fs';
import type { SecretProtection } from '../contract/api';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { parseSecretStoreFile, type SecretStore, type StoreFile } from '../host/secret-store';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export interface SecretStoreOptions {
  warn?: (message: string) => void;
  readFile?: (file: string) => Promise<string>;
  writeFile?: (file: string, data: string, options: { mode: number }) => Promise<void>;
}

export const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,126}$/;

export const WEAK_BACKEND_WARNING =
  'No system key ring is available on this computer (safeStorage backend "basic_text"), so stored ' +
  'secrets are only obscured, not encrypted. Install and unlock GNOME Keyring or KWallet to protect them.';

export class SafeStorageSecretStore implements SecretStore {
  private warned = false;
  private readonly readFile: (file: string) => Promise<string>;
  private readonly writeFile: (file: string, data: string, options: { mode: number }) => Promise<void>;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly options: SecretStoreOptions = {},
  ) {
    this.readFile = options.readFile ?? ((f) => fs.readFile(f, 'utf8'));
    this.writeFile = options.writeFile ?? ((f, data, o) => writeFileAtomic(f, data, o));
  }

  /** The safeStorage backend on Linux ('gnome_libsecret', 'kwallet5', 'basic_text', …); 'os' elsewhere. */
  backend(): string {
    return this.safeStorage.getSelectedStorageBackend?.() ?? 'os';
  }

  /** How well the values are protected, as the contract reports it (secrets.status). */
  protection(): SecretProtection {
    return this.backend() === 'basic_text' ? 'basic_text' : 'os-keychain';
  }

  /** A message for the technician when secrets are not really protected. */
  protectionWarning(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable()) return 'Secure storage is not available; Sitekit cannot store secrets.';
    return this.backend() === 'basic_text' ? WEAK_BACKEND_WARNING : undefined;
  }

  async names(): Promise<string[]> {
    return Object.keys((await this.load()).secrets).sort();
  }

  async has(name: string): Promise<boolean> {
    return Object.prototype.hasOwnProperty.call((await this.load()).secrets, checkName(name));
  }

  async get(name: string): Promise<string | undefined> {
    const stored = (await this.load()).secrets[checkName(name)];
    if (stored === undefined) return undefined;
    this.requireEncryption();
    return this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
  }

  async set(name: string, value: string): Promise<void> {
    checkName(name);
    this.requireEncryption();
    const data = await this.load();
    data.secrets[name] = this.safeStorage.encryptString(value).toString('base64');
    await this.save(data);
  }

  async delete(name: string): Promise<boolean> {
    const data = await this.load();
    if (!Object.prototype.hasOwnProperty.call(data.secrets, checkName(name))) return false;
    delete data.secrets[name];
    await this.save(data);
    return true;
  }

  private requireEncryption(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('Secure storage is not available on this computer yet; secrets cannot be stored or read.');
    }
    if (!this.warned && this.backend() === 'basic_text') {
      this.warned = true;
      this.options.warn?.(WEAK_BACKEND_WARNING);
    }
  }

  private async load(): Promise<StoreFile> {
    let text: string;
    try {
      text = await this.readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    return parseSecretStoreFile(text, this.file);
  }

  private save(data: StoreFile): Promise<void> {
    return this.writeFile(this.file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  }
}

function checkName(name: string): string {
  if (!SECRET_NAME.test(name)) throw new Error(`"${name}" is not a valid secret name (lower case letters, digits, . _ -).`);
  return name;
}
