#!/usr/bin/env node
// `npm run electron-check` (part of `npm test`, after lint): Doyensec's Electronegativity, the
// Electron security linter, over the code that configures Electron — main/electron (windows,
// navigation and permission guards, protocol, IPC), preload/ and renderer/index.html (the CSP
// as the page carries it) — copied into one folder, so its global checks see the guards in
// main/electron and the CSP together. Sources, not out/: the same code, with names and lines
// a person can find, and it runs before the build.
//
// Fails on any finding of severity LOW or above (every confidence) that is not accepted below
// with its reason; INFORMATIONAL findings are printed only. A finding in the code is justified
// where it is, with an `// eng-disable <CHECK_ID>` comment on its line and the reason above it
// (main/electron/index.ts has one); ACCEPTED is for places that cannot carry a comment.
//
// No network: Electronegativity would fetch translations and Electron's release list at every
// run. Its HTTP client is replaced with one that answers 404 (the bundled English texts stay),
// and the check that needs the release list is left out (EXCLUDED).
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['main/electron', 'preload', 'renderer/index.html'];
const FAIL_AT = 'LOW';
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/** Checks left out, with why. */
const EXCLUDED = {
  AvailableSecurityFixesGlobalCheck:
    'downloads the list of Electron releases from GitHub at every run (no network in the tests); ' +
    'the Electron version is pinned in package.json and updated with its security releases',
};

/** Findings accepted where no comment can go: check id, file, and why. */
const ACCEPTED = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason:
      "the CSP evaluator calls script-src 'self' maybe weak because a same-origin JSONP endpoint, " +
      "Angular or uploaded files would count as 'self'. Sitekit's origin (app://sitekit, or the web " +
      'host on 127.0.0.1) serves only the built renderer and JSON from the token-protected API; ' +
      'nothing uploaded or user-written is ever served as a script.',
  },
];

const require = createRequire(import.meta.url);
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolVersion = JSON.parse(readFileSync(path.join(toolDir, 'package.json'), 'utf8')).version;

// Its HTTP client (got), answering every request with 404 before it is loaded.
const gotPath = createRequire(path.join(toolDir, 'package.json')).resolve('got');
const offline = Object.assign(async () => ({ statusCode: 404, body: '', headers: {} }), {
  head: async () => {
    throw new Error('offline: electron-check does not use the network');
  },
});
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
const run = require(path.join(toolDir, 'dist', 'runner.js'));

function electronVersion() {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    return String(pkg.devDependencies?.electron ?? '').replace(/^[^\d]*/, '');
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'sitekit-electron-check-'));
let failed = 0;
try {
  for (const input of INPUTS) {
    const from = path.join(ROOT, input);
    cpSync(from, path.join(work, input), { recursive: statSync(from).isDirectory() });
  }
  const version = electronVersion();
  const result = await run(
    {
      input: work,
      electronVersionOverride: version,
      excludeFromScan: Object.keys(EXCLUDED),
      customScan: [],
      parserPlugins: [],
    },
    false,
  );
  console.log(
    `Electronegativity ${toolVersion} (Electron ${version}): ${result.atomicChecks} checks and ${result.globalChecks} global checks ` +
      `over ${INPUTS.join(', ')}; failing at ${FAIL_AT} and above.`,
  );
  for (const [check, why] of Object.entries(EXCLUDED)) console.log(`  left out ${check}: ${why}`);

  for (const error of result.errors) {
    const file = path.relative(work, error.file);
    if (error.tolerable) console.log(`  note: ${file}: ${error.message}`);
    else {
      // A file the linter could not parse was not checked at all.
      failed++;
      console.log(`  FAIL could not parse ${file}: ${error.message}`);
    }
  }

  for (const issue of result.issues) {
    const file = issue.file === 'N/A' ? '(whole app)' : path.relative(work, issue.file);
    const where = issue.file === 'N/A' ? file : `${file}:${issue.location.line}:${issue.location.column}`;
    const what = `${issue.severity.name}/${issue.confidence.name} ${issue.id} ${where}: ${issue.description} (${issue.shortenedURL})`;
    const accepted = ACCEPTED.find((a) => a.id === issue.id && a.file === file);
    if (accepted) console.log(`  accepted ${what}\n    because ${accepted.reason}`);
    else if (SEVERITY[issue.severity.name] >= SEVERITY[FAIL_AT]) {
      failed++;
      console.log(`  FAIL ${what}`);
    } else console.log(`  info ${what}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failed) {
  console.log(`\nelectron-check: ${failed} finding(s) to fix, or to justify with an eng-disable comment or in ACCEPTED (scripts/electron-check.mjs).`);
  process.exit(1);
}
console.log('electron-check: no findings left.');
