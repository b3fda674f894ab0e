// The plant's NTP server, played by Debian's chrony: chronyd serving this machine's clock at
// stratum 8 to anyone. `-x`: it never touches the system clock (namespaces do not separate
// clocks). Its pid file and command socket sit in its own folder, so a chronyd the machine runs
// keeps /run/chrony to itself.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestBed } from '../testbed';
import { PLANT_OCTETS } from './addresses';
import { runIn, serviceNamespace, startInNamespace, waitUntilReady, type ServiceNamespace, type ServiceProcess } from './netns';

export const CHRONYD = '/usr/sbin/chronyd';

export interface NtpServer {
  service: ServiceNamespace;
  daemon: ServiceProcess;
}

export function chronyConfig(dir: string): string {
  return [
    '# sitekit test bed: the plant NTP server',
    'local stratum 8',
    'allow all',
    `pidfile ${path.join(dir, 'chronyd.pid')}`,
    // chronyd insists that the socket's folder is not accessible to others (the service folder is 0700).
    `bindcmdaddress ${path.join(dir, 'chronyd.sock')}`,
    'cmdport 0',
    '',
  ].join('\n');
}

export async function startNtpServer(bed: TestBed): Promise<NtpServer> {
  const service = await serviceNamespace(bed, 'ntp', PLANT_OCTETS.ntp);
  const config = path.join(service.dir, 'chrony.conf');
  await writeFile(config, chronyConfig(service.dir));
  // -d: foreground, log to stderr; -x: leave the clock alone; -u root: the folder is root's.
  const daemon = startInNamespace(service.namespace, CHRONYD, ['-d', '-x', '-u', 'root', '-f', config]);
  await waitUntilReady(`chronyd at ${service.address}`, daemon, async () =>
    /:123\b/.test(await runIn(service.namespace, 'ss', ['-Hlun', 'sport = :123'])),
  );
  return { service, daemon };
}
