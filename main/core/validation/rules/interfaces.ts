// Per-node NIC table: MAC addresses identify the hosts and drive the MAC→NIC mapping of
// agent-config (installer.md §3.1 hosts[].interfaces, §4.4).
import type { Rule } from '../engine';
import { defineRule, nodeLayouts, nodeName, physicalInterfaces, pointer, scope } from './common';

function macOctets(mac: string): number[] {
  return mac.split(':').map((h) => parseInt(h, 16));
}

export const interfaceRules: Rule[] = [
  defineRule('interfaces.mac-duplicate', 'MAC addresses are unique', function* (site) {
    // installer.md §4.4: "duplicate MAC address found" — across all hosts and within a host.
    const first = new Map<string, string>();
    for (const [i, node] of site.nodes.entries()) {
      for (const [k, iface] of node.interfaces.entries()) {
        const where = `${iface.name} on ${nodeName(node, i)}`;
        const earlier = first.get(iface.mac);
        if (earlier === undefined) {
          first.set(iface.mac, where);
          continue;
        }
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'interfaces', k, 'mac'),
          message: `MAC address ${iface.mac} of ${where} is also given for ${earlier}.`,
          hint: 'Every NIC has its own MAC address; read it again from the server (or run discovery).',
        };
      }
    }
  }),

  defineRule('interfaces.mac-multicast', 'MAC addresses are unicast', function* (site) {
    // installer.md §4.2: validate.MAC rejects multicast ("expected unicast mac address, found multicast").
    for (const [i, node] of site.nodes.entries()) {
      for (const [k, iface] of node.interfaces.entries()) {
        const first = macOctets(iface.mac)[0] ?? 0;
        if ((first & 1) === 1) {
          yield {
            severity: 'error',
            path: pointer('nodes', i, 'interfaces', k, 'mac'),
            message: `MAC address ${iface.mac} of ${iface.name} on ${nodeName(node, i)} is a multicast address; expected unicast.`,
            hint: 'A NIC MAC has an even first octet (the lowest bit is 0); check for a typo.',
          };
        }
      }
    }
  }),

  defineRule('interfaces.mac-zero', 'MAC addresses are not all zero', function* (site) {
    // installer.md §4.4: "address 000000: invalid MAC address".
    for (const [i, node] of site.nodes.entries()) {
      for (const [k, iface] of node.interfaces.entries()) {
        if (macOctets(iface.mac).every((o) => o === 0)) {
          yield {
            severity: 'error',
            path: pointer('nodes', i, 'interfaces', k, 'mac'),
            message: `MAC address of ${iface.name} on ${nodeName(node, i)} is 00:00:00:00:00:00, which is not a real NIC address.`,
            hint: 'Fill in the real MAC address (run discovery to read it from the server).',
          };
        }
      }
    }
  }),

  defineRule('interfaces.name-duplicate', 'Interface names are unique per node', function* (site) {
    // installer.md §4.4: "MACs and Interfaces for host %d must be unique".
    for (const [i, node] of site.nodes.entries()) {
      const seen = new Set<string>();
      for (const [k, iface] of node.interfaces.entries()) {
        if (seen.has(iface.name)) {
          yield {
            severity: 'error',
            path: pointer('nodes', i, 'interfaces', k, 'name'),
            message: `${nodeName(node, i)} lists interface ${iface.name} twice.`,
            hint: 'Keep one entry per NIC.',
          };
        }
        seen.add(iface.name);
      }
    }
  }),

  defineRule('interfaces.mac-missing', 'Every NIC of the layout has a MAC address', function* (site) {
    // installer.md §4.4: each interface needs a MAC; NICs without a mapping are not configured.
    for (const view of nodeLayouts(site)) {
      const known = new Set(view.node.interfaces.map((x) => x.name));
      for (const name of physicalInterfaces(view)) {
        if (known.has(name)) continue;
        yield {
          severity: 'error',
          path: pointer('nodes', view.index, 'interfaces'),
          message: `${view.name} has no MAC address for ${name}, which the layout uses.`,
          hint: `Add { name: ${name}, mac: ... } to the interfaces of ${view.name} (discovery can fill it in).`,
        };
      }
    }
  }),

  defineRule('interfaces.not-in-layout', 'Every NIC entry belongs to the layout', function* (site) {
    for (const view of nodeLayouts(site)) {
      const used = new Set(physicalInterfaces(view));
      for (const [k, iface] of view.node.interfaces.entries()) {
        if (used.has(iface.name)) continue;
        yield {
          severity: 'warning',
          path: pointer('nodes', view.index, 'interfaces', k, 'name'),
          message: `Interface ${iface.name} of ${view.name} is not part of the layout ${scope(view, 'interfaces', 'bonds', 'uplinks')}; it will not be configured.`,
          hint: 'Add it to layout.interfaces, fix the name, or remove the entry.',
        };
      }
    }
  }),
];
