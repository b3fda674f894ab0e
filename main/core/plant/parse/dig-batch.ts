// One dig run with several questions for a plan DNS server (the script's `plant-dnsb/<id>`
// section): a first line `SITEKIT-IDS <id> <id> …` naming the requests in order, then dig's
// output, one block per question in that order. An answered question's block ends with the
// `;; MSG SIZE` line of +stats, an unanswered one's with a line ending "no servers could be reached". Each
// block is what a dig run of that one question prints, so parseDig reads it as such.

export interface DigBatchPart {
  id: string;
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
}

const IDS = /^SITEKIT-IDS((?: [a-z0-9.-]+)*)\s*$/;
/** dig's exit code when no reply came back (dig(1) "RETURN CODES"). */
const NO_REPLY = 9;

export function splitDigBatch(stdout: string, stderr: string, exitCode: number | undefined): DigBatchPart[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  const ids = IDS.exec(lines[0] ?? '')?.[1]?.trim().split(' ').filter(Boolean) ?? [];
  const blocks: { text: string; answered: boolean }[] = [];
  let current: string[] = [];
  for (const line of lines.slice(1)) {
    if (current.length === 0 && line.trim() === '') continue;
    current.push(line);
    const answered = line.startsWith(';; MSG SIZE');
    // BIND 9.18 prints ";; no servers could be reached"; 9.11 and 9.16 (RHEL 8 and 9) print
    // ";; connection timed out; no servers could be reached".
    if (answered || line.includes('no servers could be reached')) {
      blocks.push({ text: `${current.join('\n')}\n`, answered });
      current = [];
    }
  }
  return ids.map((id, i) => {
    const block = blocks[i];
    if (block) return { id, stdout: block.text, stderr: '', exitCode: block.answered ? 0 : NO_REPLY };
    // Not asked (the server did not answer the first question), or dig stopped early (its time
    // limit): the batch's own exit code and words stand for the questions it did not answer.
    const why = stderr.trim() || `dig printed no answer for this question (it ended with exit code ${exitCode ?? 'unknown'})`;
    return { id, stdout: '', stderr: why, exitCode: exitCode === 0 || exitCode === undefined ? 1 : exitCode };
  });
}
