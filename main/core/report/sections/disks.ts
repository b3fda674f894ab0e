// Section 5: per node, the boot disk and the ODF devices (with what a wipe would destroy),
// the other disks, and the ODF capacity raw and usable at replica 3. The disks, their roles and
// what happens to each come from the one disk picture model (core/disks/picture-model.ts) the
// wizard's Disks step draws too, so the two cannot disagree.
import { diskLayoutModel, type DiskPicture, type NodeDisks } from '../../disks/picture-model';
import { bootFate, type DiskFate } from '../../disks/disk-fate';
import { hintText } from '../../disks/hint-text';
import type { Disk } from '../../probe/inventory';
import { contents, contentsUnknown, externalText, hasHints, removableUnknown } from '../../probe/checks/disk-match';
import { effectiveDisks } from '../../site/model';
import { plural, size, type ReportContext, type ReportNode } from '../context';
import { esc } from '../escape';
import { dash, kv, section, table } from './frame';

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
const bad = (words: string) => `<span class="mark bad">${esc(words)}</span>`;

/** One row of a node's table: use, plan, the disk on the node, size, what happens to it. */
function row(p: DiskPicture, probed: boolean, bootPlan: string): string[] {
  const d = p.disk;
  const use = p.role === 'untouched' ? 'Other' : p.label;
  const plan = p.role === 'boot' ? bootPlan : p.role === 'odf' ? `<code class="wrap-any">${esc(p.planned ?? '')}</code>` : '<span class="muted">not in the plan</span>';
  const missing = p.role === 'boot' ? 'no disk matches' : 'not found';
  switch (p.status) {
    case 'unset':
      return probed ? [use, plan, bad('no disk matches'), dash, dash] : [use, plan, dash, dash, WIPE_OS];
    case 'planned':
      return [use, plan, dash, dash, fateCell(p.fate)];
    case 'missing':
      return [use, plan, bad(missing), dash, dash];
    case 'duplicate':
      return [use, plan, onNode(d!) + p.notes.map((n) => `<br>${bad(n)}`).join(''), diskSize(d!), bad('Listed twice: not given to ODF')];
    case 'found': {
      const ambiguous = p.role === 'boot' && p.notes.some((n) => n.startsWith('The hint matches')) ? `<br>${bad('hint is ambiguous')}` : '';
      return [use, plan, onNode(d!) + ambiguous, diskSize(d!), fateCell(p.fate)];
    }
  }
}

function nodeDisks(ctx: ReportContext, rn: ReportNode, n: NodeDisks): string {
  const boot = effectiveDisks(ctx.site, rn.node).boot;
  const bootPlan = hasHints(boot) ? `<code class="wrap-any">${esc(hintText(boot))}</code>` : bad('no boot disk hint');
  const rows = n.pictures.map((p) => row(p, n.probed, bootPlan));
  const head = ['Use', 'Planned (hint or by-path)', 'Disk on the node, and what is on it now', 'Size', 'What happens to it'];
  const summary = n.probed ? `<p class="how">${plural(n.odfPlanned, 'ODF device')} planned; ${esc(size(n.odfBytes))} raw for ODF on this node.</p>` : '';
  return `<div class="card"><h3>${esc(rn.node.hostname)}</h3>${table(head, rows, 'disks fixed', ['16mm', '', '', '17mm', '38mm'])}${summary}</div>`;
}

export function disksSection(ctx: ReportContext): string {
  const model = diskLayoutModel(ctx.site, ctx.nodes.flatMap((rn) => (rn.inventory ? [rn.inventory] : [])), []);
  const perNode = ctx.nodes.map((rn) => ({ html: nodeDisks(ctx, rn, model.nodes[rn.index]!), odfBytes: model.nodes[rn.index]!.odfBytes }));
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
