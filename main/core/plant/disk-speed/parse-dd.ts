// dd's closing statistics on stderr, e.g. GNU coreutils (LC_ALL=C):
//   10029+0 records in
//   10029+0 records out
//   23066700 bytes (23 MB, 22 MiB) copied, 5.53136 s, 4.2 MB/s
// (RHCOS and RHEL live images ship GNU coreutils.) The fallback divides dd's own elapsed time
// by the writes it made: an AVERAGE per synchronous write, not the 99th percentile fio reports.

export type DdResult =
  | { ok: true; bytes: number; seconds: number; writes: number; averageMs: number }
  | { ok: false; reason: string };

const COPIED = /^(\d+) bytes? (?:\([^)]*\) )?copied, ([\d.]+(?:e[-+]?\d+)?) s,/m;
const RECORDS_OUT = /^(\d+)\+(\d+) records out$/m;

export function parseDdStats(stderr: string, blockBytes: number): DdResult {
  const copied = COPIED.exec(stderr);
  if (!copied) return { ok: false, reason: 'dd printed no statistics' };
  const bytes = Number(copied[1]);
  const seconds = Number(copied[2]);
  const records = RECORDS_OUT.exec(stderr);
  const writes = records ? Number(records[1]) + Number(records[2]) : Math.ceil(bytes / blockBytes);
  if (!Number.isFinite(seconds) || writes <= 0) return { ok: false, reason: 'dd wrote nothing' };
  return { ok: true, bytes, seconds, writes, averageMs: (seconds * 1000) / writes };
}
