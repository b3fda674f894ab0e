#!/usr/bin/env node
// `npm test` runs this first (npm "pretest"). The tests need real programs from Debian:
// Chromium (UI end-to-end), the OpenSSH server (hardware probing against real sshd), Git
// (export), and the plant's services around the SSH test bed with the tools the nodes use to
// check them. When one is missing: as root with apt-get, install them; otherwise print the
// exact command and fail. Never skip silently.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

// iproute2 (ip netns), passwd (useradd/chpasswd) and util-linux (unshare, nsenter) build the SSH
// test bed. The plant services of the bed (test/testbed/services): dnsmasq-base (the DNS; the
// binary only, so no system DNS daemon is started), chrony (NTP), docker-registry (the mirror),
// openssl (its test CA); what the nodes check them with: bind9-dnsutils (dig), curl, openssl,
// iputils-ping, chrony (chronyd -Q), fio (install-disk speed); fuse3 and python3-fusepy make
// the bed's slow disk. poppler-utils (pdftotext, pdfinfo) reads back what the wizard prints to PDF.
const PACKAGES = [
  'chromium',
  'openssh-server',
  'git',
  'iproute2',
  'passwd',
  'util-linux',
  'dnsmasq-base',
  'chrony',
  'bind9-dnsutils',
  'openssl',
  'curl',
  'iputils-ping',
  'fio',
  'docker-registry',
  'fuse3',
  'python3-fusepy',
  'poppler-utils',
];
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
  { what: 'util-linux (unshare, nsenter)', ok: () => onPath('unshare') && onPath('nsenter') },
  { what: 'dnsmasq (/usr/sbin/dnsmasq)', ok: () => existsSync('/usr/sbin/dnsmasq') },
  { what: 'chrony (/usr/sbin/chronyd)', ok: () => existsSync('/usr/sbin/chronyd') },
  { what: 'bind9-dnsutils (dig)', ok: () => onPath('dig') },
  { what: 'openssl', ok: () => onPath('openssl') },
  { what: 'curl', ok: () => onPath('curl') },
  { what: 'iputils-ping (ping)', ok: () => onPath('ping') },
  { what: 'fio', ok: () => onPath('fio') },
  { what: 'docker-registry (/usr/bin/docker-registry)', ok: () => existsSync('/usr/bin/docker-registry') },
  { what: 'fuse3 (fusermount3)', ok: () => onPath('fusermount3') },
  { what: 'poppler-utils (pdftotext, pdfinfo)', ok: () => onPath('pdftotext') && onPath('pdfinfo') },
  { what: 'python3-fusepy (for /usr/bin/python3)', ok: () => spawnSync('/usr/bin/python3', ['-c', 'import fusepy'], { stdio: 'ignore' }).status === 0 },
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
    : `This machine has no apt-get. The tests need Debian's packages ${PACKAGES.join(', ')} (Chromium at /usr/bin/chromium, sshd at /usr/sbin/sshd, dnsmasq and chronyd in /usr/sbin); on Debian or Ubuntu run:\n\n  sudo ${INSTALL.replace('&& apt-get', '&& sudo apt-get')}`,
);
process.exit(1);
