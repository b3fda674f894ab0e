import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../../main/core/generate/bundle';
import { REPORT_CSP, renderReport, reportFile } from '../../../main/core/report';
import { esc } from '../../../main/core/report/escape';
import { effectiveLayout } from '../../../main/core/site/model';
import { EXAMPLES, exampleCheck, GENERATED_AT, reportInput, sectionOf } from './fixtures';

const SECTIONS = [
  ['summary', 'Site and cluster summary'],
  ['topology', 'Topology'],
  ['cabling', 'Cabling'],
  ['ip-plan', 'IP plan'],
  ['disks', 'Disk layout and ODF capacity'],
  ['findings', 'Validation findings'],
  ['inventory', 'Hardware inventory'],
  ['versions', 'Versions'],
] as const;

/** Every tag of the document (attributes included), without the text between tags. */
const tagsOf = (html: string) => (html.match(/<[^>]*>/g) ?? []).join('\n');
const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ');

describe.each(EXAMPLES)('report of %s', (name) => {
  describe.each([false, true])('probed: %s', (probed) => {
    const input = reportInput(name, probed);
    const html = renderReport(input);
    const { site } = exampleCheck(name);

    it('has every section, in order', () => {
      let at = 0;
      for (const [id, title] of SECTIONS) {
        const i = html.indexOf(`<section id="${id}"`);
        expect(i, id).toBeGreaterThan(at);
        expect(sectionOf(html, id)).toContain(title);
        at = i;
      }
    });

    it('shows the site values', () => {
      const c = site.cluster;
      for (const value of [
        site.metadata.name,
        site.metadata.location!,
        `${c.name}.${c.baseDomain}`,
        c.openshiftVersion,
        ...c.apiVIPs,
        ...c.ingressVIPs,
        ...c.dnsServers,
        ...c.ntpServers,
        site.gitops!.repoURL,
      ]) {
        expect(sectionOf(html, 'summary'), value).toContain(esc(value));
      }
      const ipPlan = sectionOf(html, 'ip-plan');
      for (const net of site.networks) {
        expect(ipPlan).toContain(esc(net.subnet));
        if (net.gateway) expect(ipPlan).toContain(net.gateway);
      }
      for (const node of site.nodes) {
        for (const ip of Object.values(node.addresses)) expect(ipPlan).toContain(ip);
        expect(ipPlan).toContain(esc(node.bmc!.address));
        for (const i of node.interfaces) expect(sectionOf(html, 'cabling')).toContain(i.mac);
      }
      expect(sectionOf(html, 'versions')).toContain('1.2.3');
    });

    it('lists every finding with its message and hint', () => {
      const findings = sectionOf(html, 'findings');
      for (const f of input.findings) {
        expect(findings, f.id).toContain(esc(f.message));
        if (f.hint) expect(findings, f.id).toContain(esc(f.hint));
      }
    });

    it('loads nothing from anywhere and runs no script', () => {
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
      const tags = tagsOf(html);
      expect(tags).not.toMatch(/<script|<link|<iframe|<object|<embed|<img/i);
      expect(tags).not.toMatch(/\s(src|href|xlink:href|action|srcset|poster)\s*=/i);
      expect(tags).not.toMatch(/https?:\/\//i);
      expect(tags).not.toMatch(/\son[a-z]+\s*=/i);
      const css = (html.match(/<style>[\s\S]*?<\/style>/g) ?? []).join('');
      expect(css).not.toMatch(/url\(|@import|https?:/i);
      // URLs appear only as text, and only the ones the plan holds.
      const allowed = [site.gitops!.repoURL, site.cluster.proxy?.httpProxy, site.cluster.proxy?.httpsProxy].filter(Boolean);
      for (const url of textOf(html).match(/https?:\/\/[^\s<]+/g) ?? []) expect(allowed).toContain(url);
    });

    it('is the same for the same input', () => {
      expect(renderReport(reportInput(name, probed))).toBe(html);
      expect(renderReport({ ...input, generatedAt: new Date(GENERATED_AT) })).toBe(html);
    });

    it('draws a box per node and a label per NIC', () => {
      const svg = sectionOf(html, 'topology').match(/<svg[\s\S]*<\/svg>/)![0];
      for (const node of site.nodes) {
        expect(svg).toContain(`data-node="${node.hostname}"`);
        const box = svg.slice(svg.indexOf(`data-node="${node.hostname}"`)).split('</g>')[0]!;
        for (const nicName of effectiveLayout(site, node).interfaces) expect(box).toMatch(new RegExp(`>${nicName}</text>`));
      }
      for (const sw of new Set(site.nodes.flatMap((n) => n.interfaces.map((i) => i.switch)).filter(Boolean))) {
        expect(svg).toContain(`data-switch="${sw}"`);
      }
    });

    it(probed ? 'shows the hardware' : 'says plainly that the hardware was not probed', () => {
      for (const id of ['cabling', 'disks', 'inventory']) {
        if (probed) expect(sectionOf(html, id), id).not.toContain('Hardware not probed yet');
        else expect(sectionOf(html, id), id).toContain('Hardware not probed yet');
      }
      if (!probed) return;
      const inv = input.inventories[0]!;
      const inventory = sectionOf(html, 'inventory');
      expect(inventory).toContain(esc(inv.facts.system!.model!));
      expect(inventory).toContain(inv.facts.system!.serial!);
      expect(inventory).toContain('2026-11-21 12:00:00 UTC');
      expect(sectionOf(html, 'cabling')).toContain('✓ match');
      expect(sectionOf(html, 'cabling')).not.toContain('✗ mismatch');
      expect(sectionOf(html, 'disks')).toContain('Usable at replica 3');
    });
  });
});

describe('report details', () => {
  it('computes the ODF capacity from the device sizes (usable = the smallest node)', () => {
    const disks = sectionOf(renderReport(reportInput('plant-a', true)), 'disks');
    // 6 × 3.84 TB per node, three nodes.
    expect(disks).toContain('69.12 TB');
    expect(disks).toContain('≈ 23.04 TB');
    expect(disks).toMatch(/smallest node/);
    const smaller = sectionOf(renderReport(reportInput('plant-a', true, (inv) => { inv[2]!.facts.disks[1]!.sizeBytes = 1.92e12; })), 'disks');
    expect(smaller).toContain('≈ 21.12 TB');
  });

  it('says what discovery could not know: rounded sizes are "about", unknown contents are not "empty"', () => {
    const disks = sectionOf(
      renderReport(
        reportInput('plant-a', true, (inv) => {
          const d = inv[0]!.facts.disks[1]!;
          Object.assign(d, { sizeApproximate: true, unknown: ['contents', 'removable'], removable: undefined });
        }),
      ),
      'disks',
    );
    expect(disks).toContain('about 3.84 TB');
    expect(disks).toContain('contents unknown: lsblk did not say');
    expect(disks).toContain('removable: unknown');
  });

  it('marks a cable LLDP sees on another port, in the table and the picture', () => {
    const input = reportInput('plant-a', true, (inv) => {
      inv[1]!.facts.lldp[0]!.portId = 'Ethernet1/9';
    });
    const html = renderReport(input);
    expect(input.findings.some((f) => f.id === 'hw.lldp-port-mismatch')).toBe(true);
    const cabling = sectionOf(html, 'cabling');
    expect(cabling).toContain('✗ mismatch');
    expect(cabling).toContain('Ethernet1/9');
    const svg = sectionOf(html, 'topology');
    expect(svg).toContain('>Ethernet1/9</text>');
    expect(svg).toContain('stroke-dasharray="6 4"');
    const finding = sectionOf(html, 'findings');
    expect(finding).toContain('inventory probed over SSH');
    expect(finding).toContain('inventory/acp-2.json');
  });

  it('shows a NIC with no LLDP neighbour and a slower link', () => {
    const html = renderReport(
      reportInput('plant-a', true, (inv) => {
        inv[2]!.facts.lldp.splice(2, 1);
        inv[0]!.facts.nics[1]!.speedMbps = 10000;
      }),
    );
    expect(sectionOf(html, 'cabling')).toContain('no LLDP heard');
    expect(sectionOf(html, 'cabling')).toContain('10 Gb/s');
  });

  it('keeps hostile site values as text', () => {
    const input = reportInput('plant-a', false);
    input.site.metadata.location = '<script>alert("x")</script> & co';
    input.site.metadata.contact = { name: '</style><img src=x onerror=alert(1)>' };
    input.site.networks[0]!.description = '"><svg onload=alert(1)>';
    input.site.nodes[0]!.interfaces[1]!.port = "Eth'1/1<b>";
    input.findings = [{ id: 'x.test', severity: 'warning', path: '/metadata/location', message: 'bad <b>value</b>', hint: 'fix <i>it</i>', step: 'site' }];
    const html = renderReport(input);
    expect(html).not.toMatch(/<script|<img|<svg onload|<b>|<i>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('&lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Eth&#39;1/1&lt;b&gt;');
    expect(html).toContain('bad &lt;b&gt;value&lt;/b&gt;');
    expect(tagsOf(html)).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('puts the site name in the printed page header as a safe CSS string', () => {
    const input = reportInput('plant-a', false);
    const html = renderReport(input);
    expect(html).toMatch(/@top-left \{ content: "ACP Sitekit · handover report · plant-a"/);
  });

  it('lists the bundle files it is part of', () => {
    const html = renderReport({ ...reportInput('plant-a', false), bundleFiles: ['site.yaml', { path: 'report.html' }] });
    expect(sectionOf(html, 'versions')).toMatch(/site\.yaml<br>report\.html/);
  });

  it('names the node and the inventory time of hardware findings', () => {
    const input = reportInput('plant-a', true, (inv) => {
      inv[0]!.collectedAt = '2026-11-20T08:15:00.000Z';
      inv[0]!.facts.memory = { totalBytes: 8 * 1024 ** 3 };
    });
    const findings = sectionOf(renderReport(input), 'findings');
    const row = findings.split('<tr>').find((r) => r.includes('hw.memory-too-little'));
    expect(row).toBeDefined();
    expect(row).toContain('hardware: acp-1');
    expect(row).toContain('2026-11-20 08:15:00 UTC');
  });

  it('goes into the bundle through extraFiles', () => {
    const input = reportInput('plant-a', true);
    const bundle = generateBundle(input.site, { siteText: input.siteText, findings: input.findings.filter((f) => f.severity !== 'error'), toolVersion: '1.2.3', now: new Date(GENERATED_AT), extraFiles: [reportFile(input)] });
    const file = bundle.files.find((f) => f.path === 'report.html');
    expect(file?.content).toBe(renderReport(input));
    expect(bundle.files.find((f) => f.path === 'SHA256SUMS')?.content).toMatch(/ {2}report\.html\n/);
  });
});
