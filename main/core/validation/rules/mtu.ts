// MTU per logical network. The generator raises the MTU of a parent NIC or bond to the
// largest MTU of the VLANs it carries, so a VLAN may be larger than its untagged sibling.
import { networkMtu } from '../../site/model';
import type { Rule } from '../engine';
import { defineRule, pointer } from './common';

/** Smallest MTU for IPv4 (RFC 791: 576) and the usual jumbo-frame ceiling of switches and NICs. */
export const MIN_MTU = 576;
export const MAX_MTU = 9216;
export const JUMBO_MTU = 9000;

export const mtuRules: Rule[] = [
  defineRule('network.mtu-range', 'MTU between 576 and 9216', function* (site) {
    for (const [i, network] of site.networks.entries()) {
      if (network.mtu === undefined || (network.mtu >= MIN_MTU && network.mtu <= MAX_MTU)) continue;
      yield {
        severity: 'error',
        path: pointer('networks', i, 'mtu'),
        message: `MTU ${network.mtu} of network ${network.name} is outside ${MIN_MTU}–${MAX_MTU}.`,
        hint: 'Use 1500, or 9000 for jumbo frames when every switch port on the path allows them.',
      };
    }
  }),

  defineRule('network.storage-mtu', 'The storage network uses jumbo frames', function* (site) {
    for (const [i, network] of site.networks.entries()) {
      if (network.role !== 'storage') continue;
      const mtu = networkMtu(network);
      if (mtu >= JUMBO_MTU) continue;
      yield {
        severity: 'warning',
        path: network.mtu === undefined ? pointer('networks', i) : pointer('networks', i, 'mtu'),
        message: `Storage network ${network.name} has MTU ${mtu}, not jumbo frames; ODF replication is slower and uses more CPU.`,
        hint: `Set mtu: ${JUMBO_MTU} when the switch ports of the storage VLAN allow jumbo frames.`,
      };
    }
  }),
];
