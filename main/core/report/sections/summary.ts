// Section 1: the site and cluster at a glance, with the readiness checklist up front.
import type { ReadinessState } from '../../readiness';
import { STATE_WORDS } from '../../readiness/format';
import { siteBranch, sitePath } from '../../site/model';
import { count, plural, time, type ReportContext } from '../context';
import { esc } from '../escape';
import { kv, section } from './frame';

const list = (items: readonly string[] | undefined) => (items?.length ? items.map((i) => `<code>${esc(i)}</code>`).join(', ') : undefined);

const STATE_LABEL: Record<ReadinessState, { badge: string; word: string }> = {
  done: { badge: 'ok', word: `✓ ${STATE_WORDS.done}` },
  'not-done': { badge: 'todo', word: STATE_WORDS['not-done'] },
  problem: { badge: 'error', word: `✗ ${STATE_WORDS.problem}` },
  unknown: { badge: 'unknown', word: `? ${STATE_WORDS.unknown}` },
};

/** The readiness checklist (issue 11 §2): "Ready" only when every item is done, never from the error count alone. */
export function validationState(ctx: ReportContext): string {
  const findings = ctx.input.findings;
  const errors = count(findings, 'error');
  const warnings = count(findings, 'warning');
  const notes = count(findings, 'info');
  const { readiness } = ctx;
  const cls = readiness.ready ? 'ok' : readiness.items.some((i) => i.state === 'problem') ? 'errors' : 'warnings';
  const probedNodes = ctx.nodes.filter((n) => n.inventory);
  const times = probedNodes.map((n) => n.inventory!.collectedAt).sort();
  const hardware = probedNodes.length
    ? `Hardware probed: ${probedNodes.length} of ${ctx.nodes.length} nodes, ${esc(time(times[0]))}${times.length > 1 && times[0] !== times[times.length - 1] ? ` to ${esc(time(times[times.length - 1]))}` : ''}.`
    : '<strong>Hardware not probed yet</strong>: only the plan was checked.';
  const items = readiness.items
    .map((i) => `<li data-item="${i.id}" data-state="${i.state}"><span class="badge ${STATE_LABEL[i.state].badge}">${STATE_LABEL[i.state].word}</span> <strong>${esc(i.title)}</strong>: ${esc(i.text)}</li>`)
    .join('\n');
  return `<div class="status ${cls}" data-ready="${readiness.ready ? 'yes' : 'no'}"><div><div class="big">${esc(readiness.summary)}</div>
<ul class="readiness">
${items}
</ul>
<div class="counts"><span class="sev-error">${plural(errors, 'error')}</span><span class="sev-warning">${plural(warnings, 'warning')}</span><span>${plural(notes, 'note')}</span></div>
<div>${hardware} Findings are listed in section 6.</div></div></div>`;
}

export function summarySection(ctx: ReportContext): string {
  const { site } = ctx;
  const c = site.cluster;
  const fqdn = `${c.name}.${c.baseDomain}`;
  const contact = site.metadata.contact;
  const contactText = contact ? [contact.name, contact.email, contact.phone].filter(Boolean).map((v) => esc(v)).join('<br>') : undefined;
  const proxy = c.proxy
    ? [c.proxy.httpProxy && `HTTP ${esc(c.proxy.httpProxy)}`, c.proxy.httpsProxy && `HTTPS ${esc(c.proxy.httpsProxy)}`, c.proxy.noProxy?.length && `no proxy for ${list(c.proxy.noProxy)}`]
        .filter(Boolean)
        .join('<br>')
    : undefined;
  const odf = site.odf.enabled
    ? `enabled · replica ${esc(site.odf.replica ?? 3)} · failure domain ${esc(site.odf.failureDomain ?? 'host')}${site.odf.storageNetwork ? ` · network <code>${esc(site.odf.storageNetwork)}</code>` : ''}${site.odf.deviceClass ? ` · ${esc(site.odf.deviceClass)}` : ''}`
    : 'not enabled';
  const cnv = site.virtualization.enabled
    ? `enabled${site.virtualization.vmNetworks?.length ? ` · VM networks ${list(site.virtualization.vmNetworks)}` : ''}`
    : 'not enabled';
  const gitops = site.gitops
    ? `<span class="wrap-any">${esc(site.gitops.repoURL)}</span><br>branch <code>${esc(siteBranch(site))}</code> · path <code>${esc(sitePath(site))}</code>${site.gitops.addons?.length ? ` · add-ons ${list(site.gitops.addons)}` : ''}`
    : 'not configured';
  const body =
    validationState(ctx) +
    '<div class="grid2"><div>' +
    '<h3>Site</h3>' +
    kv([
      ['Site', `<strong>${esc(site.metadata.name)}</strong>`],
      ['Location', site.metadata.location ? esc(site.metadata.location) : undefined],
      ['Description', site.metadata.description ? esc(site.metadata.description) : undefined],
      ['Contact', contactText],
      ['Nodes', site.nodes.map((n) => `<code>${esc(n.hostname)}</code>`).join(', ')],
    ]) +
    '<h3>GitOps</h3>' +
    kv([['Repository', gitops]]) +
    '</div><div>' +
    '<h3>Cluster</h3>' +
    kv([
      ['Cluster', `<code>${esc(fqdn)}</code>`],
      ['OpenShift', esc(c.openshiftVersion)],
      ['API VIP', `${list(c.apiVIPs)}<br><span class="muted">api.${esc(fqdn)}</span>`],
      ['Ingress VIP', `${list(c.ingressVIPs)}<br><span class="muted">*.apps.${esc(fqdn)}</span>`],
      ['DNS servers', list(c.dnsServers)],
      ['NTP servers', list(c.ntpServers)],
      ['Disconnected', c.mirror ? `yes · mirror <code>${esc(c.mirror.registry)}</code>${c.mirror.caBundle ? ' (CA bundle given)' : ''}` : 'no (images from the internet)'],
      ['Proxy', proxy],
      ['FIPS', c.fips ? 'on' : 'off'],
      ['ODF', odf],
      ['Virtualization', cnv],
      ['Pull secret', `reference <code>${esc(c.pullSecret.secretRef)}</code> (never in the plan or the bundle)`],
    ]) +
    '</div></div>';
  return section(1, 'summary', 'Site and cluster summary', body, false);
}
