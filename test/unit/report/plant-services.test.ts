// Section 8 of the handover report: per node what Sitekit asked the plant's services and what
// came back, and the plant findings with what to fix; a plain note for nodes probed before the
// plant checks existed or not probed at all. Escaped, and free of any registry login.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../main/core/report';
import { reportContext } from '../../../main/core/report/context';
import { esc } from '../../../main/core/report/escape';
import { plantServicesSection } from '../../../main/core/report/sections/plant-services';
import type { Finding } from '../../../main/core/validation/finding';
import { plantFacts, testCertificate } from '../plant/plant-facts-fixture';
import { reportInput } from './fixtures';

const cert = testCertificate(40);
const finding: Finding = {
  id: 'plant.dns-record-missing',
  severity: 'error',
  path: '/cluster/dnsServers/0',
  step: 'site',
  message:
    'The plant DNS 10.10.0.2 has no record for *.apps.acp.plant-a.example.com (asked sitekit-check.apps.acp.plant-a.example.com, answer NXDOMAIN) (seen from acp-1).',
  hint: 'Add a wildcard A record *.apps.acp.plant-a.example.com pointing to 10.10.0.6.',
};

function html(withPlant: 'all' | 'first' | 'none', findings: Finding[] = [finding]): string {
  const input = reportInput('plant-a', true, (inventories) => {
    inventories.forEach((inv, i) => {
      if (withPlant === 'all' || (withPlant === 'first' && i === 0)) (inv.facts as { plant?: unknown }).plant = plantFacts(cert);
      inv.collectedAt = new Date().toISOString();
    });
  });
  // Only the findings given here: the checks' own plant findings depend on the test's clock.
  const others = input.findings.filter((f) => !f.id.startsWith('plant.'));
  return plantServicesSection(reportContext({ ...input, findings: [...others, ...findings] }));
}

describe('plant services section', () => {
  it('shows per node what was asked and what came back', () => {
    const out = html('all');
    expect(out).toContain('<section id="plant-services" class="page"><h2><span class="num">8</span>Plant services</h2>');
    for (const node of ['acp-1', 'acp-2', 'acp-3']) expect(out).toContain(`<h3>${node}</h3>`);
    expect(out).toContain('*.apps (A)');
    expect(out).toContain('no such name');
    expect(out).toMatch(/certificate valid (39|40) more days \(TLSv1\.3\)/);
    expect(out).toContain('HTTP 404, image not in the registry');
    expect(out).toContain('answers; node clock 12 ms fast');
    expect(out).toContain('answers (0.30 ms): already in use');
    expect(out).toContain('99th percentile fdatasync 3.20 ms (fio), limit 10 ms');
    expect(out).toContain(esc("node's resolvers"));
  });

  it('lists the plant findings with their hint and plan field', () => {
    const out = html('all');
    expect(out).toContain(esc(finding.message));
    expect(out).toContain(esc(finding.hint!));
    expect(out).toContain('/cluster/dnsServers/0');
    expect(html('all', [])).toContain('No plant findings');
  });

  it('says which nodes were probed before the plant checks, and when nothing was probed', () => {
    const out = html('first');
    expect(out).toContain('<h3>acp-2</h3><p class="note">The inventory of');
    expect(out).toContain('probe again');
    const none = plantServicesSection(reportContext(reportInput('plant-a', false)));
    expect(none).toContain('Hardware not probed yet');
  });

  it('never carries a registry login, even when the request says one was used', () => {
    const out = html('all');
    expect(out).not.toMatch(/SK_AUTH|Authorization|auth":/i);
  });

  it('comes after the hardware inventory, before the installer validations, the live cluster and the versions', () => {
    const page = renderReport(reportInput('plant-a', true));
    const at = ['inventory', 'plant-services', 'assisted-validations', 'live-cluster', 'versions'].map((id) => page.indexOf(`<section id="${id}"`));
    expect(at.every((i, n) => i > 0 && (n === 0 || i > at[n - 1]!))).toBe(true);
    expect(page).toMatch(/<section id="assisted-validations"[^>]*><h2><span class="num">9</);
    expect(page).toMatch(/<section id="versions"[^>]*><h2><span class="num">11</);
  });
});
