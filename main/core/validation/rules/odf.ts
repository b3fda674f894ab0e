// ODF in a compact cluster: three failure domains, replica 3, the same devices on every
// node (installer.md §2.3: each host needs ≥ 1 non-installation disk; ≥ 3 hosts).
import type { Rule } from '../engine';
import { defineRule, networksByName, nodeName, pointer } from './common';
import { odfSources } from './disks';

const REPLICA = 3;
const FAILURE_DOMAINS = 3;

function isStableDevicePath(path: string): boolean {
  return /^\/dev\/disk\/by-(path|id)\/[^/]+$/.test(path);
}

export const odfRules: Rule[] = [
  defineRule('odf.disabled', 'ODF is enabled', function* (site) {
    if (site.odf.enabled) return;
    yield {
      severity: 'info',
      path: pointer('odf', 'enabled'),
      message: 'ODF is disabled: the cluster has no persistent storage for VMs and workloads.',
      hint: 'Enable ODF unless another storage system is planned.',
    };
  }),

  defineRule('odf.devices-missing', 'Every node gives ODF at least one device', function* (site) {
    if (!site.odf.enabled) return;
    for (const src of odfSources(site)) {
      if (src.devices.length > 0) continue;
      yield {
        severity: 'error',
        path: src.path,
        message: `${src.name} has no ODF devices; ODF needs at least one disk besides the boot disk on every node.`,
        hint: 'List the devices for ODF by /dev/disk/by-path/ (discovery lists them).',
      };
    }
  }),

  defineRule('odf.device-duplicate', 'ODF devices are listed once', function* (site) {
    if (!site.odf.enabled) return;
    for (const src of odfSources(site)) {
      const seen = new Set<string>();
      for (const [k, device] of src.devices.entries()) {
        if (seen.has(device)) {
          yield {
            severity: 'error',
            path: `${src.path}/${k}`,
            message: `ODF device ${device} ${src.where} is listed twice.`,
            hint: 'Remove the second entry.',
          };
        }
        seen.add(device);
      }
    }
  }),

  defineRule('odf.device-is-boot', 'The boot disk is not an ODF device', function* (site) {
    if (!site.odf.enabled) return;
    for (const src of odfSources(site)) {
      for (const [k, device] of src.devices.entries()) {
        if (device !== src.boot.deviceName) continue;
        yield {
          severity: 'error',
          path: `${src.path}/${k}`,
          message: `ODF device ${device} of ${src.name} is also its boot disk; ODF would wipe the OS.`,
          hint: 'Remove the boot disk from the ODF devices.',
        };
      }
    }
  }),

  defineRule('odf.device-count-mismatch', 'Every node gives ODF the same number of devices', function* (site) {
    if (!site.odf.enabled) return;
    const sources = odfSources(site);
    const counts = sources.map((s) => s.devices.length);
    // The most common count is the reference; a tie goes to the first node's count.
    const reference = [...counts].sort((a, b) => counts.filter((c) => c === b).length - counts.filter((c) => c === a).length)[0];
    if (reference === undefined) return;
    for (const src of sources) {
      if (src.devices.length === reference || src.devices.length === 0) continue; // 0 → odf.devices-missing
      yield {
        severity: 'error',
        path: src.path,
        message: `${src.name} gives ODF ${src.devices.length} device${src.devices.length === 1 ? '' : 's'}, the other nodes ${reference}; ODF needs the same capacity on every node.`,
        hint: 'Give every node the same number of ODF devices of the same size.',
      };
    }
  }),

  defineRule('odf.device-path-unstable', 'ODF device paths are stable', function* (site) {
    if (!site.odf.enabled) return;
    for (const src of odfSources(site)) {
      for (const [k, device] of src.devices.entries()) {
        if (isStableDevicePath(device)) continue;
        yield {
          severity: 'warning',
          path: `${src.path}/${k}`,
          message: `ODF device ${device} ${src.where} is not a /dev/disk/by-path/ or /dev/disk/by-id/ name; kernel names can change between boots.`,
          hint: 'Use the /dev/disk/by-path/ name (discovery lists them).',
        };
      }
    }
  }),

  defineRule('odf.failure-domain-missing', 'Every node has its rack or zone for the ODF failure domain', function* (site) {
    const domain = site.odf.failureDomain ?? 'host';
    if (!site.odf.enabled || domain === 'host') return;
    for (const [i, node] of site.nodes.entries()) {
      if (node[domain] !== undefined) continue;
      yield {
        severity: 'error',
        path: pointer('nodes', i, domain),
        message: `ODF failure domain is ${domain}, but ${nodeName(node, i)} has no ${domain}.`,
        hint: `Set the ${domain} of every node, or use failureDomain: host.`,
      };
    }
  }),

  defineRule('odf.failure-domain-duplicate', 'Three distinct ODF failure domains', function* (site) {
    const domain = site.odf.failureDomain ?? 'host';
    if (!site.odf.enabled) return;
    const field = domain === 'host' ? 'hostname' : domain;
    const first = new Map<string, number>();
    for (const [i, node] of site.nodes.entries()) {
      const value = node[field];
      if (value === undefined) continue;
      const earlier = first.get(value);
      if (earlier === undefined) {
        first.set(value, i);
        continue;
      }
      const other = site.nodes[earlier];
      yield {
        severity: 'error',
        path: pointer('nodes', i, field),
        message: `${nodeName(node, i)} and ${other ? nodeName(other, earlier) : `node ${earlier + 1}`} share ${domain} "${value}"; ODF needs ${FAILURE_DOMAINS} distinct failure domains for replica ${REPLICA}.`,
        hint: domain === 'host' ? 'Give every node its own host name.' : `Correct the ${domain} values, or use failureDomain: host.`,
      };
    }
  }),

  defineRule('odf.replica', 'ODF replica is 3', function* (site) {
    const replica = site.odf.replica;
    if (!site.odf.enabled || replica === undefined || replica === REPLICA) return;
    yield {
      severity: 'error',
      path: pointer('odf', 'replica'),
      message: `ODF replica is ${replica}; a three-node site needs replica ${REPLICA}, one copy per node.`,
      hint: `Set replica: ${REPLICA} or remove it.`,
    };
  }),

  defineRule('odf.storage-network-invalid', 'The ODF storage network is a storage network', function* (site) {
    const name = site.odf.storageNetwork;
    if (!site.odf.enabled || name === undefined) return;
    const info = networksByName(site).get(name);
    if (info?.network.role === 'storage') return;
    yield {
      severity: 'error',
      path: pointer('odf', 'storageNetwork'),
      message: info
        ? `ODF storage network ${name} has role ${info.network.role}, not storage.`
        : `ODF storage network "${name}" does not exist.`,
      hint: 'Name the network with role: storage.',
    };
  }),

  defineRule('odf.storage-network-unused', 'ODF uses the storage network', function* (site) {
    if (!site.odf.enabled || site.odf.storageNetwork !== undefined) return;
    const storage = site.networks.find((n) => n.role === 'storage');
    if (!storage) return;
    yield {
      severity: 'warning',
      path: pointer('odf'),
      message: `Network ${storage.name} has role storage, but ODF does not use it; replication would run over the cluster network.`,
      hint: `Set storageNetwork: ${storage.name}.`,
    };
  }),
];
