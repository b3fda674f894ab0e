// The opt-in install-disk speed test: only ever called when the technician asked for it
// (`sitekit probe --disk-speed`, the Discover switch). Chooses the device on the laptop
// (target.ts), runs the fixed node script as a second exec on the probe's SSH connection
// (script.ts), and turns its answer into a DiskSpeedResult whose message says what was written
// where and that it was zeroed again. Never throws.
import type { Client } from 'ssh2';
import type { Site, SiteNode } from '../../site/schema';
import type { NodeInventory } from '../../probe/inventory';
import type { DiskSpeedResult } from '../types';
import {
  DISK_SPEED_BLOCK_BYTES,
  DISK_SPEED_DEFAULT_CLEANUP_MS,
  DISK_SPEED_DEFAULT_TIMEOUT_MS,
  DISK_SPEED_JOBS,
  DISK_SPEED_MIB,
  DISK_SPEED_NODE_SLACK_SECONDS,
  DISK_SPEED_THRESHOLD_MS,
  DISK_SPEED_ZERO_MIB,
  overThreshold,
} from './constants';
import { execWithLifeline, type LifelineResult } from './exec';
import { parseDdStats } from './parse-dd';
import { parseFioSync } from './parse-fio';
import { parseDiskSpeedReport, type DiskSpeedReport } from './report';
import { DISK_SPEED_COMMAND, diskSpeedScript } from './script';
import { resolveDiskSpeedTarget } from './target';

export type DiskSpeedPhase = 'writing' | 'zeroing';

export interface DiskSpeedOptions {
  /** How long the test may write before Sitekit stops it (default 180 s). */
  timeoutMs?: number;
  /** After a stop: how long the node gets to zero and report (default 60 s). */
  cleanupMs?: number;
  /** Stops the test (Ctrl+C, Cancel): the node zeroes what it wrote and reports. */
  signal?: AbortSignal;
  onPhase?: (phase: DiskSpeedPhase) => void;
  thresholdMs?: number;
}

const MAX_OUTPUT_BYTES = 1024 * 1024;

export async function measureDiskSpeed(
  client: Client,
  inventory: NodeInventory,
  site: Site,
  node: SiteNode,
  opts: DiskSpeedOptions = {},
): Promise<DiskSpeedResult> {
  const thresholdMs = opts.thresholdMs ?? DISK_SPEED_THRESHOLD_MS;
  const chosen = resolveDiskSpeedTarget(inventory, site, node);
  if (!chosen.ok) return { device: chosen.device, target: chosen.target, status: 'refused', thresholdMs, message: chosen.message };
  const { device, target } = chosen;
  const host = node.hostname;
  if (opts.signal?.aborted) {
    return { device, target, status: 'refused', thresholdMs, message: `${host}: the disk speed test was cancelled before it started; nothing was written.` };
  }
  const timeoutMs = opts.timeoutMs ?? DISK_SPEED_DEFAULT_TIMEOUT_MS;
  const cleanupMs = opts.cleanupMs ?? DISK_SPEED_DEFAULT_CLEANUP_MS;
  let script: string;
  try {
    script = diskSpeedScript({ ...chosen.request, deadlineSeconds: Math.ceil(timeoutMs / 1000) + DISK_SPEED_NODE_SLACK_SECONDS });
  } catch (error) {
    return { device, target, status: 'refused', thresholdMs, message: `${host}: the disk speed test did not run and nothing was written: ${(error as Error).message}.` };
  }

  let seen = '';
  const phases = new Set<DiskSpeedPhase>();
  const run = execWithLifeline(client, {
    command: DISK_SPEED_COMMAND,
    script,
    maxBytes: MAX_OUTPUT_BYTES,
    onStdout: (text) => {
      seen = (seen + text).slice(-4096);
      for (const phase of ['writing', 'zeroing'] as const) {
        if (!phases.has(phase) && seen.includes(`SITEKIT-DISK ${phase}\n`)) {
          phases.add(phase);
          opts.onPhase?.(phase);
        }
      }
    },
  });

  let stoppedBy: 'timeout' | 'cancel' | undefined;
  const timers: NodeJS.Timeout[] = [];
  const stop = (why: 'timeout' | 'cancel') => {
    if (stoppedBy) return;
    stoppedBy = why;
    run.hangUp();
    timers.push(setTimeout(() => run.close(), cleanupMs));
  };
  const onAbort = () => stop('cancel');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  timers.push(setTimeout(() => stop('timeout'), timeoutMs));
  // A dead connection may never close the channel: give up on waiting, the node's own deadline
  // and its stdin watch still make it stop and zero.
  const giveUp = new Promise<LifelineResult>((resolve) => {
    timers.push(setTimeout(() => resolve({ outcome: 'closed', stdout: '', stderr: '', message: 'no answer' }), timeoutMs + cleanupMs + 5000));
  });
  const result = await Promise.race([run.result, giveUp]);
  for (const t of timers) clearTimeout(t);
  opts.signal?.removeEventListener('abort', onAbort);
  return judge(host, device, target, thresholdMs, parseDiskSpeedReport(result.stdout), result, stoppedBy, timeoutMs);
}

function judge(
  host: string,
  device: string,
  target: string,
  thresholdMs: number,
  report: DiskSpeedReport,
  exec: LifelineResult,
  stoppedBy: 'timeout' | 'cancel' | undefined,
  timeoutMs: number,
): DiskSpeedResult {
  const base = { device, target, thresholdMs };
  const disk = `${target}${device !== target ? ` (${device})` : ''}`;
  const where = `the first ${DISK_SPEED_MIB} MiB of ${disk}`;
  if (report.refused) {
    return { ...base, status: 'refused', message: `${host}: the node refused the disk speed test and wrote nothing: ${report.refused.detail || report.refused.code}.` };
  }
  if (report.error) return { ...base, status: 'error', message: `${host}: the disk speed test did not run and nothing was written: ${report.error.detail}.` };
  if (report.tool === 'none') return { ...base, status: 'no-tool', message: `${host}: neither fio nor dd is installed, so the disk speed test did not run; nothing was written.` };

  const cleanup = cleanupText(report, `the first ${DISK_SPEED_ZERO_MIB} MiB of ${disk}`);
  if (!report.writing) {
    if (report.ended) return { ...base, status: 'error', message: `${host}: the disk speed test ended before writing anything.` };
    return { ...base, status: 'error', message: `${host}: the disk speed test gave no answer (${exec.message ?? exec.outcome}${exec.stderr ? `: ${exec.stderr.trim().slice(0, 300)}` : ''}). Whether it started is not known: probe again to see the disk.` };
  }
  if (!report.ended || report.zeroRc !== 0) return { ...base, status: 'error', tool: report.tool, message: `${host}: ${stopText(report, stoppedBy, timeoutMs, exec)}${cleanup}` };
  if (report.stopped) {
    return { ...base, status: 'error', tool: report.tool, message: `${host}: ${stopText(report, stoppedBy, timeoutMs, exec)}No figure was measured. ${cleanup}` };
  }

  const tool = report.tool === 'fio' ? 'fio' : 'dd';
  const figures: number[] = [];
  const failures: string[] = [];
  for (const w of report.writers) {
    if (tool === 'fio') {
      const fio = parseFioSync(w.stdout);
      if (fio.ok) figures.push(fio.p99Ns / 1e6);
      else failures.push(`${fio.reason}${w.rc ? ` (exit ${w.rc}: ${w.stderr.trim().slice(0, 200)})` : ''}`);
    } else {
      const dd = parseDdStats(w.stderr, DISK_SPEED_BLOCK_BYTES);
      if (dd.ok && w.rc === 0) figures.push(dd.averageMs);
      else failures.push(`dd ${w.rc ? `exited ${w.rc}` : 'gave no figure'}: ${w.stderr.trim().slice(0, 200)}`);
    }
  }
  const written = tool === 'fio'
    ? `Sitekit ran fio twice at the same time (the Assisted Installer's test: 2300-byte writes, each followed by fdatasync) on ${where}`
    : `fio is not installed on the node, so Sitekit wrote zeros with dd twice at the same time (2300-byte writes with oflag=dsync) to ${where}`;
  // The agent ignores a failed run as long as one gave a figure; so does Sitekit.
  if (figures.length === 0) return { ...base, status: 'error', tool, message: `${host}: ${written}, but no run gave a figure (${failures.join('; ')}). ${cleanup}` };
  const syncMs = Math.max(...figures);
  const measure = tool === 'fio' ? 'p99' : 'average';
  const figure = tool === 'fio'
    ? `the 99th percentile of fdatasync was ${syncMs.toFixed(2)} ms (worst of ${figures.length} run${figures.length > 1 ? 's' : ''})`
    : `the average synchronous write took ${syncMs.toFixed(2)} ms. This is an approximation: an average, not the 99th percentile the Assisted Installer measures with fio, so occasional slow writes can hide in it`;
  const verdict = overThreshold(syncMs, thresholdMs)
    ? `That is slower than the Assisted Installer's limit of ${thresholdMs} ms: etcd on this disk may be too slow; use a faster disk (SSD/NVMe) or check the controller's write cache.`
    : `That is within the Assisted Installer's limit of ${thresholdMs} ms.`;
  return { ...base, status: 'measured', tool, syncMs, measure, message: `${host}: ${written}; ${figure}. ${verdict} ${cleanup}` };
}

function stopText(report: DiskSpeedReport, stoppedBy: 'timeout' | 'cancel' | undefined, timeoutMs: number, exec: LifelineResult): string {
  if (stoppedBy === 'timeout') return `the disk speed test did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped (the disk is very slow or hangs). `;
  if (stoppedBy === 'cancel') return 'the disk speed test was cancelled. ';
  if (report.stopped === 'deadline') return 'the disk speed test ran into its time limit on the node and was stopped. ';
  if (report.stopped === 'signal') return 'the disk speed test was stopped on the node by a signal. ';
  if (exec.outcome !== 'done') return `the connection ended during the disk speed test (${exec.message ?? exec.outcome}). `;
  return 'the disk speed test did not complete. ';
}

/** What became of the written region, as far as the node reported it. */
function cleanupText(report: DiskSpeedReport, where: string): string {
  // The node writes only to a region that read as zeros (anything else is refused before writing).
  const before = '';
  if (report.zeroRc === 0 && report.after === 'zero') return `Afterwards it wrote zeros over ${where} and read them back as zeros; nothing else on the disk was touched.${before}`;
  if (report.zeroRc === 0) return `Afterwards it wrote zeros over ${where}; nothing else on the disk was touched.${before}`;
  if (report.zeroRc !== undefined) return `Writing zeros over ${where} afterwards FAILED (${report.zeroError ?? `exit ${report.zeroRc}`}): up to ${DISK_SPEED_JOBS} × ${DISK_SPEED_MIB} MiB of test data may be left there. The installation overwrites it, but check the disk before using it for anything else.`;
  if (report.zeroing) return `The node was writing zeros over ${where} when the answer stopped: it finishes that on its own; probe again to see the disk.`;
  return `The node stops on its own when its input closes and then writes zeros over ${where}; Sitekit did not see it confirm that: probe again to see the disk.`;
}
