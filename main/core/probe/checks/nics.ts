// NICs: planned MACs present and on the planned names, carrier on every NIC the plan uses,
// storage NICs fast enough, bond members alike, MTU within the NIC's maximum.
import { networkMtu } from '../../site/model';
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { Nic } from '../inventory';
import { finding, layoutPath, list, normalizeMac, type NodeContext } from './context';

const STORAGE_MIN_MBPS = 10_000;

/** The NIC a plan interface name stands for: by its planned MAC first, else by name. */
export function resolveNic(ctx: NodeContext, name: string): Nic | undefined {
  const planned = ctx.node.interfaces.find((i) => i.name === name);
  const nics = ctx.inventory.facts.nics;
  const mac = normalizeMac(planned?.mac);
  const byMac = mac ? nics.find((n) => normalizeMac(n.permanentMac) === mac || normalizeMac(n.mac) === mac) : undefined;
  return byMac ?? nics.find((n) => n.name === name);
}

/** Path of the node's interface entry for a NIC name, else of the layout's interface list. */
function nicPath(ctx: NodeContext, name: string): string {
  const j = ctx.node.interfaces.findIndex((i) => i.name === name);
  if (j >= 0) return pointer('nodes', ctx.index, 'interfaces', j);
  const k = ctx.layout.interfaces.indexOf(name);
  return layoutPath(ctx, 'interfaces', Math.max(0, k));
}

/** Physical NIC names behind a layout device (a bond's members, or the NIC itself). */
function membersOf(ctx: NodeContext, device: string): string[] {
  const bond = ctx.layout.bonds?.find((b) => b.name === device);
  return bond ? bond.members : [device];
}

export function nicFindings(ctx: NodeContext): Finding[] {
  const findings: Finding[] = [];
  const { node, index, inventory, layout, site } = ctx;
  const nics = inventory.facts.nics;
  const host = node.hostname;

  node.interfaces.forEach((planned, j) => {
    const mac = normalizeMac(planned.mac);
    const found = nics.find((n) => normalizeMac(n.permanentMac) === mac) ?? nics.find((n) => normalizeMac(n.mac) === mac);
    if (!found) {
      const seen = nics.filter((n) => n.kind === 'physical' && n.mac).map((n) => `${n.name} ${n.mac}`);
      findings.push(
        finding('hw.mac-missing', 'error', pointer('nodes', index, 'interfaces', j, 'mac'),
          `${host}: no NIC has the planned MAC ${planned.mac} (planned for ${planned.name}).`,
          seen.length ? `NICs found: ${seen.join(', ')}.` : 'Check the MAC against the server label or the BMC inventory.'),
      );
    } else if (found.name !== planned.name) {
      findings.push(
        finding('hw.mac-on-other-interface', 'error', pointer('nodes', index, 'interfaces', j, 'name'),
          `${host}: MAC ${planned.mac} is on ${found.name}, not on ${planned.name} as planned.`,
          `Rename the interface to ${found.name} in the plan, or correct the MAC.`),
      );
    }
  });

  const known = new Set(nics.map((n) => n.name));
  layout.interfaces.forEach((name, k) => {
    if (!known.has(name) && !resolveNic(ctx, name)) {
      findings.push(
        finding('hw.interface-missing', 'error', layoutPath(ctx, 'interfaces', k), `${host} has no NIC named ${name}.`,
          `NICs found: ${list(nics.filter((n) => n.kind === 'physical').map((n) => n.name)) || 'none'}.`),
      );
    }
  });

  // Every NIC an uplink uses, directly or as a bond member.
  const used = new Set(layout.uplinks.flatMap((u) => membersOf(ctx, u.device)));
  for (const name of used) {
    const nic = resolveNic(ctx, name);
    if (nic && (nic.carrier === false || (nic.carrier === undefined && nic.link === 'down'))) {
      findings.push(
        finding('hw.no-link', 'error', nicPath(ctx, name), `${host}: ${nic.name} has no link (no carrier), but the plan uses it.`,
          'Check the cable, the transceiver and that the switch port is enabled.'),
      );
    }
  }

  // Storage NICs: members of the uplink that carries the storage network.
  const storage = site.odf.storageNetwork ?? site.networks.find((n) => n.role === 'storage')?.name;
  site.odf.enabled &&
    layout.uplinks.forEach((uplink) => {
      if (!storage || !uplink.networks.includes(storage)) return;
      for (const name of membersOf(ctx, uplink.device)) {
        const nic = resolveNic(ctx, name);
        if (nic?.speedMbps !== undefined && nic.speedMbps > 0 && nic.speedMbps < STORAGE_MIN_MBPS) {
          findings.push(
            finding('hw.storage-nic-slow', 'error', nicPath(ctx, name),
              `${host}: ${nic.name} carries the storage network at ${nic.speedMbps / 1000} Gb/s; ODF needs at least 10 Gb/s.`,
              'Use a 10/25 Gb/s port for the storage network.'),
          );
        }
      }
    });

  (layout.bonds ?? []).forEach((bond, b) => {
    const speeds = bond.members.map((m) => ({ name: resolveNic(ctx, m)?.name ?? m, speed: resolveNic(ctx, m)?.speedMbps }));
    const known = speeds.filter((s) => s.speed !== undefined && s.speed > 0);
    if (new Set(known.map((s) => s.speed)).size > 1) {
      findings.push(
        finding('hw.bond-speed-mismatch', 'warning', layoutPath(ctx, 'bonds', b, 'members'),
          `${host}: the members of ${bond.name} run at different speeds (${known.map((s) => `${s.name} ${s.speed! / 1000} Gb/s`).join(', ')}).`,
          'Bond members should be equal ports; check cabling and transceivers.'),
      );
    }
  });

  layout.uplinks.forEach((uplink, u) => {
    const mtus = uplink.networks.map((name) => site.networks.find((n) => n.name === name)).filter((n) => n !== undefined).map(networkMtu);
    const needed = Math.max(0, ...mtus);
    for (const name of membersOf(ctx, uplink.device)) {
      const nic = resolveNic(ctx, name);
      if (nic?.maxMtu !== undefined && nic.maxMtu < needed) {
        findings.push(
          finding('hw.mtu-unsupported', 'error', layoutPath(ctx, 'uplinks', u, 'networks'),
            `${host}: ${nic.name} supports an MTU of at most ${nic.maxMtu}, but ${uplink.device} carries a network with MTU ${needed}.`,
            'Lower the network MTU or use a NIC that supports jumbo frames.'),
        );
      }
    }
  });
  return findings;
}
