// The test user the probes log in as. A real local account is needed because sshd checks
// passwords against /etc/shadow (the wrong-password test). Its random password is made once
// per machine and kept root-only, so concurrent test beds agree on it.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { TestBedSetupError } from './net';

const run = promisify(execFile);

export const TEST_USER = 'sitekit-tb';
const HOME = '/var/lib/sitekit-tb';
const SECRET_DIR = '/var/lib/sitekit-testbed';
const PASSWORD_FILE = `${SECRET_DIR}/password`;

export async function ensureTestUser(): Promise<{ user: string; password: string; home: string }> {
  const exists = await run('id', ['-u', TEST_USER]).then(
    () => true,
    () => false,
  );
  if (!exists) {
    try {
      await run('useradd', ['--system', '--home-dir', HOME, '--create-home', '--shell', '/bin/sh', TEST_USER]);
    } catch (error) {
      throw new TestBedSetupError(`the SSH test bed could not create its user ${TEST_USER}: ${(error as Error).message}`);
    }
  }
  await mkdir(HOME, { recursive: true });
  await run('chown', [`${TEST_USER}:`, HOME]);
  await mkdir(SECRET_DIR, { recursive: true, mode: 0o700 });
  let password = (await readFile(PASSWORD_FILE, 'utf8').catch(() => '')).trim();
  if (!password) {
    password = randomBytes(18).toString('base64url');
    await writeFile(PASSWORD_FILE, password + '\n', { mode: 0o600 });
  }
  await chpasswd(`${TEST_USER}:${password}\n`);
  return { user: TEST_USER, password, home: HOME };
}

function chpasswd(input: string): Promise<void> {
  // The password goes on stdin, never on a command line.
  return new Promise((resolve, reject) => {
    const child = spawn('chpasswd', [], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`chpasswd failed: ${stderr.trim()}`))));
    child.stdin.end(input);
  });
}
