// Uplinks: which NIC or bond carries which networks on each node.
import { effectiveLayout, vmAttachment } from '../../site/model';
import type { Rule } from '../engine';
import { bondNames, defineRule, networksByName, nodeLayouts, scope } from './common';

export const uplinkRules: Rule[] = [
  defineRule('uplink.network-missing', 'Every network is carried on every node', function* (site) {
    for (const view of nodeLayouts(site)) {
      const carried = new Set(view.uplinks.flatMap((u) => u.networks));
      for (const network of site.networks) {
        // BMC addresses live on the BMCs' own ports, not on a host NIC.
        if (network.role === 'bmc' || carried.has(network.name)) continue;
        yield {
          severity: 'error',
          path: view.base.uplinks,
          message: `Network ${network.name} is not carried by any uplink ${scope(view, 'uplinks')}.`,
          hint: `Add ${network.name} to the networks of the NIC or bond that is cabled to it.`,
        };
      }
    }
  }),

  defineRule('uplink.network-duplicate', 'A network is carried once per node', function* (site) {
    for (const view of nodeLayouts(site)) {
      const seen = new Map<string, string>();
      for (const [u, uplink] of view.uplinks.entries()) {
        for (const [k, name] of uplink.networks.entries()) {
          const other = seen.get(name);
          if (other === undefined) {
            seen.set(name, uplink.device);
            continue;
          }
          yield {
            severity: 'error',
            path: `${view.base.uplinks}/${u}/networks/${k}`,
            message:
              other === uplink.device
                ? `Network ${name} is listed twice on ${uplink.device} ${scope(view, 'uplinks')}.`
                : `Network ${name} is carried on both ${other} and ${uplink.device} ${scope(view, 'uplinks')}; a node can reach a network through one device only.`,
            hint: `Keep ${name} on one device; use a bond for redundancy.`,
          };
        }
      }
    }
  }),

  defineRule('uplink.unknown-network', 'Uplinks name existing networks', function* (site) {
    const networks = networksByName(site);
    for (const view of nodeLayouts(site)) {
      for (const [u, uplink] of view.uplinks.entries()) {
        for (const [k, name] of uplink.networks.entries()) {
          if (networks.has(name)) continue;
          yield {
            severity: 'error',
            path: `${view.base.uplinks}/${u}/networks/${k}`,
            message: `Uplink ${uplink.device} ${scope(view, 'uplinks')} carries "${name}", but no network has that name.`,
            hint: `Use one of the network names: ${[...networks.keys()].join(', ')}.`,
          };
        }
      }
    }
  }),

  defineRule('uplink.device-unknown', 'Uplink devices are NICs or bonds of the layout', function* (site) {
    for (const view of nodeLayouts(site)) {
      const known = new Set([...view.interfaces, ...bondNames(view)]);
      for (const [u, uplink] of view.uplinks.entries()) {
        if (known.has(uplink.device)) continue;
        yield {
          severity: 'error',
          path: `${view.base.uplinks}/${u}/device`,
          message: `Uplink device ${uplink.device} ${scope(view, 'uplinks', 'interfaces', 'bonds')} is neither a layout interface nor a bond.`,
          hint: `Add ${uplink.device} to layout.interfaces (or define the bond), or correct the name.`,
        };
      }
    }
  }),

  defineRule('uplink.device-duplicate', 'One uplink entry per device', function* (site) {
    for (const view of nodeLayouts(site)) {
      const seen = new Set<string>();
      for (const [u, uplink] of view.uplinks.entries()) {
        if (seen.has(uplink.device)) {
          yield {
            severity: 'error',
            path: `${view.base.uplinks}/${u}/device`,
            message: `${uplink.device} has more than one uplink entry ${scope(view, 'uplinks')}.`,
            hint: `Merge the entries of ${uplink.device} into one list of networks.`,
          };
        }
        seen.add(uplink.device);
      }
    }
  }),

  defineRule('uplink.device-is-bond-member', 'Bond members are not uplinks themselves', function* (site) {
    for (const view of nodeLayouts(site)) {
      for (const [u, uplink] of view.uplinks.entries()) {
        const bond = view.bonds.find((b) => b.members.includes(uplink.device));
        if (!bond) continue;
        yield {
          severity: 'error',
          path: `${view.base.uplinks}/${u}/device`,
          message: `${uplink.device} is a member of bond ${bond.name} ${scope(view, 'uplinks', 'bonds')} and cannot carry networks itself.`,
          hint: `Carry these networks on ${bond.name} instead.`,
        };
      }
    }
  }),

  defineRule('uplink.vm-needs-bridge', 'Linux-bridge VM networks are on a bridged uplink', function* (site) {
    const networks = networksByName(site);
    for (const view of nodeLayouts(site)) {
      const layout = effectiveLayout(site, view.node);
      for (const [u, uplink] of view.uplinks.entries()) {
        if (uplink.bridge !== undefined) continue;
        // A localnet VM network rides on br-ex and needs no bridge of its own (vm-networks.ts).
        const vm = uplink.networks.filter((name) => {
          const network = networks.get(name)?.network;
          return network?.role === 'vm' && vmAttachment(site, network, layout) === 'linux-bridge';
        });
        if (vm.length === 0) continue;
        yield {
          severity: 'error',
          path: `${view.base.uplinks}/${u}`,
          message: `Uplink ${uplink.device} ${scope(view, 'uplinks')} carries VM network${vm.length > 1 ? 's' : ''} ${vm.join(', ')} but has no bridge; on a NIC or bond of their own VMs attach to a Linux bridge.`,
          hint: 'Add bridge: br-vm to this uplink.',
        };
      }
    }
  }),

  defineRule('uplink.bridge-conflict', 'Bridge names are unique', function* (site) {
    for (const view of nodeLayouts(site)) {
      const devices = new Set([...view.interfaces, ...bondNames(view)]);
      const seen = new Set<string>();
      for (const [u, uplink] of view.uplinks.entries()) {
        const bridge = uplink.bridge;
        if (bridge === undefined) continue;
        const clash = devices.has(bridge) ? 'a NIC or bond' : seen.has(bridge) ? 'the bridge of another uplink' : undefined;
        seen.add(bridge);
        if (!clash) continue;
        yield {
          severity: 'error',
          path: `${view.base.uplinks}/${u}/bridge`,
          message: `Bridge ${bridge} on ${uplink.device} ${scope(view, 'uplinks')} has the same name as ${clash}.`,
          hint: 'Give each bridge its own name, e.g. br-vm, br-vm2.',
        };
      }
    }
  }),
];
