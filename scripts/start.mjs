#!/usr/bin/env node
// `npm start`: build when out/ is missing or older than the sources, then open Sitekit as
// the desktop app when the Electron runtime is installed, or in browser mode otherwise.
// `npm run web` (--web) goes straight to browser mode. Other arguments (e.g. --site FILE,
// --port N for browser mode) are passed on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passOn = args.filter((a) => a !== '--web');

const SOURCES = ['main', 'preload', 'renderer', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/main/electron.js', 'out/main/web.js', 'out/preload/index.js', 'out/renderer/index.html'];

function newestMtime(entry) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(full)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function buildIsStale() {
  const outputs = OUTPUTS.map((f) => path.join(ROOT, f));
  if (outputs.some((f) => !existsSync(f))) return true;
  const oldestOutput = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return Math.max(...SOURCES.map(newestMtime)) > oldestOutput;
}

function build() {
  console.log('Building Sitekit (electron-vite build)…');
  const cli = path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
  if (!existsSync(cli)) {
    console.error('The build tools are not installed. Run "npm install" first.');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

/** Path of the Electron executable when its runtime has been downloaded, else undefined. */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkgDir = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = override ? path.join(override, relative) : path.join(pkgDir, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
}

if (buildIsStale()) build();

const binary = webOnly ? undefined : electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (binary && !noDisplay) {
  run(binary, ['.', ...passOn]);
} else {
  if (!webOnly) {
    console.log(
      binary
        ? 'There is no graphical display on this machine, so Sitekit opens in browser mode instead.'
        : 'The Electron desktop runtime is not installed on this machine, so Sitekit opens in browser mode instead.',
    );
  }
  run(process.execPath, [path.join(ROOT, 'out/main/web.js'), ...passOn]);
}
