// The handover report (issue 6 §2): one self-contained, printable HTML page. No script, no
// external resource (the CSP says so too), every user value escaped, and the same input
// always gives the same bytes (the time is passed in).
import type { GeneratedFile } from '../generate/files';
import { reportContext, time, type ReportInput } from './context';
import { esc } from './escape';
import { cablingSection } from './sections/cabling';
import { disksSection } from './sections/disks';
import { findingsSection } from './sections/findings';
import { inventorySection } from './sections/inventory';
import { ipPlanSection } from './sections/ip-plan';
import { assistedValidationsSection } from './sections/assisted-validations';
import { liveClusterSection } from './sections/live-cluster';
import { plantServicesSection } from './sections/plant-services';
import { summarySection } from './sections/summary';
import { topologySection } from './sections/topology';
import { versionsSection } from './sections/versions';
import { styles } from './styles';

export type { ReportInput } from './context';
export const REPORT_FILE = 'report.html';
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderReport(input: ReportInput): string {
  const ctx = reportContext(input);
  const { site } = ctx;
  const name = site.metadata.name;
  // Numbered 1–11 in this order (each section carries its number).
  const sections = [
    summarySection,
    topologySection,
    cablingSection,
    ipPlanSection,
    disksSection,
    findingsSection,
    inventorySection,
    plantServicesSection,
    (c: typeof ctx) => assistedValidationsSection(c, 9),
    liveClusterSection,
    versionsSection,
  ].map((s) => s(ctx));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ACP Sitekit ${esc(input.toolVersion)}">
<title>${esc(name)} — ACP site handover report</title>
<style>${styles(name)}</style>
</head>
<body>
<main>
<header class="report">
<div class="kicker">ACP site handover report</div>
<h1>${esc(name)}</h1>
<div class="sub">${esc([site.metadata.location, `cluster ${site.cluster.name}.${site.cluster.baseDomain}`, `OpenShift ${site.cluster.openshiftVersion}`].filter(Boolean).join(' · '))}<br>Generated ${esc(time(ctx.generatedAt))} by ACP Sitekit ${esc(input.toolVersion)}</div>
</header>
${sections.join('')}
<footer class="report">ACP Sitekit ${esc(input.toolVersion)} · ${esc(name)} · ${esc(time(ctx.generatedAt))}. The site plan, the inventories with their raw outputs and validation.json in the bundle are the evidence behind this report.</footer>
</main>
</body>
</html>
`;
}

/** report.html as a bundle file (generateBundle's extraFiles). The time is part of the page:
 *  pass a stable generatedAt (e.g. the bundle's time) when the bundle must be reproducible. */
export function reportFile(input: ReportInput): GeneratedFile {
  return { path: REPORT_FILE, content: renderReport(input) };
}
