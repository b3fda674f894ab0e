// Sites are cattle: three nodes of one model with one NIC and disk layout. Differences are
// worth knowing (a replaced part, a mixed delivery), not errors.
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import { finding, gb, type NodeContext } from './context';
import { kindOf, wholeDisks } from './disk-match';

export function uniformityFindings(contexts: readonly NodeContext[]): Finding[] {
  if (contexts.length < 2) return [];
  const findings: Finding[] = [];
  const compare = (id: string, what: string, key: (ctx: NodeContext) => string | undefined) => {
    const values = contexts.map((ctx) => ({ host: ctx.node.hostname, value: key(ctx) })).filter((v) => v.value !== undefined && v.value !== '');
    if (new Set(values.map((v) => v.value)).size > 1) {
      findings.push(finding(id, 'info', pointer('nodes'), `The nodes differ in ${what}: ${values.map((v) => `${v.host} ${v.value}`).join('; ')}.`));
    }
  };
  compare('hw.nodes-differ-model', 'model', (ctx) => {
    const s = ctx.inventory.facts.system;
    return s ? [s.vendor, s.model].filter(Boolean).join(' ') : undefined;
  });
  compare('hw.nodes-differ-nics', 'NIC layout', (ctx) =>
    ctx.inventory.facts.nics.filter((n) => n.kind === 'physical').map((n) => `${n.name}${n.speedMbps ? `@${n.speedMbps / 1000}G` : ''}`).sort().join(', '),
  );
  compare('hw.nodes-differ-disks', 'disk layout', (ctx) =>
    wholeDisks(ctx.inventory.facts.disks).map((d) => `${kindOf(d)} ${gb(d.sizeBytes)}`).sort().join(', '),
  );
  return findings;
}
