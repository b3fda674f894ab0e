// What the Discover panel and the report say about the plant services one node saw: every
// question with its answer per server, marks that follow the plan, and certificate days read
// from the PEM without node:crypto (checked here against node:crypto's own reading).
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateDaysLeft, certificateNotAfter } from '../../../main/core/plant/cert-dates';
import { describePlant, plantFactsOf, type PlantTable } from '../../../main/core/plant/describe';
import { exampleSite } from '../../helpers/example-site';
import { plantFacts, testCertificate } from './plant-facts-fixture';

const site = exampleSite();
const cert = testCertificate(40);
const now = new Date().toISOString();

function table(id: PlantTable['id'], facts = plantFacts(cert)): PlantTable {
  const t = describePlant(site, facts, now).tables.find((x) => x.id === id);
  expect(t, id).toBeDefined();
  return t!;
}
const row = (t: PlantTable, asked: string) => t.rows.find((r) => r.asked.startsWith(asked))!;
/** Whole days from `now` to the certificate's end, as node:crypto reads it (the test's clock moves). */
const daysOf = (pem: string) => Math.floor((Date.parse(new X509Certificate(pem).validTo) - Date.parse(now)) / 86_400_000);

describe('certificate dates', () => {
  it('reads notAfter as node:crypto does, for EC and RSA certificates', () => {
    for (const pem of [cert, testCertificate(400)]) {
      expect(certificateNotAfter(pem)?.getTime()).toBe(Date.parse(new X509Certificate(pem).validTo));
    }
    expect(certificateDaysLeft(cert, new Date(now))).toBe(daysOf(cert));
  });

  it('gives nothing for text that is no certificate', () => {
    expect(certificateNotAfter('no pem')).toBeUndefined();
    expect(certificateNotAfter('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBeUndefined();
  });
});

describe('describePlant', () => {
  it('puts each DNS question in a row and each server in a column, with what came back', () => {
    const dns = table('dns');
    expect(dns.columns).toEqual(['10.10.0.2', "node's resolvers"]);
    expect(row(dns, 'api (A)')).toMatchObject({ expect: '10.10.0.5', cells: [{ text: '10.10.0.5', mark: 'ok' }, { text: '10.10.0.5', mark: 'ok' }] });
    expect(row(dns, '*.apps (A)')).toMatchObject({ expect: '10.10.0.6', cells: [{ text: 'no such name', mark: 'bad' }, { text: 'not found', mark: 'bad' }] });
    expect(row(dns, 'no wildcard (cluster domain)').cells[0]).toEqual({ text: 'no such name', mark: 'ok' });
    expect(row(dns, 'acp-2 (A)').cells[0]).toEqual({ text: '10.10.0.12', mark: 'ok' });
    expect(row(dns, '10.10.0.12 (reverse)').expect).toBe('acp-2');
    expect(row(dns, '10.10.0.12 (reverse)').cells[0]).toEqual({ text: 'acp-2.acp.plant-a.example.com.', mark: 'ok' });
    // A question the node's resolvers were not asked.
    expect(row(dns, 'api-int (A)').cells[1]).toEqual({ text: '—', mark: 'unknown' });
    expect(dns.note).toContain('10.10.0.2');
  });

  it('flags a wildcard, a wrong address and a silent server', () => {
    const facts = plantFacts(cert);
    facts.dns[0] = { requestId: 'd1', tool: 'dig', status: 'NOERROR', answers: ['10.10.0.99'] };
    facts.dns[3] = { requestId: 'd4', tool: 'dig', status: 'NOERROR', answers: ['10.10.0.6'] };
    facts.dns[1] = { requestId: 'd2', tool: 'dig', status: 'timeout', answers: [] };
    const dns = table('dns', facts);
    expect(row(dns, 'api (A)').cells[0]).toEqual({ text: '10.10.0.99', mark: 'bad' });
    expect(row(dns, 'no wildcard (cluster domain)').cells[0]).toEqual({ text: '10.10.0.6 (a wildcard answers)', mark: 'bad' });
    expect(row(dns, 'api-int (A)').cells[0]).toEqual({ text: 'no answer (timed out)', mark: 'bad' });
  });

  it('says the registry certificate days left, the HTTP codes and whether credentials were sent', () => {
    const reg = table('registry');
    expect(row(reg, 'TLS certificate of mirror.plant-a.example.com:8443').cells[0]).toEqual({ text: `certificate valid ${daysOf(cert)} more days (TLSv1.3)`, mark: 'ok' });
    expect(row(reg, 'GET mirror.plant-a.example.com:8443/v2/').cells[0]).toEqual({ text: 'HTTP 200', mark: 'ok' });
    expect(row(reg, 'image openshift/release-images:4.18.12-x86_64').cells[0]).toEqual({ text: 'HTTP 200, image found', mark: 'ok' });
    expect(row(reg, 'image redhat/redhat-operator-index:v4.18').cells[0]).toEqual({ text: 'HTTP 404, image not in the registry', mark: 'bad' });

    const soon = testCertificate(10);
    const facts = plantFacts(soon);
    facts.http[0] = { requestId: 'h1', status: 'answered', code: 401, authSent: false };
    facts.http[1] = { requestId: 'h2', status: 'answered', code: 401, authSent: true };
    const worse = table('registry', facts);
    expect(worse.rows[0]!.cells[0]).toEqual({ text: `certificate valid ${daysOf(soon)} more days (TLSv1.3)`, mark: 'warn' });
    expect(worse.rows[1]!.cells[0]).toEqual({ text: 'HTTP 401, wants a login', mark: 'ok' });
    expect(worse.rows[2]!.cells[0]).toEqual({ text: 'HTTP 401, login refused (with the pull secret)', mark: 'bad' });
  });

  it('gives NTP offsets, gateway and VIP pings, and the disk figure', () => {
    const ntp = table('ntp');
    expect(ntp.rows.map((r) => [r.asked, r.cells[0]!.text, r.cells[0]!.mark])).toEqual([
      ['10.10.0.3', 'answers; node clock 12 ms fast', 'ok'],
      ['ntp2.plant-a.example.com', 'no answer', 'bad'],
    ]);
    const reach = table('reach');
    expect(reach.rows.map((r) => [r.asked, r.cells[0]!.text, r.cells[0]!.mark])).toEqual([
      ['gateway 10.10.0.1 (cluster)', 'answers (0.42 ms)', 'ok'],
      ['API VIP 10.10.0.5', 'no answer: free', 'ok'],
      ['Ingress VIP 10.10.0.6', 'answers (0.30 ms): already in use', 'bad'],
    ]);
    expect(table('disk').rows[0]).toEqual({
      asked: 'write latency of /dev/sda',
      cells: [{ text: '99th percentile fdatasync 3.20 ms (fio), limit 10 ms', mark: 'ok' }],
    });
    const { diskSpeed: _d, ...unmeasured } = plantFacts(cert);
    expect(table('disk', unmeasured).rows[0]!.cells[0]).toEqual({ text: 'not measured (opt-in: it writes to the disk)', mark: 'unknown' });
  });

  it('says a request the capture has no answer for was not checked, and counts the marks', () => {
    const facts = plantFacts(cert);
    facts.ntp = [];
    facts.missingTools = ['chronyd'];
    const view = describePlant(site, facts, now);
    expect(view.tables.find((t) => t.id === 'ntp')!.rows[0]!.cells[0]).toEqual({ text: 'not in this capture', mark: 'unknown' });
    expect(view.missingTools).toEqual(['chronyd']);
    const cells = view.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));
    expect(view.marks.ok + view.marks.bad + view.marks.warn + view.marks.unknown).toBe(cells.length);
  });

  it('reads the plant facts of an inventory, none for an older one', () => {
    expect(plantFactsOf({ facts: {} })).toBeUndefined();
    const plant = plantFacts(cert);
    expect(plantFactsOf({ facts: { plant } })).toBe(plant);
  });
});
