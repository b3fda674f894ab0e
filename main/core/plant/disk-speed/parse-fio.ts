// fio's JSON report (--output-format=json), read the way the Assisted Installer's agent reads
// it: jobs[0].sync.lat_ns.percentile["99.000000"], the 99th percentile of the fdatasync calls in
// nanoseconds. fio writes that object only when there were syncs (stat.c add_ddir_lat_json:
// no "percentile" when N is 0), and may print warnings before the JSON, so both are handled.

export type FioSyncResult =
  | { ok: true; p99Ns: number; syncs: number; meanNs?: number; maxNs?: number; version?: string; bytesWritten?: number }
  | { ok: false; reason: string };

interface FioJson {
  'fio version'?: unknown;
  jobs?: {
    error?: unknown;
    write?: { io_bytes?: unknown };
    sync?: { total_ios?: unknown; lat_ns?: { N?: unknown; mean?: unknown; max?: unknown; percentile?: Record<string, unknown> } };
  }[];
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseFioSync(stdout: string): FioSyncResult {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) return { ok: false, reason: 'fio printed no JSON report' };
  let parsed: FioJson;
  try {
    parsed = JSON.parse(stdout.slice(start, end + 1)) as FioJson;
  } catch {
    return { ok: false, reason: 'fio printed a report that is not complete JSON' };
  }
  const job = parsed.jobs?.[0];
  if (!job) return { ok: false, reason: 'the fio report has no job' };
  const error = num(job.error);
  if (error) return { ok: false, reason: `the fio job ended with error ${error}` };
  const lat = job.sync?.lat_ns;
  const syncs = num(lat?.N) ?? num(job.sync?.total_ios) ?? 0;
  const p99 = num(lat?.percentile?.['99.000000']);
  if (p99 === undefined || syncs === 0) return { ok: false, reason: 'the fio report has no fdatasync latencies' };
  return {
    ok: true,
    p99Ns: p99,
    syncs,
    ...(num(lat?.mean) !== undefined ? { meanNs: num(lat?.mean) } : {}),
    ...(num(lat?.max) !== undefined ? { maxNs: num(lat?.max) } : {}),
    ...(typeof parsed['fio version'] === 'string' ? { version: parsed['fio version'] } : {}),
    ...(num(job.write?.io_bytes) !== undefined ? { bytesWritten: num(job.write?.io_bytes) } : {}),
  };
}
