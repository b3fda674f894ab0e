import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SafeStorageSecretStore, WEAK_BACKEND_WARNING, type SafeStorageLike } from '../../../main/electron/secrets';
import { makeTempDir } from '../../helpers/sitekit-fixtures';

function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  // Reversible stand-in for OS encryption: XOR with a constant, so the plain text never
  // appears in the file.
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b: Buffer) => xor(b).toString('utf8'),
    getSelectedStorageBackend: () => backend as ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>,
  };
}

describe('safeStorage secret store', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let file: string;
  beforeEach(async () => {
    tmp = await makeTempDir();
    file = path.join(tmp.dir, 'secrets.json');
  });
  afterEach(() => tmp.cleanup());

  it('stores, reads, lists and deletes secrets; the file is 0600 and holds no plain text', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), file);
    await store.set('pull-secret', '{"auths":{"quay.io":{"auth":"c2VjcmV0"}}}');
    await store.set('bmc-acp-1', 'calvin');
    expect(await store.get('pull-secret')).toBe('{"auths":{"quay.io":{"auth":"c2VjcmV0"}}}');
    expect(await store.names()).toEqual(['bmc-acp-1', 'pull-secret']);
    expect(await store.has('bmc-acp-1')).toBe(true);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('calvin');
    expect(text).not.toContain('quay.io');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.delete('bmc-acp-1')).toBe(true);
    expect(await store.delete('bmc-acp-1')).toBe(false);
    expect(await store.get('bmc-acp-1')).toBeUndefined();
  });

  it('starts empty when there is no file yet', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), file);
    expect(await store.names()).toEqual([]);
  });

  it('warns once when the backend is basic_text (no key ring)', async () => {
    const warn = vi.fn();
    const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), file, { warn });
    expect(store.protectionWarning()).toBe(WEAK_BACKEND_WARNING);
    await store.set('a', '1');
    await store.set('b', '2');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(WEAK_BACKEND_WARNING);
  });

  it('has no warning with a real key ring', () => {
    expect(new SafeStorageSecretStore(fakeSafeStorage(), file).protectionWarning()).toBeUndefined();
  });

  it('refuses to store when encryption is not available', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('unknown', false), file);
    await expect(store.set('a', '1')).rejects.toThrow(/not available/);
    expect(store.protectionWarning()).toMatch(/not available/);
  });

  it('refuses odd secret names', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), file);
    await expect(store.set('../x', '1')).rejects.toThrow(/not a valid secret name/);
    await expect(store.get('')).rejects.toThrow(/not a valid secret name/);
  });
});
