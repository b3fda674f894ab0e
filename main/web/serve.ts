// Entry of the web host (out/main/web.js): `node out/main/web.js [--port N] [--site FILE]`.
// Serves the built renderer and the API on 127.0.0.1 and prints the one address to open.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { resourcePath } from '../core/resources';
import { createHandlers, type EmitFn } from '../host/handlers';
import { FileSecretStore } from '../host/secret-store';
import { findPackageVersion } from '../host/version';
import { webPdfDeps } from './report-pdf';
import { startWebServer } from './server';

const USAGE = `Usage: node out/main/web.js [--port N] [--site FILE] [--renderer DIR] [--data-dir DIR]

Starts ACP Sitekit in browser mode on this computer only (127.0.0.1).
  --port N        port to listen on (default: a free port)
  --site FILE     site.yaml to open at start (default: the bundled example)
  --renderer DIR  built user interface (default: out/renderer)
  --data-dir DIR  settings and secrets (mode 0600) (default: ~/.config/acp-sitekit)`;

interface Args {
  port: number;
  site?: string;
  renderer?: string;
  dataDir?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) throw new Error(`--port must be a number from 0 to 65535 (got "${v}").`);
        args.port = port;
        break;
      }
      case '--site':
        args.site = path.resolve(value());
        break;
      case '--renderer':
        args.renderer = path.resolve(value());
        break;
      case '--data-dir':
        args.dataDir = path.resolve(value());
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option "${arg}".`);
    }
  }
  return args;
}

function findRendererDir(explicit?: string): string | undefined {
  const candidates = explicit
    ? [explicit]
    : [path.resolve(__dirname, '../renderer'), path.resolve(__dirname, '../../out/renderer'), path.resolve('out/renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const rendererDir = findRendererDir(args.renderer);
  if (!rendererDir) {
    console.error('The Sitekit user interface has not been built yet. Run "npm run build" first.');
    process.exit(2);
  }
  if (args.site && !existsSync(args.site)) {
    console.error(`There is no site file at ${args.site}.`);
    process.exit(2);
  }

  const dataDir = args.dataDir ?? path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'acp-sitekit');
  let emit: EmitFn = () => {};
  const secretsFile = path.join(dataDir, 'secrets.json');
  const handlers = createHandlers({
    settingsDir: dataDir,
    secrets: new FileSecretStore(secretsFile),
    // Never read through the API, like everything in the data folder.
    secretsFile,
    mode: 'browser',
    version: findPackageVersion(__dirname),
    examplePath: resourcePath('examples', 'plant-a.site.yaml'),
    initialSitePath: args.site,
    emit: (event, payload) => emit(event, payload),
    logError: (message, error) => console.error(message, error),
    // report.write prints report.pdf with a headless Chromium when one is installed.
    ...(await webPdfDeps()),
  });
  const server = await startWebServer({
    handlers,
    rendererDir,
    port: args.port,
    log: (line) => console.error(line),
  });
  emit = server.emit;

  console.log(
    [
      'ACP Sitekit is running in browser mode.',
      'Open this address in Chromium, Chrome, Edge or Firefox on this computer:',
      '',
      `  ${server.url}`,
      '',
      'The address works only on this computer and only until Sitekit stops. Press Ctrl+C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE') console.error('That port is already in use; choose another with --port, or leave it out.');
  else console.error(e?.stack ?? String(error));
  process.exit(1);
});
