// Splits a capture (the script's stdout) into its sections. Markers carry a random nonce
// printed in the header, so text inside a section (a switch description, a disk label) can
// never close it early. Tolerates CRLF and console noise around a hand-made capture.
import { SECTION_STDOUT_LIMIT } from '../inventory';

export interface RawSection {
  name: string;
  stdout: string;
  stderr: string;
  exitCode?: number;
  /** Markers incomplete: the capture ended inside this section. */
  cut: boolean;
  truncated: boolean;
}

export interface SplitCapture {
  version?: string;
  nonce?: string;
  sections: Map<string, RawSection>;
  /** The final DONE marker was seen. */
  complete: boolean;
}

const HEADER = /^=====SITEKIT-CAPTURE v(\S+) ([A-Za-z0-9]+)=====\r?$/m;
const STDERR_LIMIT = 8192;

export function splitCapture(text: string): SplitCapture {
  const header = HEADER.exec(text);
  const result: SplitCapture = { sections: new Map(), complete: false };
  if (!header) return result;
  result.version = header[1];
  const nonce = header[2];
  result.nonce = nonce;
  const begin = `=====SITEKIT-BEGIN ${nonce} `;
  const stderrMark = `=====SITEKIT-STDERR ${nonce} `;
  const endMark = `=====SITEKIT-END ${nonce} `;
  const doneMark = `=====SITEKIT-DONE ${nonce}=====`;

  let current: { name: string; out: string[]; err: string[]; inErr: boolean } | undefined;
  const close = (exitCode: number | undefined, cut: boolean): void => {
    if (!current) return;
    let stdout = current.out.join('\n');
    let stderr = current.err.join('\n');
    let truncated = false;
    if (stdout.length > SECTION_STDOUT_LIMIT) {
      stdout = stdout.slice(0, SECTION_STDOUT_LIMIT);
      truncated = true;
    } else if (Buffer.byteLength(stdout) >= SECTION_STDOUT_LIMIT) {
      truncated = true; // the script's head -c cut it
    }
    if (stderr.length > STDERR_LIMIT) stderr = stderr.slice(-STDERR_LIMIT);
    result.sections.set(current.name, { name: current.name, stdout, stderr, exitCode, cut, truncated });
    current = undefined;
  };

  for (const rawLine of text.slice(header.index + header[0].length).split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('=====SITEKIT-')) {
      if (line.startsWith(begin) && line.endsWith('=====')) {
        close(undefined, true);
        current = { name: line.slice(begin.length, -5), out: [], err: [], inErr: false };
        continue;
      }
      if (current && line === `${stderrMark}${current.name}=====`) {
        current.inErr = true;
        continue;
      }
      if (current && line.startsWith(`${endMark}${current.name} rc=`) && line.endsWith('=====')) {
        const rc = Number.parseInt(line.slice(`${endMark}${current.name} rc=`.length, -5), 10);
        close(Number.isFinite(rc) ? rc : undefined, false);
        continue;
      }
      if (line === doneMark) {
        close(undefined, true);
        result.complete = true;
        break;
      }
    }
    if (current) (current.inErr ? current.err : current.out).push(line);
  }
  close(undefined, true);
  return result;
}
