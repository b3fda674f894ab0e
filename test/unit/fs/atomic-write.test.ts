import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from '../../../main/core/fs/atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'sitekit-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one, leaving only the target', async () => {
    const file = path.join(dir, 'site.yaml');
    await writeFileAtomic(file, 'one\n');
    expect(await fs.readFile(file, 'utf8')).toBe('one\n');
    await writeFileAtomic(file, 'two\n');
    expect(await fs.readFile(file, 'utf8')).toBe('two\n');
    expect(await fs.readdir(dir)).toEqual(['site.yaml']);
  });

  it('gives a new file the requested mode and keeps the mode of an existing one', async () => {
    const secret = path.join(dir, 'token');
    await writeFileAtomic(secret, 'x', { mode: 0o600 });
    expect((await fs.stat(secret)).mode & 0o777).toBe(0o600);
    await writeFileAtomic(secret, 'y');
    expect((await fs.stat(secret)).mode & 0o777).toBe(0o600);
  });

  it('leaves the original untouched and no temp file when the rename fails', async () => {
    const file = path.join(dir, 'site.yaml');
    await fs.writeFile(file, 'original\n');
    const failing: AtomicFs = {
      ...fs,
      rename: async () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    };
    await expect(writeFileAtomic(file, 'new\n', { fs: failing })).rejects.toThrow('disk full');
    expect(await fs.readFile(file, 'utf8')).toBe('original\n');
    expect(await fs.readdir(dir)).toEqual(['site.yaml']);
  });

  it('leaves no temp file when the target cannot be replaced (it is a folder)', async () => {
    const target = path.join(dir, 'site.yaml');
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'keep'), 'inside');
    await expect(writeFileAtomic(target, 'new\n')).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual(['site.yaml']);
    expect(await fs.readFile(path.join(target, 'keep'), 'utf8')).toBe('inside');
  });

  it('leaves no temp file when writing the data fails', async () => {
    const file = path.join(dir, 'site.yaml');
    await fs.writeFile(file, 'original\n');
    const failing: AtomicFs = {
      ...fs,
      open: (async (p: string, flags?: string, mode?: number) => {
        const handle = await fs.open(p, flags, mode);
        if (p === file || !p.endsWith('.tmp')) return handle;
        return Object.assign(Object.create(handle), {
          writeFile: async () => {
            throw Object.assign(new Error('I/O error'), { code: 'EIO' });
          },
          close: () => handle.close(),
        });
      }) as AtomicFs['open'],
    };
    await expect(writeFileAtomic(file, 'new\n', { fs: failing })).rejects.toThrow('I/O error');
    expect(await fs.readFile(file, 'utf8')).toBe('original\n');
    expect(await fs.readdir(dir)).toEqual(['site.yaml']);
  });

  it('refuses to replace an existing file in exclusive mode', async () => {
    const file = path.join(dir, 'site.yaml');
    await fs.writeFile(file, 'original\n');
    await expect(writeFileAtomic(file, 'new\n', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readFile(file, 'utf8')).toBe('original\n');
    expect(await fs.readdir(dir)).toEqual(['site.yaml']);
    await writeFileAtomic(path.join(dir, 'other.yaml'), 'fresh\n', { exclusive: true });
    expect(await fs.readFile(path.join(dir, 'other.yaml'), 'utf8')).toBe('fresh\n');
  });

  it('falls back to check-and-rename where hard links are not supported', async () => {
    const noLinks: AtomicFs = {
      ...fs,
      link: async () => {
        throw Object.assign(new Error('not supported'), { code: 'EPERM' });
      },
    };
    const file = path.join(dir, 'site.yaml');
    await writeFileAtomic(file, 'fresh\n', { exclusive: true, fs: noLinks });
    expect(await fs.readFile(file, 'utf8')).toBe('fresh\n');
    await expect(writeFileAtomic(file, 'again\n', { exclusive: true, fs: noLinks })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readdir(dir)).toEqual(['site.yaml']);
  });
});
