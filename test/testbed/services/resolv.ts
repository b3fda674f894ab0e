// The nodes' own resolvers. Each node's /etc/resolv.conf is, in the node's private mount
// namespace, a bind mount of <node dir>/resolv.conf (node-init.sh); the bed starts it as a copy of
// this machine's file. Rewritten in place (same inode), so the mount shows the new content at once.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestBed } from '../testbed';

/** Points every node's resolver at `servers` (short timeouts: a silent server costs 1 s). */
export async function setNodeResolvers(bed: TestBed, servers: string[], search?: string): Promise<void> {
  const text = [
    '# sitekit test bed: the plant DNS',
    ...(search ? [`search ${search}`] : []),
    ...servers.map((s) => `nameserver ${s}`),
    'options timeout:1 attempts:1',
    '',
  ].join('\n');
  for (const node of bed.nodes) await writeFile(path.join(node.dir, 'resolv.conf'), text);
}

/** Back to this machine's own resolv.conf, as a bed starts. */
export async function restoreNodeResolvers(bed: TestBed): Promise<void> {
  const text = await machineResolvConf();
  for (const node of bed.nodes) await writeFile(path.join(node.dir, 'resolv.conf'), text);
}

export async function machineResolvConf(): Promise<string> {
  return readFile('/etc/resolv.conf', 'utf8').catch(() => '');
}
