// Entry of the `sitekit` CLI (built to out/main/cli.js; bin/sitekit.js starts it).
import { main } from './program';

// `sitekit schema | head` closes the pipe early; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
