// The ODF storage network through Multus (manifests.md §3.4): one NetworkAttachmentDefinition
// in openshift-storage, CNI macvlan (the only type ODF supports) on the storage interface
// the NMState policy creates, whereabouts IPAM with `range` = the storage subnet and the
// node IPs excluded (the nodes hold those on the same VLAN). Replication ("cluster") only.
import { cidrContains, parseCidr, parseIp } from '../../net/ip';
import { effectiveLayout, findNetwork } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import { day2NetworkState } from '../nmstate';
import { WAVES, waveAnnotations, type GenerateIssue, type K8sObject } from './common';

export const STORAGE_NAD = 'ocs-cluster';

interface NmInterface {
  name?: unknown;
  ipv4?: { address?: { ip?: unknown }[] };
  ipv6?: { address?: { ip?: unknown }[] };
}

/** The interface that holds `ip` in an NMState desiredState, if any. */
export function interfaceHolding(state: unknown, ip: string): string | undefined {
  const interfaces = (state as { interfaces?: NmInterface[] } | undefined)?.interfaces;
  if (!Array.isArray(interfaces)) return undefined;
  const wanted = parseIp(ip);
  for (const iface of interfaces) {
    for (const address of [...(iface.ipv4?.address ?? []), ...(iface.ipv6?.address ?? [])]) {
      const have = typeof address.ip === 'string' ? parseIp(address.ip) : undefined;
      if (have && wanted && have.family === wanted.family && have.value === wanted.value && typeof iface.name === 'string') return iface.name;
    }
  }
  return undefined;
}

/** Storage interface of a node: from its NMState policy, else `<device>.<vlan>` of the layout. */
export function storageInterface(site: Site, node: SiteNode): string | undefined {
  const network = site.odf.storageNetwork === undefined ? undefined : findNetwork(site, site.odf.storageNetwork);
  if (!network) return undefined;
  const ip = node.addresses[network.name];
  const fromState = ip === undefined ? undefined : interfaceHolding(day2NetworkState(site, node), ip);
  if (fromState) return fromState;
  const uplink = effectiveLayout(site, node).uplinks.find((u) => u.networks.includes(network.name));
  if (!uplink) return undefined;
  return network.vlan === 'untagged' ? uplink.device : `${uplink.device}.${network.vlan}`;
}

export function storageNetworkObjects(site: Site, issues: GenerateIssue[]): K8sObject[] {
  if (!site.odf.enabled || site.odf.storageNetwork === undefined) return [];
  const network = findNetwork(site, site.odf.storageNetwork);
  const subnet = network ? parseCidr(network.subnet) : undefined;
  if (!network || !subnet) return []; // the plan rules report the unknown network
  const masters = site.nodes.map((node) => storageInterface(site, node));
  const master = masters[0];
  if (master === undefined || masters.some((m) => m !== master)) {
    issues.push({
      id: 'generate.storage-interface-differs',
      severity: 'error',
      path: '/odf/storageNetwork',
      message: `The storage network must use the same interface name on every node for ODF's macvlan NAD; found ${masters.map((m) => m ?? 'none').join(', ')}.`,
      hint: 'Give the storage network the same uplink device on all three nodes (manifests.md §3.4).',
    });
  }
  const hostBits = subnet.family === 4 ? 32 : 128;
  const exclude = [...site.nodes.map((n) => n.addresses[network.name]), network.gateway]
    .filter((ip): ip is string => ip !== undefined)
    .filter((ip) => {
      const parsed = parseIp(ip);
      return parsed !== undefined && cidrContains(subnet, parsed);
    })
    .map((ip) => `${ip}/${hostBits}`);
  const config = {
    cniVersion: '0.3.1',
    name: STORAGE_NAD,
    type: 'macvlan',
    master: master ?? '',
    mode: 'bridge',
    ipam: { type: 'whereabouts', range: network.subnet, exclude },
  };
  return [
    {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: STORAGE_NAD, namespace: 'openshift-storage', annotations: waveAnnotations(WAVES.storageNad, { customResource: true }) },
      spec: { config: JSON.stringify(config, null, 2) + '\n' },
    },
  ];
}
