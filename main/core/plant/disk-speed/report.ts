// The node script's answer (script.ts), line by line: `SITEKIT-DISK <word> …` status lines and
// one framed block per writer with its stdout (fio's JSON) and stderr (dd's statistics).

export type RegionState = 'zero' | 'data' | 'unknown';

export interface WriterOutput {
  tool: string;
  job: number;
  rc: number;
  stdout: string;
  stderr: string;
}

export interface DiskSpeedReport {
  device?: string;
  user?: string;
  refused?: { code: string; detail: string };
  error?: { code: string; detail: string };
  tool?: string;
  before?: RegionState;
  /** The writers were started. */
  writing: boolean;
  /** Why the writers were stopped early: signal, input-closed, deadline. */
  stopped?: string;
  zeroing: boolean;
  zeroRc?: number;
  zeroError?: string;
  after?: RegionState;
  writers: WriterOutput[];
  /** The script reached its last line. */
  ended: boolean;
}

const region = (s: string): RegionState => (s === 'zero' || s === 'data' ? s : 'unknown');

export function parseDiskSpeedReport(stdout: string): DiskSpeedReport {
  const report: DiskSpeedReport = { writing: false, zeroing: false, writers: [], ended: false };
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^=====SITEKIT-DISK-OUT (\S+) (\d+) rc=(\d+)=====$/.exec(line);
    if (block) {
      const [, tool, job, rc] = block;
      const out: string[] = [];
      const err: string[] = [];
      let target = out;
      for (i++; i < lines.length; i++) {
        const l = lines[i]!;
        if (l === `=====SITEKIT-DISK-ERR ${tool} ${job}=====`) target = err;
        else if (l === `=====SITEKIT-DISK-END ${tool} ${job}=====`) break;
        else target.push(l);
      }
      report.writers.push({ tool: tool!, job: Number(job), rc: Number(rc), stdout: out.join('\n'), stderr: err.join('\n') });
      continue;
    }
    const m = /^SITEKIT-DISK (\S+) ?(.*)$/.exec(line);
    if (!m) continue;
    const [, word, rest = ''] = m;
    switch (word) {
      case 'version': {
        const v = /device (\S+) user (\S+)/.exec(rest);
        if (v) {
          report.device = v[1];
          report.user = v[2];
        }
        break;
      }
      case 'refused':
      case 'error': {
        const [code = '', ...detail] = rest.split(' ');
        report[word] = { code, detail: detail.join(' ').trim() };
        break;
      }
      case 'tool':
        report.tool = rest.trim();
        break;
      case 'before':
        report.before = region(rest.trim());
        break;
      case 'writing':
        report.writing = true;
        break;
      case 'stopped':
        report.stopped = rest.trim();
        break;
      case 'zeroing':
        report.zeroing = true;
        break;
      case 'zeroed':
        report.zeroRc = Number(/rc=(\d+)/.exec(rest)?.[1] ?? NaN);
        break;
      case 'zero-error':
        report.zeroError = rest.trim();
        break;
      case 'after':
        report.after = region(rest.trim());
        break;
      case 'end':
        report.ended = true;
        break;
    }
  }
  return report;
}
