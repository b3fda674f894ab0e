// Texts the cluster sends (condition messages, error bodies) as one bounded line: operators put
// whole tracebacks into messages, and a result, a table cell or a log line wants one line.
export function oneLine(text: string, max = 400): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
