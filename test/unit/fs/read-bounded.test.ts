// Issue 12 §2: `sitekit validate /dev/zero` and `sitekit lint /dev/zero` grew to gigabytes.
// Every file a person names is now read through one bounded reader: regular files only, and
// never more than the limit plus one byte. Without it these tests never end (or run the test
// process out of memory): a device, a FIFO and a file over the limit are refused at once.
import { execFileSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/program';
import { BoundedReadError, readFileBounded, readTextBounded } from '../../../main/core/fs/read-bounded';
import { checkSiteFile } from '../../../main/core/site/check';
import { EXAMPLE_PATH, makeTempDir } from '../../helpers/sitekit-fixtures';

async function sitekit(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'sitekit', ...args], { out: (s) => (out += s), err: (s) => (err += s), color: false, errColor: false });
  return { code, out, err };
}

describe('bounded reads', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let fifo: string;
  let large: string;
  let site: string;
  beforeAll(async () => {
    tmp = await makeTempDir();
    fifo = path.join(tmp.dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    large = path.join(tmp.dir, 'large.yaml');
    await writeFile(large, `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    site = path.join(tmp.dir, 'site.yaml');
    await copyFile(EXAMPLE_PATH, site);
  });
  afterAll(() => tmp.cleanup());

  it('refuses a device or a FIFO without reading (or waiting for) it, naming the file', async () => {
    for (const file of ['/dev/zero', fifo]) {
      const error = await readFileBounded(file, { maxBytes: 1024, what: 'a site file' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BoundedReadError);
      expect((error as BoundedReadError).message).toBe(
        `cannot read ${file}: it is not a regular file (a device, pipe or socket), so it cannot be a site file`,
      );
    }
  });

  it('reads at most the limit: a byte more is refused, the limit itself is fine', async () => {
    const file = path.join(tmp.dir, 'exact.txt');
    await writeFile(file, 'x'.repeat(1024));
    expect((await readFileBounded(file, { maxBytes: 1024 })).length).toBe(1024);
    await expect(readFileBounded(file, { maxBytes: 1023, what: 'a capture' })).rejects.toThrow(
      `cannot read ${file}: it is 1024 bytes, more than the 1023 bytes a capture may have`,
    );
    // A file whose size on disk says 0 (as /proc files do) is still read, and still bounded.
    expect(await readTextBounded('/proc/self/status', { maxBytes: 64 * 1024 })).toMatch(/^Name:/);
    await expect(readFileBounded('/proc/self/status', { maxBytes: 10 })).rejects.toThrow(/it is larger, more than the 10 bytes/);
    await expect(readFileBounded(path.join(tmp.dir, 'missing'), { maxBytes: 10 })).rejects.toThrow(/: no such file$/);
    await expect(readFileBounded(tmp.dir, { maxBytes: 10 })).rejects.toThrow(/: it is a folder, not a file$/);
  });

  it('checkSiteFile refuses /dev/zero and a file over 2 MiB', async () => {
    expect(await checkSiteFile('/dev/zero')).toMatchObject({ status: 'unusable', error: expect.stringContaining('/dev/zero: it is not a regular file') });
    expect(await checkSiteFile(large)).toMatchObject({ status: 'unusable', error: expect.stringMatching(/more than the 2 MiB a site file may have$/) });
  });

  it('every CLI command that reads a file refuses /dev/zero and a FIFO with exit code 2', async () => {
    const commands: Array<[string[], RegExp]> = [
      [['validate', '/dev/zero'], /cannot read \/dev\/zero: it is not a regular file .* a site file/],
      [['validate', fifo], /it is not a regular file/],
      [['lint', '/dev/zero'], /cannot read \/dev\/zero: it is not a regular file .* an installer input/],
      [['lint', fifo], /it is not a regular file/],
      [['lint', large], /more than the 2 MiB an installer input may have/],
      [['lint', EXAMPLE_PATH, '/dev/zero'], /cannot read \/dev\/zero/],
      [['import', '/dev/zero', '/dev/zero', '-o', path.join(tmp.dir, 'out.yaml')], /cannot read \/dev\/zero: it is not a regular file/],
      [['collect-script', '/dev/zero'], /cannot read \/dev\/zero: it is not a regular file/],
      [['probe', '/dev/zero'], /cannot read \/dev\/zero: it is not a regular file/],
      [['probe', site, '--import', '/dev/zero', '--node', 'acp-1'], /cannot read \/dev\/zero: it is not a regular file .* a capture/],
      [['generate', '/dev/zero', '-o', path.join(tmp.dir, 'bundle')], /cannot read \/dev\/zero: it is not a regular file/],
    ];
    for (const [args, message] of commands) {
      const run = await sitekit(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err + run.out, args.join(' ')).toMatch(message);
    }
  });
});
