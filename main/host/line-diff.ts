// A small unified line diff (LCS over lines, 3 lines of context), enough to show what changed
// in a bundle file since the last export. Files whose line counts multiply past
// MAX_CELLS are not compared line by line (the caller says so instead).
export const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The unified diff of two texts, or undefined when they are too large to compare. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string | undefined {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Common prefix and suffix first: most bundle edits touch a few lines.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > MAX_CELLS) return undefined;

  // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB)
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', line: a[i]!, a: i, b: i });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push({ kind: ' ', line: a[start + i]!, a: start + i, b: start + j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      // removals before additions, as diff -u shows them
      ops.push({ kind: '-', line: a[start + i]!, a: start + i, b: start + j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[start + j]!, a: start + i, b: start + j });
      j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) ops.push({ kind: ' ', line: a[endA + k]!, a: endA + k, b: endB + k });

  // Group changes into hunks with context.
  const out: string[] = [`--- ${oldName}`, `+++ ${newName}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    let from = Math.max(0, k - context);
    let to = k;
    // extend while the next change is within 2*context unchanged lines
    for (;;) {
      while (to < ops.length && ops[to]!.kind !== ' ') to++;
      let gap = to;
      while (gap < ops.length && ops[gap]!.kind === ' ') gap++;
      if (gap < ops.length && gap - to <= 2 * context) {
        to = gap;
        continue;
      }
      to = Math.min(ops.length, to + context);
      break;
    }
    const hunk = ops.slice(from, to);
    const aStart = hunk[0]!.a;
    const bStart = hunk[0]!.b;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = to;
    from = to;
  }
  return `${out.join('\n')}\n`;
}
