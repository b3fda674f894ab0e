// Interface names and MACs: keep the plan's names, fill or correct their MACs from the NIC of
// that name; for layout names the node has no entry for yet, add one.
import { effectiveLayout } from '../../site/model';
import type { Site } from '../../site/schema';
import { pointer } from '../../validation/step';
import { normalizeMac } from '../checks/context';
import type { Nic, NodeInventory } from '../inventory';
import type { Proposal } from './types';

const macOf = (nic: Nic) => normalizeMac(nic.permanentMac ?? nic.mac);

export function interfaceProposals(site: Site, inventories: readonly NodeInventory[]): Proposal[] {
  const proposals: Proposal[] = [];
  site.nodes.forEach((node, i) => {
    const inventory = inventories.find((inv) => inv.node === node.hostname);
    if (!inventory) return;
    const nics = inventory.facts.nics;
    const host = node.hostname;
    node.interfaces.forEach((planned, j) => {
      const byName = nics.find((n) => n.name === planned.name);
      const plannedMac = normalizeMac(planned.mac);
      if (byName && macOf(byName) && macOf(byName) !== plannedMac) {
        const elsewhere = nics.find((n) => macOf(n) === plannedMac);
        proposals.push({
          id: `mac:${host}:${planned.name}`,
          node: host,
          path: pointer('nodes', i, 'interfaces', j, 'mac'),
          current: planned.mac,
          proposed: macOf(byName),
          reason: `${planned.name} on ${host} has MAC ${macOf(byName)}${elsewhere ? ` (${planned.mac} belongs to ${elsewhere.name})` : ''}.`,
          replaces: true,
        });
      } else if (!byName) {
        const holder = nics.find((n) => macOf(n) === plannedMac);
        if (holder) {
          proposals.push({
            id: `name:${host}:${planned.name}`,
            node: host,
            path: pointer('nodes', i, 'interfaces', j, 'name'),
            current: planned.name,
            proposed: holder.name,
            reason: `${host} has no NIC named ${planned.name}; its MAC ${planned.mac} is on ${holder.name}.`,
            replaces: true,
          });
        }
      }
    });
    const have = new Set(node.interfaces.map((x) => x.name));
    let next = node.interfaces.length;
    for (const name of effectiveLayout(site, node).interfaces) {
      if (have.has(name)) continue;
      const nic = nics.find((n) => n.name === name);
      const mac = nic && macOf(nic);
      if (!mac) continue;
      proposals.push({
        id: `mac:${host}:${name}`,
        node: host,
        path: pointer('nodes', i, 'interfaces', next++),
        proposed: { name, mac },
        reason: `${host} has ${name} with MAC ${mac}${nic.speedMbps ? ` (${nic.speedMbps / 1000} Gb/s)` : ''}.`,
        replaces: false,
      });
    }
  });
  return proposals;
}
