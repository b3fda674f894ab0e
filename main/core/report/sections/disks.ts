// Section 5: per node, the boot disk and the ODF devices (with what a wipe would destroy),
// the other disks, and the ODF capacity raw and usable at replica 3. What happens to each disk
// is in the words of core/disks/disk-fate.ts, the same the wizard's Disks picture uses.
import type { Disk } from '../../probe/inventory';
import { contents, contentsUnknown, externalText, findDevice, hasHints, matchBootHint, removableUnknown, wholeDisks } from '../../probe/checks/disk-match';
import { bootFate, odfFate, otherFate, type DiskFate } from '../../disks/disk-fate';
import { effectiveDisks, wipeDevices } from '../../site/model';
import type { RootDeviceHint } from '../../site/schema';
import { plural, size, type ReportContext, type ReportNode } from '../context';
import { esc } from '../escape';
import { dash, kv, section, table } from './frame';

export function hintText(hint: RootDeviceHint): string {
  return Object.entries(hint)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

const diskName = (d: Disk) => `<code class="wrap-any">${esc(d.path)}</code>${[d.model, d.serial].some(Boolean) ? `<br><span class="muted">${esc([d.model, d.serial && `serial ${d.serial}`].filter(Boolean).join(' · '))}</span>` : ''}`;
/** The disk, and what is on it now (what a wipe would destroy). */
const onNode = (d: Disk) => {
  const c = contents(d);
  const facts = [removableUnknown(d) && 'removable: unknown', externalText(d) && `it ${externalText(d)}`].filter(Boolean) as string[];
  const now = c.length ? `<br><span class="has">has ${esc(c.join('; '))}</span>` : contentsUnknown(d) ? '<br><span class="mark unknown">contents unknown: lsblk did not say</span>' : '<br><span class="muted">empty</span>';
  return diskName(d) + now + (facts.length ? `<br><span class="muted">${esc(facts.join(' · '))}</span>` : '');
};
/** The size as read; "about …" when lsblk printed it rounded (without -b). */
const diskSize = (d: Disk) => esc(`${d.sizeApproximate ? 'about ' : ''}${size(d.sizeBytes)}`);

// `fate` lets the sentence wrap in its narrow column (a `mark` alone never wraps).
const TONE_CLASS: Record<DiskFate['tone'], string> = { wipe: 'wipe fate', keep: 'muted fate', held: 'mark bad fate', unknown: 'mark unknown fate' };
/** What happens to the disk, with the installer's part on a second line. */
const fateCell = (fate: DiskFate) =>
  `<span class="${TONE_CLASS[fate.tone]}">${esc(fate.text)}</span>${fate.note ? `<br><span class="muted">${esc(fate.note)}</span>` : ''}`;
const WIPE_OS = fateCell(bootFate());

interface NodeDisks {
  html: string;
  /** Bytes of the ODF devices found; undefined when not probed. */
  odfBytes?: number;
}

function nodeDisks(ctx: ReportContext, rn: ReportNode): NodeDisks {
  const sel = effectiveDisks(ctx.site, rn.node);
  const inv = rn.inventory;
  const rows: string[][] = [];
  const used = new Set<Disk>();
  const boot = hasHints(sel.boot) ? (inv ? matchBootHint(inv.facts.disks, sel.boot) : []) : [];
  const bootPlan = hasHints(sel.boot) ? `<code class="wrap-any">${esc(hintText(sel.boot))}</code>` : '<span class="mark bad">no boot disk hint</span>';
  if (!inv) rows.push(['Boot (OS)', bootPlan, dash, dash, WIPE_OS]);
  else if (boot.length === 0) rows.push(['Boot (OS)', bootPlan, '<span class="mark bad">no disk matches</span>', dash, dash]);
  else
    boot.forEach((d) => {
      used.add(d);
      rows.push(['Boot (OS)', bootPlan, onNode(d) + (boot.length > 1 ? '<br><span class="mark bad">hint is ambiguous</span>' : ''), diskSize(d), WIPE_OS]);
    });
  let odfBytes = inv ? 0 : undefined;
  const wipe = wipeDevices(rn.node);
  if (ctx.site.odf.enabled) {
    sel.odf.forEach((p, i) => {
      const d = inv ? findDevice(inv.facts.disks, p) : undefined;
      if (d) used.add(d);
      if (d && odfBytes !== undefined) odfBytes += d.sizeBytes;
      rows.push([
        `ODF ${i + 1}`,
        `<code class="wrap-any">${esc(p)}</code>`,
        d ? onNode(d) : inv ? '<span class="mark bad">not found</span>' : dash,
        d ? diskSize(d) : dash,
        inv && !d ? dash : fateCell(odfFate({ ...(d ? { disk: d } : {}), acknowledged: wipe.includes(p) })),
      ]);
    });
  }
  if (inv) {
    for (const d of wholeDisks(inv.facts.disks)) {
      if (!used.has(d)) rows.push(['Other', '<span class="muted">not in the plan</span>', onNode(d), diskSize(d), fateCell(otherFate(d))]);
    }
  }
  const head = ['Use', 'Planned (hint or by-path)', 'Disk on the node, and what is on it now', 'Size', 'What happens to it'];
  const summary = inv
    ? `<p class="how">${plural(sel.odf.length, 'ODF device')} planned; ${esc(size(odfBytes))} raw for ODF on this node.</p>`
    : '';
  return { html: `<div class="card"><h3>${esc(rn.node.hostname)}</h3>${table(head, rows, 'disks fixed', ['16mm', '', '', '17mm', '38mm'])}${summary}</div>`, odfBytes };
}

export function disksSection(ctx: ReportContext): string {
  const perNode = ctx.nodes.map((rn) => nodeDisks(ctx, rn));
  const replica = ctx.site.odf.replica ?? 3;
  let capacity: string;
  if (!ctx.site.odf.enabled) capacity = '<p class="note">ODF is not enabled: no disk is given to ODF.</p>';
  else if (perNode.some((n) => n.odfBytes === undefined)) {
    capacity =
      '<p class="note not-probed"><strong>Hardware not probed yet</strong>' +
      (ctx.probed ? ' on every node' : '') +
      ': the ODF capacity is known once the device sizes have been read from all three nodes.</p>';
  } else {
    const bytes = perNode.map((n) => n.odfBytes!);
    const raw = bytes.reduce((a, b) => a + b, 0);
    const smallest = Math.min(...bytes);
    capacity =
      kv([
        ['Raw', `<strong>${esc(size(raw))}</strong> (${bytes.map((b, i) => `${esc(ctx.nodes[i]!.node.hostname)} ${esc(size(b))}`).join(', ')})`],
        [`Usable at replica ${replica}`, `<strong>≈ ${esc(size(smallest))}</strong>`],
      ]) +
      `<p class="how">How: ODF keeps ${esc(replica)} copies of every object, one per failure domain (${esc(ctx.site.odf.failureDomain ?? 'host')}), so with three nodes the usable capacity is the smallest node's raw ODF capacity — the sum over the nodes divided by ${esc(replica)} (${esc(size(raw / replica))}) when the nodes are equal. Plan to stay below about 75 % of it: ODF warns when the cluster gets near full.</p>`;
  }
  const note = ctx.probed ? '' : '<p class="note not-probed"><strong>Hardware not probed yet.</strong> The tables show the plan; the matched disks, their sizes and what is on them now appear after <code>sitekit probe</code>.</p>';
  return section(5, 'disks', 'Disk layout and ODF capacity', `${note}${perNode.map((n) => n.html).join('')}<h3>ODF capacity</h3>${capacity}`);
}
