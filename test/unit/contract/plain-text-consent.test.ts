// Issue 12: when safeStorage falls back to 'basic_text' (Linux without a key ring) a secret is
// only obscured on disk. secrets.set then stores nothing unless the person agreed, having been
// shown why (the secret field's checkbox sends allowPlainText).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, WEAK_BACKEND_WARNING, type SafeStorageLike } from '../../../main/electron/secrets';
import { PLAIN_TEXT_CONSENT_LABEL } from '../../../main/host/handlers';
import { makeTempDir } from '../../helpers/sitekit-fixtures';
import { failure, TRANSPORTS, type Api } from './transports';

const VALUE = 'calvin-bmc-password-never-written-4b1f';

function fakeSafeStorage(backend: string): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b: Buffer) => xor(b).toString('utf8'),
    getSelectedStorageBackend: () => backend as ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>,
  };
}

describe.each(TRANSPORTS)('secrets without a key ring over $name', (transport) => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let file: string;
  let api: Api;
  let stop: () => Promise<void>;

  const start = async (backend: string) => {
    ({ api, stop } = await transport.start({ secrets: new SafeStorageSecretStore(fakeSafeStorage(backend), file) }));
  };
  beforeEach(async () => {
    tmp = await makeTempDir();
    file = path.join(tmp.dir, 'secrets.json');
  });
  afterEach(async () => {
    await stop();
    await tmp.cleanup();
  });

  it('refuses to store without consent, says why, and writes nothing', async () => {
    await start('basic_text');
    const status = await api.secrets.status();
    expect(status.protection).toBe('basic_text');
    expect(status.warning).toBe(WEAK_BACKEND_WARNING);

    const refused = await failure(api.secrets.set({ name: 'bmc-acp-1', value: VALUE }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain(WEAK_BACKEND_WARNING);
    expect(refused.message).toContain(PLAIN_TEXT_CONSENT_LABEL);
    expect(refused.message).not.toContain(VALUE);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await api.secrets.has({ name: 'bmc-acp-1' })).toBe(false);

    // allowPlainText: false is no consent either.
    expect((await failure(api.secrets.set({ name: 'bmc-acp-1', value: VALUE, allowPlainText: false }))).code).toBe('forbidden');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stores once the person agreed', async () => {
    await start('basic_text');
    expect(await api.secrets.set({ name: 'bmc-acp-1', value: VALUE, allowPlainText: true })).toEqual({ name: 'bmc-acp-1', stored: true });
    expect(await api.secrets.has({ name: 'bmc-acp-1' })).toBe(true);
    expect(await readFile(file, 'utf8')).not.toContain(VALUE);
  });

  it('needs no consent with a real key ring', async () => {
    await start('gnome_libsecret');
    await api.secrets.set({ name: 'bmc-acp-1', value: VALUE });
    expect(await api.secrets.has({ name: 'bmc-acp-1' })).toBe(true);
  });

  it('rejects a consent that is not true or false', async () => {
    await start('basic_text');
    const error = await failure(api.secrets.set({ name: 'bmc-acp-1', value: VALUE, allowPlainText: 'yes' as unknown as boolean }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/allowPlainText/);
  });
});

it('the refusal names the checkbox the secret field shows (test/unit/renderer/secret-consent.test.tsx)', () => {
  expect(PLAIN_TEXT_CONSENT_LABEL).toBe('Store it without encryption');
});
