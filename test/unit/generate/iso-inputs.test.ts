// --iso-inputs on an existing folder: a shared folder (another owner, group- or
// world-writable) or one holding files Sitekit did not write is refused with the reason, and
// is left exactly as it was; a re-run over Sitekit's own earlier output is allowed.
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoInputsProblem, writeIsoInputs } from '../../../main/core/generate/bundle';
import type { GeneratedFile } from '../../../main/core/generate/files';

const FILES: GeneratedFile[] = [
  { path: 'install-config.yaml', content: 'pullSecret: secret-one\n' },
  { path: 'agent-config.yaml', content: 'rendezvousIP: 10.0.0.1\n' },
];
const AGAIN: GeneratedFile[] = [
  { path: 'install-config.yaml', content: 'pullSecret: secret-two\n' },
  { path: 'agent-config.yaml', content: 'rendezvousIP: 10.0.0.2\n' },
];
const posix = process.platform !== 'win32';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-iso-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

/** Both the check before generating and the write itself refuse, and nothing changes. */
async function expectRefused(iso: string, reason: RegExp): Promise<void> {
  const before = await modeOf(iso);
  const entries = (await readdir(iso)).sort();
  const contents = await Promise.all(entries.map((name) => readFile(path.join(iso, name), 'utf8')));
  expect(await isoInputsProblem(iso, path.join(dir, 'bundle'))).toMatch(reason);
  await expect(writeIsoInputs(iso, FILES)).rejects.toThrow(reason);
  expect(await modeOf(iso)).toBe(before);
  expect((await readdir(iso)).sort()).toEqual(entries);
  expect(await Promise.all(entries.map((name) => readFile(path.join(iso, name), 'utf8')))).toEqual(contents);
}

describe('--iso-inputs folder', () => {
  it('creates a new folder 0700 with the files 0600', async () => {
    const iso = path.join(dir, 'iso', 'plant-a');
    expect(await isoInputsProblem(iso, path.join(dir, 'bundle'))).toBeUndefined();
    await writeIsoInputs(iso, FILES);
    if (posix) expect(await modeOf(iso)).toBe(0o700);
    expect((await readdir(iso)).sort()).toEqual(['.sitekit-iso-inputs', 'agent-config.yaml', 'install-config.yaml']);
    for (const name of await readdir(iso)) if (posix) expect(await modeOf(path.join(iso, name)), name).toBe(0o600);
  });

  it.runIf(posix)('refuses a group-writable folder and does not change its mode', async () => {
    const iso = path.join(dir, 'team');
    await mkdir(iso);
    await chmod(iso, 0o775);
    await expectRefused(iso, /shared: it is writable by its group \(mode 775\)/);
  });

  it.runIf(posix)('refuses a world-writable folder (like /tmp) and does not change its mode', async () => {
    const iso = path.join(dir, 'public');
    await mkdir(iso);
    await chmod(iso, 0o1777);
    await expectRefused(iso, /writable by everyone \(mode 777\)/);
    expect((await stat(iso)).mode & 0o7777).toBe(0o1777);
  });

  it.runIf(posix && process.getuid?.() === 0)('refuses a folder of another user', async () => {
    const iso = path.join(dir, 'theirs');
    await mkdir(iso, { mode: 0o700 });
    await chown(iso, 4321, 4321);
    await expectRefused(iso, /belongs to another user \(uid 4321\)/);
  });

  it('refuses a folder with files Sitekit did not write, naming them, and leaves them alone', async () => {
    const iso = path.join(dir, 'used');
    await mkdir(iso, { mode: 0o700 });
    await writeFile(path.join(iso, 'agent.x86_64.iso'), 'iso');
    await writeFile(path.join(iso, '.openshift_install_state.json'), '{}');
    await writeFile(path.join(iso, 'install-config.yaml'), 'mine\n');
    await expectRefused(iso, /holds files Sitekit did not write \(\.openshift_install_state\.json, agent\.x86_64\.iso\)/);
  });

  it('refuses to overwrite an install-config.yaml that Sitekit did not write', async () => {
    const iso = path.join(dir, 'handmade');
    await mkdir(iso, { mode: 0o700 });
    await writeFile(path.join(iso, 'install-config.yaml'), 'my own, hand-written\n');
    await expectRefused(iso, /already has install-config\.yaml, not written by this Sitekit/);
  });

  it.runIf(posix)('uses an existing private empty folder without changing its mode', async () => {
    const iso = path.join(dir, 'mine');
    await mkdir(iso);
    await chmod(iso, 0o750);
    expect(await isoInputsProblem(iso, undefined)).toBeUndefined();
    await writeIsoInputs(iso, FILES);
    expect(await modeOf(iso)).toBe(0o750);
    expect(await readFile(path.join(iso, 'install-config.yaml'), 'utf8')).toBe(FILES[0]!.content);
  });

  it('writes over its own earlier output, and removes a temp file a crash left (it may hold the secret)', async () => {
    const iso = path.join(dir, 'again');
    await writeIsoInputs(iso, FILES);
    await writeFile(path.join(iso, '.install-config.yaml.0123456789ab.tmp'), 'pullSecret: half\n', { mode: 0o600 });
    expect(await isoInputsProblem(iso, undefined)).toBeUndefined();
    await writeIsoInputs(iso, AGAIN);
    expect((await readdir(iso)).sort()).toEqual(['.sitekit-iso-inputs', 'agent-config.yaml', 'install-config.yaml']);
    expect(await readFile(path.join(iso, 'install-config.yaml'), 'utf8')).toBe(AGAIN[0]!.content);
  });

  it('refuses a file in place of the folder', async () => {
    const iso = path.join(dir, 'file');
    await writeFile(iso, 'x');
    expect(await isoInputsProblem(iso, undefined)).toMatch(/is not a folder/);
    await expect(writeIsoInputs(iso, FILES)).rejects.toThrow(/is not a folder/);
  });
});
