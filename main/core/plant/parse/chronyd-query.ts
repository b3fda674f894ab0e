// `chronyd -Q -t 3 -f /dev/null "server <s> iburst minpoll -6 maxpoll -6"` → whether the NTP
// server answered, and how far the node's clock is off. chronyd logs to stderr (stdout is read too).
//
// Sign: chronyd prints "System clock wrong by X seconds (ignored)" with X = -offset, where chrony's
// offset is positive when the local clock is FAST (reference.c special_mode_sync: the same offset
// is logged as "fast" when >= 0 for initstepslew, and -offset as "wrong by" for -q/-Q; -q then
// steps the clock by offset). So X > 0 means the node is SLOW by X, and offsetSeconds = -X
// (positive = node fast). Checked here: a client given `offset 5` for its source (which makes the
// source look 5 s ahead, i.e. the node 5 s slow) printed "wrong by 4.999997" (fixture
// deb12-answered-offset-plus5).
import type { NtpResult } from '../types';
import { stoppedByTimeout, textLines, toolMissing, type WithoutRequestId } from './result';

const WRONG_BY = /System clock wrong by (-?\d+(?:\.\d+)?) seconds/;

export function parseChronydQuery(stdout: string, stderr: string, rc: number | undefined): WithoutRequestId<NtpResult> {
  if (toolMissing('chronyd', stdout, stderr, rc)) {
    return { status: 'no-tool', message: 'chronyd is not installed on the node' };
  }
  const lines = textLines(`${stdout}\n${stderr}`);
  let wrongBy: number | undefined;
  for (const line of lines) {
    const match = WRONG_BY.exec(line);
    if (match) wrongBy = Number(match[1]);
  }
  if (wrongBy !== undefined && Number.isFinite(wrongBy)) {
    // -0 would print as "-0"; keep a plain zero.
    return { status: 'answered', offsetSeconds: wrongBy === 0 ? 0 : -wrongBy };
  }
  const invalidHost = lines.map((line) => /Invalid host (\S+)/.exec(line)?.[1]).find(Boolean);
  if (invalidHost) return { status: 'unresolved', message: `the node could not resolve ${invalidHost}` };
  const fatal = lines.map((line) => /Fatal error : (.+)$/.exec(line)?.[1]).find(Boolean);
  if (fatal) return { status: 'error', message: `chronyd could not run: ${fatal.trim().slice(0, 200)}` };
  if (lines.some((line) => line.includes('No suitable source for synchronisation'))) {
    return { status: 'no-answer', message: 'the server did not answer the NTP requests (or its answers were not usable)' };
  }
  if (lines.some((line) => line.includes('Timeout reached')) || stoppedByTimeout(rc)) {
    // chronyd logs nothing when a source name does not resolve: it keeps retrying until -t ends.
    return { status: 'no-answer', message: 'no usable NTP answer within the time limit (when the server is a name, the name may not resolve on the node)' };
  }
  const last = lines.map((line) => line.trim()).filter(Boolean).pop();
  return { status: 'error', message: `chronyd -Q gave no offset${rc !== undefined ? ` (exit code ${rc})` : ''}${last ? `: ${last.slice(0, 200)}` : ''}` };
}
