// Bonds: at least two member NICs of the layout, each NIC in at most one bond.
import type { Rule } from '../engine';
import { defineRule, nodeLayouts, scope } from './common';

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
