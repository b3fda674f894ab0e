// Runs a shell command on a bed node as an SSH login would see it: in the namespaces of the node's
// sshd (network, mount — so /etc/resolv.conf is the node's own —, hostname) and as the test user.
// For proving the plant services by hand before the probe is asked.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestBed, TestBedNode } from '../testbed';

const run = promisify(execFile);

export interface NodeCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The pid of the node's sshd: nsenter's target for the node's namespaces. */
export function sshdPid(node: TestBedNode): string {
  const pid = node.sshd?.pid;
  if (!pid) throw new Error(`${node.name} has no running sshd`);
  return String(pid);
}

export function onNode(bed: TestBed, node: TestBedNode, command: string, timeoutMs = 60_000): Promise<NodeCommandResult> {
  const args = ['--target', sshdPid(node), '--net', '--mount', '--uts', 'su', '-s', '/bin/sh', bed.user, '-c', command];
  return new Promise((resolve) => {
    execFile('nsenter', args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Makes a tool look absent on one node (as on a live image without it): an empty, non-executable
 * file is bind-mounted over it in the node's own mount namespace only. Returns the undo.
 */
export async function hideToolOnNode(node: TestBedNode, toolPath: string, scratchDir: string): Promise<() => Promise<void>> {
  const pid = sshdPid(node);
  const empty = path.join(scratchDir, 'absent-tool');
  await writeFile(empty, '', { mode: 0o644 });
  await run('nsenter', ['--target', pid, '--mount', '--', 'mount', '--bind', empty, toolPath]);
  return async () => {
    await run('nsenter', ['--target', pid, '--mount', '--', 'umount', toolPath]).catch(() => undefined);
  };
}
