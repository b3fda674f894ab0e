// Bonds: at least two member NICs of the layout, each NIC in at most one bond; an LACP bond
// cabled to two switches needs those switches paired (MLAG/vPC).
import type { Bond } from '../../site/schema';
import type { Rule } from '../engine';
import { defineRule, listWords, nodeLayouts, pointer, scope } from './common';

export const bondRules: Rule[] = [
  defineRule('bond.too-few-members', 'A bond has at least two members', function* (site) {
    for (const view of nodeLayouts(site)) {
      for (const [b, bond] of view.bonds.entries()) {
        const members = new Set(bond.members);
        if (members.size >= 2) continue;
        yield {
          severity: 'error',
          path: `${view.base.bonds}/${b}/members`,
          message: `Bond ${bond.name} ${scope(view, 'bonds')} has ${members.size === 0 ? 'no members' : `only one member (${bond.members[0]})`}; a bond needs at least two NICs.`,
          hint: 'Add a second NIC to the bond, or use the NIC directly as uplink device.',
        };
      }
    }
  }),

  defineRule('bond.member-unknown', 'Bond members are NICs of the layout', function* (site) {
    for (const view of nodeLayouts(site)) {
      const nics = new Set(view.interfaces);
      for (const [b, bond] of view.bonds.entries()) {
        for (const [m, member] of bond.members.entries()) {
          if (nics.has(member)) continue;
          yield {
            severity: 'error',
            path: `${view.base.bonds}/${b}/members/${m}`,
            message: `Bond ${bond.name} ${scope(view, 'bonds', 'interfaces')} has member ${member}, which is not one of the layout interfaces (${view.interfaces.join(', ') || 'none'}).`,
            hint: `Add ${member} to layout.interfaces, or correct the member name.`,
          };
        }
      }
    }
  }),

  defineRule('bond.member-shared', 'A NIC belongs to at most one bond', function* (site) {
    for (const view of nodeLayouts(site)) {
      const owner = new Map<string, string>();
      for (const [b, bond] of view.bonds.entries()) {
        for (const [m, member] of bond.members.entries()) {
          const other = owner.get(member);
          if (other === undefined) {
            owner.set(member, bond.name);
            continue;
          }
          yield {
            severity: 'error',
            path: `${view.base.bonds}/${b}/members/${m}`,
            message:
              other === bond.name
                ? `Bond ${bond.name} ${scope(view, 'bonds')} lists ${member} twice.`
                : `${member} is a member of both ${other} and ${bond.name} ${scope(view, 'bonds')}; a NIC can be in one bond only.`,
            hint: `Remove ${member} from ${bond.name}.`,
          };
        }
      }
    }
  }),

  defineRule('bond.name-conflict', 'Bond names are unique and differ from NIC names', function* (site) {
    for (const view of nodeLayouts(site)) {
      const nics = new Set(view.interfaces);
      const seen = new Set<string>();
      for (const [b, bond] of view.bonds.entries()) {
        const clash = nics.has(bond.name) ? 'a NIC of the layout' : seen.has(bond.name) ? 'another bond' : undefined;
        seen.add(bond.name);
        if (!clash) continue;
        yield {
          severity: 'error',
          path: `${view.base.bonds}/${b}/name`,
          message: `Bond ${bond.name} ${scope(view, 'bonds', 'interfaces')} has the same name as ${clash}.`,
          hint: 'Name bonds bond0, bond1, ...',
        };
      }
    }
  }),

  defineRule('bond.lacp-across-switches', 'An 802.3ad bond across two switches needs MLAG/vPC', function* (site) {
    // LACP negotiates with one partner: two switches must present one system id. A bond of
    // the shared layout gets one finding naming each node's switches (the switches are per
    // node, so per-node findings would repeat the same request three times); a bond a node
    // defines itself gets a finding of its own.
    const shared = new Map<number, { bond: Bond; nodes: { name: string; switches: string[] }[] }>();
    for (const view of nodeLayouts(site)) {
      for (const [b, bond] of view.bonds.entries()) {
        if (bond.mode !== '802.3ad') continue;
        const switches = [...new Set(bond.members.map((m) => view.node.interfaces.find((i) => i.name === m)?.switch).filter((s): s is string => !!s))];
        if (switches.length < 2) continue;
        if (!view.own.bonds) {
          const entry = shared.get(b) ?? { bond, nodes: [] };
          entry.nodes.push({ name: view.name, switches });
          shared.set(b, entry);
          continue;
        }
        yield {
          severity: 'info',
          path: `${view.base.bonds}/${b}`,
          message: `Bond ${bond.name} on ${view.name} is 802.3ad (LACP) with members cabled to ${listWords(switches)}: the switches must be one MLAG/vPC pair with one port-channel across both ports, otherwise LACP keeps only the links to one switch.`,
          hint: `Ask the network team to configure the ports of ${bond.name} as one MLAG/vPC port-channel (LACP active) on ${listWords(switches)}, or use mode active-backup, which needs nothing on the switches.`,
        };
      }
    }
    for (const [b, { bond, nodes }] of shared) {
      // Nodes cabled to the same switches share one phrase: "sw-c1 and sw-c2 on acp-1, acp-2 and acp-3".
      const groups = new Map<string, { switches: string[]; nodes: string[] }>();
      for (const node of nodes) {
        const key = node.switches.join('\u0000');
        const group = groups.get(key) ?? { switches: node.switches, nodes: [] };
        group.nodes.push(node.name);
        groups.set(key, group);
      }
      const one = groups.size === 1;
      const cabling = [...groups.values()].map((g) => `${listWords(g.switches)} on ${listWords(g.nodes)}`).join('; ');
      const pairs = [...groups.values()].map((g) => listWords(g.switches)).join('; ');
      yield {
        severity: 'info',
        path: pointer('layout', 'bonds', b),
        message: `Bond ${bond.name} in the shared layout is 802.3ad (LACP) with members cabled to ${cabling}: ${one ? 'the switches' : 'the switches of each node'} must be one MLAG/vPC pair with one port-channel across both ports, otherwise LACP keeps only the links to one switch.`,
        hint: `Ask the network team to configure the ports of ${bond.name} as one MLAG/vPC port-channel (LACP active) on ${one ? pairs : `each pair (${pairs})`}, or use mode active-backup, which needs nothing on the switches.`,
      };
    }
  }),

  defineRule('bond.unused', 'Every bond carries networks', function* (site) {
    for (const view of nodeLayouts(site)) {
      const devices = new Set(view.uplinks.map((u) => u.device));
      for (const [b, bond] of view.bonds.entries()) {
        if (devices.has(bond.name)) continue;
        yield {
          severity: 'warning',
          path: `${view.base.bonds}/${b}`,
          message: `Bond ${bond.name} ${scope(view, 'bonds', 'uplinks')} carries no network; no uplink uses it.`,
          hint: `Add an uplink with device: ${bond.name}, or remove the bond.`,
        };
      }
    }
  }),
];
