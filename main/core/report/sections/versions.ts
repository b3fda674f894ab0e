// Section 11: versions of everything the report and the bundle were made with.
import { createHash } from 'node:crypto';
import { operatorsOf } from '../../generate/gitops/operators';
import { time, type ReportContext } from '../context';
import { esc } from '../escape';
import { kv, section, table } from './frame';

export function versionsSection(ctx: ReportContext): string {
  const { input, site } = ctx;
  const plan = input.siteText !== undefined ? createHash('sha256').update(input.siteText, 'utf8').digest('hex') : undefined;
  const operators = [
    ['OpenShift GitOps', 'openshift-gitops-operator', 'latest', 'openshift-gitops-operator'],
    ...operatorsOf(site).map((o) => [o.folder, o.packageName, o.channel, o.namespace]),
  ].map((r) => r.map((c, i) => (i === 0 ? esc(c) : `<code>${esc(c)}</code>`)));
  const files = (input.bundleFiles ?? []).map((f) => (typeof f === 'string' ? f : f.path));
  const body =
    kv([
      ['Sitekit', esc(input.toolVersion)],
      ['OpenShift', esc(site.cluster.openshiftVersion)],
      ['Report generated', esc(time(ctx.generatedAt))],
      ['Site file SHA-256', plan ? `<code>${plan}</code>` : undefined],
      ['Site API version', `<code>${esc(site.apiVersion)}</code>`],
    ]) +
    '<h3>Operators</h3>' +
    table(['Operator', 'Package', 'Channel', 'Namespace'], operators) +
    (files.length ? `<h3>Bundle contents</h3><p class="mono">${files.map((f) => esc(f)).join('<br>')}</p>` : '');
  return section(11, 'versions', 'Versions', body);
}
