#!/usr/bin/env node
// `npm test` runs this first (npm "pretest"). The tests need real programs from Debian:
// Chromium (UI end-to-end), the OpenSSH server (hardware probing against real sshd) and
// Git (export). When one is missing: as root with apt-get, install them; otherwise print
// the exact command and fail. Never skip silently.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

// iproute2 (ip netns), passwd (useradd/chpasswd) and util-linux (unshare) build the SSH test bed.
const PACKAGES = ['chromium', 'openssh-server', 'git', 'iproute2', 'passwd', 'util-linux'];
const INSTALL = `apt-get update && apt-get install -y ${PACKAGES.join(' ')}`;

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

const checks = [
  { what: 'Chromium (/usr/bin/chromium)', ok: () => existsSync('/usr/bin/chromium') },
  { what: 'OpenSSH server (/usr/sbin/sshd)', ok: () => existsSync('/usr/sbin/sshd') },
  { what: 'Git', ok: () => onPath('git') },
  { what: 'iproute2 (ip)', ok: () => onPath('ip') },
  { what: 'passwd (useradd, chpasswd)', ok: () => onPath('useradd') && onPath('chpasswd') },
  { what: 'util-linux (unshare)', ok: () => onPath('unshare') },
];

let missing = checks.filter((c) => !c.ok());
if (missing.length === 0) process.exit(0);

console.log(`Missing for the tests: ${missing.map((c) => c.what).join(', ')}.`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = onPath('apt-get');

if (isRoot && hasApt) {
  console.log(`Installing them: ${INSTALL}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const step of [['update'], ['install', '-y', ...PACKAGES]]) {
    const result = spawnSync('apt-get', step, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) {
      console.error(`"apt-get ${step.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
      process.exit(1);
    }
  }
  missing = checks.filter((c) => !c.ok());
  if (missing.length === 0) process.exit(0);
  console.error(`Still missing after the install: ${missing.map((c) => c.what).join(', ')}.`);
  process.exit(1);
}

console.error(
  hasApt
    ? `Install them with:\n\n  sudo ${INSTALL.replace('&& apt-get', '&& sudo apt-get')}\n\nthen run npm test again.`
    : `This machine has no apt-get. The tests need Debian's packages ${PACKAGES.join(', ')} (Chromium at /usr/bin/chromium, sshd at /usr/sbin/sshd); on Debian or Ubuntu run:\n\n  sudo ${INSTALL.replace('&& apt-get', '&& sudo apt-get')}`,
);
process.exit(1);
