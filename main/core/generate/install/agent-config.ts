// agent-config.yaml (installer.md §3.1): the rendezvous host, NTP sources and per host the
// name, role, NIC table, root device hints and the install-time NMState networkConfig.
import { clusterNetwork, effectiveDisks } from '../../site/model';
import type { RootDeviceHint, Site, SiteNode } from '../../site/schema';
import { installNetworkState } from '../nmstate/install-state';
import { nodeLinks } from '../nmstate/devices';

/** Hint keys in the installer's order (pkg/types/baremetal/rootdevice.go); only set ones are written. */
const HINT_KEYS = ['deviceName', 'hctl', 'model', 'vendor', 'serialNumber', 'minSizeGigabytes', 'wwn', 'rotational'] as const;

export function agentConfig(site: Site): Record<string, unknown> {
  const cluster = clusterNetwork(site);
  const first = site.nodes[0];
  const rendezvousIP = cluster && first ? first.addresses[cluster.name] : undefined;
  return {
    apiVersion: 'v1beta1',
    kind: 'AgentConfig',
    metadata: { name: site.cluster.name },
    ...(rendezvousIP ? { rendezvousIP } : {}),
    additionalNTPSources: [...site.cluster.ntpServers],
    hosts: site.nodes.map((node) => agentHost(site, node)),
  };
}

function agentHost(site: Site, node: SiteNode): Record<string, unknown> {
  const macs = new Map(node.interfaces.map((i) => [i.name, i.mac]));
  const interfaces = nodeLinks(site, node)
    .nics.filter((nic) => macs.has(nic))
    .map((nic) => ({ name: nic, macAddress: macs.get(nic)! }));
  const hints = rootDeviceHints(effectiveDisks(site, node).boot);
  return {
    hostname: node.hostname,
    role: 'master',
    interfaces,
    ...(Object.keys(hints).length > 0 ? { rootDeviceHints: hints } : {}),
    networkConfig: installNetworkState(site, node),
  };
}

function rootDeviceHints(boot: RootDeviceHint): Record<string, unknown> {
  const hints: Record<string, unknown> = {};
  for (const key of HINT_KEYS) if (boot[key] !== undefined) hints[key] = boot[key];
  return hints;
}
