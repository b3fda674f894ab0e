// dd's statistics for the fallback: an average per synchronous write (fixtures: see SOURCES.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDdStats } from '../../../main/core/plant/disk-speed/parse-dd';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/plant/dd/${name}`, import.meta.url), 'utf8');

describe('parseDdStats', () => {
  it('turns GNU dd statistics into an average per write', () => {
    const fast = parseDdStats(fixture('gnu-coreutils-9.1-dsync-tmpfs-loop.txt'), 2300);
    expect(fast).toMatchObject({ ok: true, bytes: 23066700, seconds: 0.310526, writes: 10029 });
    expect(fast.ok && fast.averageMs).toBeCloseTo(0.030963, 5);
    const slow = parseDdStats(fixture('gnu-coreutils-9.1-dsync-slow-fuse-loop.txt'), 2300);
    expect(slow.ok && slow.averageMs).toBeCloseTo(0.551537, 5);
  });

  it('counts partial records and reads an interrupted run', () => {
    expect(parseDdStats(fixture('gnu-coreutils-9.1-interrupted-sigint.txt'), 2300)).toMatchObject({ ok: true, writes: 12849, bytes: 29552700 });
    expect(parseDdStats('10+1 records in\n10+1 records out\n23100 bytes (23 kB, 23 KiB) copied, 0.01 s, 2.3 MB/s\n', 2300)).toMatchObject({ ok: true, writes: 11 });
  });

  it('says when dd gave no figure', () => {
    expect(parseDdStats(fixture('gnu-coreutils-9.1-dev-full-error.txt'), 2300)).toEqual({ ok: false, reason: 'dd wrote nothing' });
    expect(parseDdStats("dd: failed to open '/dev/sdz': Permission denied\n", 2300)).toEqual({ ok: false, reason: 'dd printed no statistics' });
  });
});
