// The rendezvous host: the Agent-based Installer runs assisted-service on "node 0", found
// by its static IP (installer.md §3.1 rendezvousIP, §4.4). Sitekit uses the first node.
import type { Rule } from '../engine';
import { clusterNetworkInfo, defineRule, nodeName, pointer } from './common';

export const rendezvousRules: Rule[] = [
  defineRule('rendezvous.address-missing', 'The first node has a static cluster address', function* (site) {
    const node = site.nodes[0];
    const info = clusterNetworkInfo(site);
    if (!node || !info || node.addresses[info.network.name] !== undefined) return;
    yield {
      severity: 'error',
      path: pointer('nodes', 0, 'addresses'),
      message: `${nodeName(node, 0)}, the first node, has no static address on cluster network ${info.network.name}; the installer uses it as the rendezvous host and needs its IP.`,
      hint: `Add ${info.network.name}: <IP in ${info.network.subnet}> to the addresses of ${nodeName(node, 0)}.`,
    };
  }),
];
