// Subnets: well-formed networks, no overlaps, sizes the installer accepts.
import { cidrsOverlap, hasHostBits, networkCidrText, OVN_RESERVED, parseCidr, type Cidr } from '../../net/ip';
import type { Site } from '../../site/schema';
import type { Rule } from '../engine';
import { clusterNetworkInfo, defineRule, networkInfos, pointer } from './common';

interface Block {
  label: string;
  path: string;
  text: string;
  cidr: Cidr | undefined;
}

/** Every address block of the plan: the logical networks, the pod network and the service network. */
function blocks(site: Site): Block[] {
  return [
    ...networkInfos(site).map(({ network, index, cidr }) => ({
      label: `network ${network.name}`,
      path: pointer('networks', index, 'subnet'),
      text: network.subnet,
      cidr,
    })),
    {
      label: 'the cluster (pod) network',
      path: pointer('cluster', 'clusterNetwork', 'cidr'),
      text: site.cluster.clusterNetwork.cidr,
      cidr: parseCidr(site.cluster.clusterNetwork.cidr),
    },
    {
      label: 'the service network',
      path: pointer('cluster', 'serviceNetwork'),
      text: site.cluster.serviceNetwork,
      cidr: parseCidr(site.cluster.serviceNetwork),
    },
  ];
}

/** Multi-node machine network: at least 16 addresses (installer.md §1.2, AS internal/network/cidr_validations.go). */
const MIN_MACHINE_ADDRESSES = 16n;
/** Cluster and service networks: at least 128 addresses (installer.md §1.2). */
const MIN_SERVICE_ADDRESSES = 128n;
/** IPv4 service network prefix must be /12 or longer (installer.md §4.1, INST pkg/validate/validate.go). */
const MAX_SERVICE_V4_SIZE_PREFIX = 12;
/** IPv6 service network prefix must be /108 or longer (installer.md §4.1). */
const MAX_SERVICE_V6_SIZE_PREFIX = 108;
/** Host subnets the pod network must hold: max(4, nHosts) (installer.md §1.2 network-prefix-valid). */
const MIN_HOST_SUBNETS = 4;

export const subnetRules: Rule[] = [
  defineRule('network.host-bits', 'Subnets have no host bits set', function* (site) {
    // installer.md §4.1: "invalid network address. got X, expecting Y".
    for (const b of blocks(site)) {
      if (!b.cidr || !hasHostBits(b.cidr)) continue;
      const fixed = networkCidrText(b.cidr);
      yield {
        severity: 'error',
        path: b.path,
        message: `${b.text} (${b.label}) has host bits set; did you mean ${fixed}?`,
        hint: `Write the network address: ${fixed}.`,
      };
    }
  }),

  defineRule('network.overlap', 'Networks do not overlap', function* (site) {
    // installer.md §1.2 no-cidrs-overlapping, §4.1 (machine, service and cluster networks).
    const all = blocks(site);
    for (const [j, b] of all.entries()) {
      for (const a of all.slice(0, j)) {
        if (!a.cidr || !b.cidr || !cidrsOverlap(a.cidr, b.cidr)) continue;
        yield {
          severity: 'error',
          path: b.path,
          message: `${b.text} (${b.label}) overlaps ${a.text} (${a.label}).`,
          hint: 'Every network needs its own address range; change one of them.',
        };
      }
    }
  }),

  defineRule('network.ovn-reserved', 'Networks avoid the OVN-Kubernetes internal ranges', function* (site) {
    // installer.md §4.1: no network may overlap the OVN defaults.
    for (const b of blocks(site)) {
      if (!b.cidr) continue;
      for (const r of OVN_RESERVED) {
        const reserved = parseCidr(r.cidr);
        if (!reserved || !cidrsOverlap(b.cidr, reserved)) continue;
        yield {
          severity: 'error',
          path: b.path,
          message: `${b.text} (${b.label}) overlaps ${r.cidr}, the ${r.name} OVN-Kubernetes uses inside the cluster.`,
          hint: `Choose a range outside ${r.cidr}.`,
        };
      }
    }
  }),

  defineRule('cluster.family-mismatch', 'Machine, pod and service networks share one address family', function* (site) {
    // installer.md §1.2 networks-same-address-families.
    const machine = clusterNetworkInfo(site)?.cidr;
    if (!machine) return;
    const others = blocks(site).slice(-2);
    for (const b of others) {
      if (!b.cidr || b.cidr.family === machine.family) continue;
      yield {
        severity: 'error',
        path: b.path,
        message: `${b.text} (${b.label}) is IPv${b.cidr.family} but the cluster network is IPv${machine.family}.`,
        hint: `Use an IPv${machine.family} range.`,
      };
    }
  }),

  defineRule('network.machine-too-small', 'The cluster network is large enough', function* (site) {
    const info = clusterNetworkInfo(site);
    if (!info?.cidr) return;
    const { network, cidr, index } = info;
    const vips = site.cluster.apiVIPs.length + site.cluster.ingressVIPs.length;
    // 3 nodes + VIPs + gateway + network address (+ IPv4 broadcast).
    const needed = BigInt(site.nodes.length + vips + (network.gateway ? 1 : 0) + (cidr.family === 4 ? 2 : 1));
    if (cidr.size >= needed && cidr.size >= MIN_MACHINE_ADDRESSES) return;
    const minPrefix = cidr.bits - 4;
    yield {
      severity: 'error',
      path: pointer('networks', index, 'subnet'),
      message:
        `Cluster network ${network.name} (${network.subnet}) has ${cidr.size} addresses. The plan needs ${needed} ` +
        `(${site.nodes.length} nodes, ${vips} VIPs, the gateway, the network${cidr.family === 4 ? ' and broadcast' : ''} address), ` +
        `and the installer's assisted-service requires at least ${MIN_MACHINE_ADDRESSES} (a /${minPrefix}) for a multi-node cluster.`,
      hint: `Use a /${minPrefix} or larger machine network.`,
    };
  }),

  defineRule('cluster.host-prefix', 'hostPrefix fits the pod network', function* (site) {
    // installer.md §1.2 network-prefix-valid and §4.1: 1 ≤ hostPrefix, ≥ CIDR prefix,
    // ≤ 25 for IPv4 (bits − 7: 128 pod IPs per node), exactly 64 for IPv6.
    const cidr = parseCidr(site.cluster.clusterNetwork.cidr);
    if (!cidr) return;
    const hp = site.cluster.clusterNetwork.hostPrefix;
    let why: string | undefined;
    if (cidr.family === 6 && hp !== 64) why = 'must be 64 for an IPv6 pod network';
    else if (hp < 1) why = 'must be at least 1';
    else if (hp < cidr.prefix) why = `is shorter than the pod network prefix /${cidr.prefix}; each node's pod subnet must fit inside it`;
    else if (cidr.family === 4 && hp > cidr.bits - 7) why = `is longer than /${cidr.bits - 7}; each node needs at least 128 pod addresses`;
    if (!why) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'clusterNetwork', 'hostPrefix'),
      message: `hostPrefix ${hp} ${why}.`,
      hint: cidr.family === 4 ? 'Use 23 (512 pod addresses per node), the OpenShift default.' : 'Use 64.',
    };
  }),

  defineRule('cluster.pod-network-too-small', 'The pod network holds a subnet per node', function* (site) {
    // installer.md §1.2 network-prefix-valid: the cluster CIDR holds max(4, nHosts) host subnets.
    const cidr = parseCidr(site.cluster.clusterNetwork.cidr);
    const hp = site.cluster.clusterNetwork.hostPrefix;
    if (!cidr || hp < cidr.prefix || hp > cidr.bits) return; // cluster.host-prefix reports these
    const need = Math.max(MIN_HOST_SUBNETS, site.nodes.length);
    const count = 1n << BigInt(hp - cidr.prefix);
    if (count >= BigInt(need)) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'clusterNetwork', 'cidr'),
      message: `Pod network ${site.cluster.clusterNetwork.cidr} holds only ${count} node subnet${count === 1n ? '' : 's'} of /${hp}; the installer needs room for at least ${need}.`,
      hint: `Use a pod network of /${hp - Math.ceil(Math.log2(need))} or larger (default 10.128.0.0/14), or a longer hostPrefix.`,
    };
  }),

  defineRule('cluster.service-network-size', 'The service network has an accepted size', function* (site) {
    const text = site.cluster.serviceNetwork;
    const cidr = parseCidr(text);
    if (!cidr) return;
    let why: string | undefined;
    if (cidr.size < MIN_SERVICE_ADDRESSES) {
      why = `has only ${cidr.size} addresses; at least ${MIN_SERVICE_ADDRESSES} (a /${cidr.bits - 7}) are required`;
    } else if (cidr.family === 4 && cidr.prefix < MAX_SERVICE_V4_SIZE_PREFIX) {
      why = `is larger than a /${MAX_SERVICE_V4_SIZE_PREFIX}, which the installer rejects`;
    } else if (cidr.family === 6 && cidr.prefix < MAX_SERVICE_V6_SIZE_PREFIX) {
      why = `is larger than a /${MAX_SERVICE_V6_SIZE_PREFIX}, which the installer rejects (/112 is recommended)`;
    }
    if (!why) return;
    yield {
      severity: 'error',
      path: pointer('cluster', 'serviceNetwork'),
      message: `Service network ${text} ${why}.`,
      hint: cidr.family === 4 ? 'Use a /16 such as 172.30.0.0/16, the OpenShift default.' : 'Use a /112.',
    };
  }),
];
