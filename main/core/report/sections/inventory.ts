// Section 7: what each node is, from its inventory.
import { wholeDisks } from '../../probe/checks/disk-match';
import { gib, notProbed, size, time, type ReportContext } from '../context';
import { esc } from '../escape';
import { dash, section, table } from './frame';

export function inventorySection(ctx: ReportContext): string {
  if (!ctx.probed) return section(7, 'inventory', 'Hardware inventory', notProbed('No node inventory is stored for this site.'));
  const rows = ctx.nodes.map((rn) => {
    const inv = rn.inventory;
    if (!inv) return [`<strong>${esc(rn.node.hostname)}</strong>`, '<span class="mark unknown">not probed yet</span>', dash, dash, dash, dash, dash, dash];
    const f = inv.facts;
    const cpu = f.cpu;
    const physical = f.nics.filter((n) => n.kind === 'physical');
    const disks = wholeDisks(f.disks);
    const total = disks.reduce((a, d) => a + d.sizeBytes, 0);
    return [
      `<strong>${esc(rn.node.hostname)}</strong>${f.hostname && f.hostname !== rn.node.hostname ? `<br><span class="muted">reports ${esc(f.hostname)}</span>` : ''}`,
      `${esc([f.system?.vendor, f.system?.model].filter(Boolean).join(' ') || '?')}${f.system?.serial ? `<br><span class="muted">serial ${esc(f.system.serial)}</span>` : ''}`,
      cpu ? `${esc(cpu.model ?? cpu.arch ?? '?')}<br><span class="muted">${esc([cpu.sockets && `${cpu.sockets} sockets`, cpu.cores && `${cpu.cores} cores`, cpu.threads && `${cpu.threads} threads`, cpu.virtualization].filter(Boolean).join(' · '))}</span>` : dash,
      f.memory ? esc(gib(f.memory.totalBytes)) : dash,
      `${physical.length}<br><span class="muted">${esc(physical.map((n) => n.name).join(', '))}</span>`,
      `${disks.length}<br><span class="muted">${esc(size(total))} in total</span>`,
      esc([f.os, f.kernel].filter(Boolean).join(' · ')) || dash,
      `${esc(time(inv.collectedAt))}<br><span class="muted">${inv.source === 'ssh' ? 'over SSH' : 'imported'}${inv.problems.length ? ` · ${inv.problems.length} collection problem${inv.problems.length === 1 ? '' : 's'}` : ''}</span>`,
    ];
  });
  return section(7, 'inventory', 'Hardware inventory', table(['Node', 'System', 'CPU', 'RAM', 'NICs', 'Disks', 'OS', 'Collected'], rows, 'inventory'));
}
