// MTU per logical network. The generator raises the MTU of a parent NIC or bond to the
// largest MTU of the VLANs it carries. Untagged traffic uses the parent's own MTU, so an
// untagged network next to a larger VLAN would silently run at the VLAN's MTU: a rule says so.
import { networkMtu } from '../../site/model';
import type { Rule } from '../engine';
import { defineRule, networksByName, nodeLayouts, pointer, scope } from './common';

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

  defineRule('network.mtu-untagged-parent', 'An untagged network is not smaller than a VLAN on the same device', function* (site) {
    const byName = networksByName(site);
    for (const view of nodeLayouts(site)) {
      for (const uplink of view.uplinks) {
        const carried = uplink.networks.flatMap((name) => byName.get(name) ?? []);
        const untagged = carried.find((x) => x.network.vlan === 'untagged');
        if (!untagged) continue;
        const largest = carried
          .filter((x) => x.network.vlan !== 'untagged')
          .sort((a, b) => networkMtu(b.network) - networkMtu(a.network))[0];
        if (!largest || networkMtu(largest.network) <= networkMtu(untagged.network)) continue;
        const parentMtu = networkMtu(largest.network);
        yield {
          severity: 'error',
          path: untagged.network.mtu === undefined ? pointer('networks', untagged.index) : pointer('networks', untagged.index, 'mtu'),
          message:
            `${untagged.network.name} runs untagged on ${uplink.device} ${scope(view, 'uplinks')} with MTU ${networkMtu(untagged.network)}, ` +
            `but ${largest.network.name} (VLAN ${largest.network.vlan}) needs MTU ${parentMtu} on the same device. ` +
            `A VLAN cannot be larger than its parent, so ${uplink.device} would be set to ${parentMtu} and ${untagged.network.name} would run at ${parentMtu} too.`,
          hint: `Give ${untagged.network.name} a VLAN ID of its own, set its mtu to ${parentMtu} if every device on that network allows it, or carry ${largest.network.name} on another NIC or bond.`,
        };
      }
    }
  }),
];
