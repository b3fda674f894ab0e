// Shared bits of the plant-check parsers: the result shapes without the request id (the caller,
// core/plant/capture.ts, adds it), and the signs every tool prints alike (missing tool, the
// script's own `timeout` wrapper).

/** A result of core/plant/types.ts as a parser returns it: the caller adds `requestId`. */
export type WithoutRequestId<T> = Omit<T, 'requestId'>;

/** Exit code of `timeout(1)` when it stopped the command (124), or the KILL after it (137). */
export function stoppedByTimeout(rc: number | undefined): boolean {
  return rc === 124 || rc === 137;
}

/**
 * The shell could not find the tool: rc 127 (POSIX "command not found"), or the script's own
 * message `<tool> is not installed`, or dash/bash saying `<tool>: not found`.
 */
export function toolMissing(tool: string, stdout: string, stderr: string, rc: number | undefined): boolean {
  if (rc === 127) return true;
  const text = `${stdout}\n${stderr}`;
  const escaped = tool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\s|/)${escaped}(: command)?: not found|${escaped} is not installed`, 'm').test(text);
}

/** Lines without their CR (captures saved on Windows keep CRLF; curl header dumps always have it). */
export function textLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** A DNS name as compared and reported: lower case, without the root dot. */
export function dnsName(name: string): string {
  const lower = name.toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}
