#!/usr/bin/env node
// Starts the sitekit CLI: the built out/main/cli.js when there is one and it is not older
// than the sources, otherwise the TypeScript source through tsx — so the CLI works in a
// fresh checkout and never runs stale code after an edit. SITEKIT_CLI=build|source forces one.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'out', 'main', 'cli.js');
const source = path.join(root, 'main', 'cli', 'index.ts');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function useBuild() {
  const forced = process.env.SITEKIT_CLI;
  if (forced === 'build' || forced === 'source') return forced === 'build';
  if (!existsSync(built)) return false;
  // An installed app ships no sources; in a checkout, an edit after the build wins.
  if (!existsSync(source)) return true;
  return statSync(built).mtimeMs >= newestSource(path.join(root, 'main'));
}

if (useBuild()) {
  require(built);
} else {
  const { spawnSync } = require('node:child_process');
  const { pathToFileURL } = require('node:url');
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [root] })).href;
  const result = spawnSync(process.execPath, ['--import', tsx, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) {
    console.error(`sitekit: cannot start the CLI from source: ${result.error.message}`);
    process.exit(2);
  }
  process.exit(result.status ?? 1);
}
