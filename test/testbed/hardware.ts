// What each test-bed node "has": commands the test machine lacks (or whose answers would be
// a container's) are replaced, for the test user only, by wrappers in a per-node PATH
// directory that print captured real-server outputs (test/fixtures/testbed, see SOURCES.md).
// Everything else (ip, lscpu, /proc/meminfo, the clock) answers with this machine's real output.
// A per-node `fault` file switches a wrapper into a fault: hang, garbage or huge output.
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NicSpec } from './net';

export const FIXTURES = fileURLToPath(new URL('../fixtures/testbed/', import.meta.url));

export type Fault = 'none' | 'hang' | 'garbage' | 'huge';

export interface NodeHardware {
  nics: NicSpec[];
  lsblk: string;
  dmidecode: string;
  lldpctl: string;
  /** `ethtool <nic>` fixture per NIC name. */
  ethtool: Record<string, string>;
  /** `ethtool -i <nic>` fixture per NIC name. */
  ethtoolInfo: Record<string, string>;
  /** /dev/disk links (`by-path/…` → `../../sda`) for the fixture's disks (hand-made, see SOURCES.md). */
  diskLinks: Record<string, string>;
  /** Passwordless `sudo -n` (simulated: runs the command as the test user). */
  sudo: boolean;
}

const TRIDENT_LINKS = {
  'by-path/pci-0000:00:17.0-ata-1': '../../sda',
  'by-path/pci-0000:00:17.0-ata-1-part1': '../../sda1',
  'by-path/pci-0000:3d:00.0-nvme-1': '../../nvme0n1',
  'by-id/nvme-SAMSUNG_MZVPV512HDGL-000H1_S27FNYAH406993': '../../nvme0n1',
};
const UTIL_LINUX_LINKS = {
  'by-path/pci-0000:00:1f.2-ata-1': '../../sda',
  'by-path/pci-0000:00:1f.2-ata-2': '../../sdb',
  'by-path/pci-0000:02:00.0-nvme-1': '../../nvme0n1',
  'by-id/nvme-KINGSTON_SKC1000240G_50026B728203601D': '../../nvme0n1',
};

/** The three nodes: two of the same HPE model with the same disks, one Dell with other disks. */
export function defaultHardware(index: number, slot: number): NodeHardware {
  const n = index + 1;
  const mac = (nic: number) => `02:54:${(0x77 + slot).toString(16)}:0${n}:00:0${nic}`;
  const odd = index === 1;
  return {
    nics: [
      { name: 'eth0', mac: mac(1), peer: 'bridge' },
      { name: 'ens2f0', mac: mac(2), peer: 'up' },
      { name: 'ens3f0', mac: mac(3), peer: odd ? 'down' : 'up' },
    ],
    lsblk: odd
      ? 'regen-util-linux-dump-sata-ssd-hdd-nvme-lvm-loop-all-cols.json'
      : 'trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json',
    dmidecode: odd ? 'netbox-agent-dell-poweredge-m630.txt' : 'netbox-agent-hp-bl460c-gen10.txt',
    lldpctl: 'replay-3-neighbors-cat9k-connectx4-sg200.json',
    ethtool: {
      eth0: 'server-hw-report-ovh-epyc4464p-ice-e810-25g-up.txt',
      ens2f0: 'jc-40g-fibre-enp1s0.txt',
      ens3f0: odd
        ? 'server-hw-report-ovh-epyc4464p-ice-e810-25g-nolink.txt'
        : 'server-hw-report-ovh-epyc4464p-ice-e810-25g-up.txt',
    },
    ethtoolInfo: {
      eth0: 'server-hw-report-ovh-ice-e810.txt',
      ens2f0: 'mailinglist-i40e-x710.txt',
      ens3f0: 'server-hw-report-ovh-ice-e810.txt',
    },
    diskLinks: odd ? UTIL_LINUX_LINKS : TRIDENT_LINKS,
    // Node 2 has no sudo: its dmidecode section reports that root is needed, as on a real node.
    sudo: !odd,
  };
}

const FAULT_PRELUDE = (dir: string, command: string) => `fault=$(cat '${dir}/fault' 2>/dev/null)
case "$fault" in
  hang) echo $$ >> '${dir}/hang.pids'; exec sleep 119.77 ;;
  garbage) printf '\\000\\377garbage from ${command} {"blockdevices": [\\n'; head -c 2048 /dev/urandom; exit 0 ;;
  huge) [ '${command}' = lsblk ] && { yes '{"name":"sda","size":1}' | head -c 67108864; exit 0; } ;;
esac
`;

/** Writes the node's PATH directory; returns it. */
export async function writeHardware(dir: string, hw: NodeHardware): Promise<string> {
  const bin = path.join(dir, 'bin');
  const data = path.join(dir, 'fixtures');
  await mkdir(bin, { recursive: true });
  await mkdir(data, { recursive: true });
  const files = new Set([hw.lsblk, hw.dmidecode, hw.lldpctl, ...Object.values(hw.ethtool), ...Object.values(hw.ethtoolInfo)]);
  for (const file of files) await copyFile(path.join(FIXTURES, file), path.join(data, file));
  await writeFile(path.join(dir, 'fault'), '');

  const cat = (file: string) => `exec cat '${path.join(data, file)}'\n`;
  const scripts: Record<string, string> = {
    lsblk: cat(hw.lsblk),
    dmidecode: cat(hw.dmidecode),
    lldpctl: cat(hw.lldpctl),
    ethtool: ethtoolScript(data, hw),
  };
  await writeFile(
    path.join(dir, 'disk-links'),
    Object.entries(hw.diskLinks)
      .map(([link, target]) => `${link}\t${target}\n`)
      .join(''),
  );
  await writeFile(
    path.join(dir, 'pci-nics'),
    Object.entries(hw.ethtoolInfo)
      .map(([nic, file]) => `${nic}\t${/i40e/.test(file) ? 'i40e' : 'ice'}\n`)
      .join(''),
  );
  if (hw.sudo) {
    const sudo = path.join(bin, 'sudo');
    await writeFile(sudo, '#!/bin/sh\n# sitekit test bed: passwordless sudo -n, simulated (runs as the test user)\n[ "$1" = -n ] && shift\nexec "$@"\n');
    await chmod(sudo, 0o755);
  }
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(bin, name);
    await writeFile(file, `#!/bin/sh\n# sitekit test bed: captured output, see test/fixtures/testbed/SOURCES.md\n${FAULT_PRELUDE(dir, name)}${body}`);
    await chmod(file, 0o755);
  }
  await chmod(dir, 0o755);
  return bin;
}

function ethtoolScript(data: string, hw: NodeHardware): string {
  const cases = (table: Record<string, string>) =>
    Object.entries(table)
      .map(([nic, file]) => `    ${nic}) exec cat '${path.join(data, file)}' ;;`)
      .join('\n');
  return `info=no
if [ "$1" = -i ]; then info=yes; shift; fi
if [ $info = yes ]; then
  case "$1" in
${cases(hw.ethtoolInfo)}
  esac
else
  case "$1" in
${cases(hw.ethtool)}
  esac
fi
echo "Cannot get device settings: Operation not supported" >&2
exit 75
`;
}
