// Inventories built from the NodeInventory type that match the example site plant-a exactly
// (so the healthy set yields no hardware errors), for tests to break one fact at a time.
import type { Disk, Nic, NodeInventory } from '../../../main/core/probe/inventory';

export const COLLECTED_AT = '2026-11-21T12:00:00.000Z';
const TB = 3.84e12;

export function nic(name: string, mac: string, extra: Partial<Nic> = {}): Nic {
  return { name, mac, kind: 'physical', link: 'up', carrier: true, speedMbps: 25000, mtu: 1500, maxMtu: 9702, addresses: [], ...extra };
}

export function disk(name: string, byPath: string, sizeBytes: number, extra: Partial<Disk> = {}): Disk {
  return {
    name,
    path: `/dev/${name}`,
    byPath: [byPath],
    byId: [],
    sizeBytes,
    rotational: false,
    removable: false,
    type: 'disk',
    transport: name.startsWith('nvme') ? 'nvme' : 'sata',
    partitions: [],
    holders: [],
    signatures: [],
    mountpoints: [],
    ...extra,
  };
}

const NVME_SLOTS = ['5e', '5f', '60', '61', 'd8', 'd9'];

/** Node n (1–3) of plant-a, healthy. */
export function healthyInventory(n: number): NodeInventory {
  return {
    inventoryVersion: 1,
    node: `acp-${n}`,
    collectedAt: COLLECTED_AT,
    source: 'ssh',
    tools: [],
    facts: {
      hostname: `acp-${n}`,
      system: { vendor: 'Dell Inc.', model: 'PowerEdge R650', serial: `SRV${n}` },
      cpu: { arch: 'x86_64', sockets: 2, cores: 32, threads: 64, flags: ['fpu', 'vmx', 'sse4_2'], virtualization: 'VT-x' },
      memory: { totalBytes: 256 * 1024 ** 3 },
      nics: [
        nic('eno1', `3c:ec:ef:10:0${n}:01`, { speedMbps: 1000, driver: 'igb' }),
        nic('ens1f0', `b4:96:91:a1:0${n}:00`, { driver: 'ice' }),
        nic('ens1f1', `b4:96:91:a1:0${n}:01`, { driver: 'ice' }),
        nic('ens2f0', `b4:96:91:b2:0${n}:00`, { driver: 'ice' }),
        nic('ens2f1', `b4:96:91:b2:0${n}:01`, { driver: 'ice' }),
      ],
      disks: [
        disk('sda', '/dev/disk/by-path/pci-0000:3b:00.0-ata-1', 480e9, { model: 'SSDSC2KB480G8', serial: `BTYF${n}` }),
        ...NVME_SLOTS.map((slot, i) =>
          disk(`nvme${i}n1`, `/dev/disk/by-path/pci-0000:${slot}:00.0-nvme-1`, TB, { model: 'Dell Ent NVMe P5600', serial: `PHAB${n}${i}` }),
        ),
      ],
      lldp: [
        { interface: 'ens1f0', chassisName: 'sw-c1', portId: `Ethernet1/${n}`, vlans: [{ id: 10 }, { id: 30 }], pvid: 1 },
        { interface: 'ens1f1', chassisName: 'sw-c2', portId: `Ethernet1/${n}`, vlans: [{ id: 10 }, { id: 30 }], pvid: 1 },
        { interface: 'ens2f0', chassisName: 'sw-c1', portId: `Ethernet1/1${n}`, vlans: [{ id: 100 }, { id: 110 }] },
        { interface: 'ens2f1', chassisName: 'sw-c2', portId: `Ethernet1/1${n}`, vlans: [{ id: 100 }, { id: 110 }] },
      ],
      lldpAvailable: true,
      time: { epochMs: Date.parse(COLLECTED_AT) + n * 1000, ntpSynced: true },
    },
    sections: {},
    problems: [],
  };
}

export function healthyInventories(): NodeInventory[] {
  return [1, 2, 3].map(healthyInventory);
}
