// A wait or a limit in words for the technician's sentences.

/** "3 h", "45 min", "20 s" for sentences. */
export function duration(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.ceil(ms / 1000))} s`;
  if (ms < 2 * 60 * 60_000) return `${Math.round(ms / 60_000)} min`;
  const hours = ms / (60 * 60_000);
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}
