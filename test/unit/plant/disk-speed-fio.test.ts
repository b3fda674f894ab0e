// fio's JSON report, read as the Assisted Installer's agent reads it (fixtures: see SOURCES.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFioSync } from '../../../main/core/plant/disk-speed/parse-fio';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/plant/fio/${name}`, import.meta.url), 'utf8');

describe('parseFioSync', () => {
  it('reads the 99th percentile of fdatasync from a fast disk (Debian fio 3.33, the agent command)', () => {
    expect(parseFioSync(fixture('debian-fio-3.33-ai-command-tmpfs-loop.json'))).toMatchObject({
      ok: true, p99Ns: 78336, syncs: 10029, version: 'fio-3.33', bytesWritten: 23069000,
    });
  });

  it('reads both simultaneous runs on the slow disk', () => {
    expect(parseFioSync(fixture('debian-fio-3.33-ai-command-slow-fuse-loop.json'))).toMatchObject({ ok: true, p99Ns: 16187392 });
    expect(parseFioSync(fixture('debian-fio-3.33-ai-command-slow-fuse-loop-job2.json'))).toMatchObject({ ok: true, p99Ns: 16056320 });
  });

  it('reads a public fio 3.28 report (replicatedhq/troubleshoot test data)', () => {
    expect(parseFioSync(fixture('troubleshoot-fio-3.28-fdatasync-etcd.json'))).toMatchObject({ ok: true, p99Ns: 99000, syncs: 32400, version: 'fio-3.28' });
  });

  it('says why there is no figure: job error, no syncs, no JSON, cut-off JSON', () => {
    expect(parseFioSync(fixture('debian-fio-3.33-ai-command-error-proc-version.json'))).toEqual({ ok: false, reason: 'the fio job ended with error 1' });
    expect(parseFioSync(fixture('debian-fio-3.33-no-fdatasync.json'))).toEqual({ ok: false, reason: 'the fio report has no fdatasync latencies' });
    expect(parseFioSync('fio: failed to open /dev/sdz\n')).toEqual({ ok: false, reason: 'fio printed no JSON report' });
    const full = fixture('debian-fio-3.33-ai-command-tmpfs-loop.json');
    expect(parseFioSync(full.slice(0, full.length / 2))).toMatchObject({ ok: false });
    expect(parseFioSync('{"jobs": []}')).toEqual({ ok: false, reason: 'the fio report has no job' });
  });

  it('skips notes fio prints before the JSON', () => {
    const text = `note: both iodepth >= 1 and synchronous I/O engine are selected, queue depth will be capped at 1\n${fixture('debian-fio-3.33-ai-command-tmpfs-loop.json')}`;
    expect(parseFioSync(text)).toMatchObject({ ok: true, p99Ns: 78336 });
  });
});
