// Runs a test bed in its own process for callers that cannot load it in-process (Playwright
// loads specs as CommonJS; the bed is ES module code): prints the bed as one JSON line on
// stdout when it is up, and takes it down when stdin closes or on SIGTERM/SIGINT.
// Usage: node --import tsx test/testbed/serve.mts
import { startTestBed, stopTestBed } from './testbed.ts';

const bed = await startTestBed();
let stopping: Promise<void> | undefined;
const stop = () => {
  stopping ??= stopTestBed(bed).finally(() => process.exit(0));
  return stopping;
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
const { nodes, ...rest } = bed;
process.stdout.write(
  JSON.stringify({ ...rest, nodes: nodes.map(({ name, host, port, hostKeyFingerprint }) => ({ name, host, port, hostKeyFingerprint })) }) + '\n',
);
