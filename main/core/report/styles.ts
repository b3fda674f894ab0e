// The report's only stylesheet (inline; the CSP allows inline styles and nothing else).
// PatternFly-like colours and system fonts; A4 print with one section per page.
import { cssString } from './escape';

export const COLORS = {
  blue: '#0066cc',
  red: '#c9190b',
  orange: '#f0ab00',
  green: '#3e8635',
  purple: '#5752d1',
  cyan: '#009596',
  grey: '#6a6e73',
  line: '#d2d2d2',
  text: '#151515',
} as const;

export function styles(siteName: string): string {
  const header = cssString(`ACP Sitekit · handover report · ${siteName}`);
  return `
@page { size: A4; margin: 16mm 12mm 16mm 12mm;
  @top-left { content: ${header}; font: 8pt system-ui, sans-serif; color: #6a6e73; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #6a6e73; } }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 10pt/1.45 system-ui, -apple-system, "Segoe UI", "Red Hat Text", "Liberation Sans", Arial, sans-serif; color: ${COLORS.text}; background: #f0f0f0; }
main { max-width: 210mm; margin: 0 auto; background: #fff; padding: 12mm 12mm 16mm; }
code, .mono { font-family: ui-monospace, "Red Hat Mono", "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
header.report { border-bottom: 3px solid ${COLORS.blue}; padding-bottom: 4mm; margin-bottom: 5mm; }
header.report .kicker { color: ${COLORS.grey}; text-transform: uppercase; letter-spacing: .06em; font-size: 8.5pt; }
header.report h1 { margin: 1mm 0 0; font-size: 22pt; font-weight: 600; }
header.report .sub { color: ${COLORS.grey}; }
h2 { font-size: 14pt; font-weight: 600; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1px solid ${COLORS.line}; }
h2 .num { color: ${COLORS.blue}; margin-right: 2mm; }
h3 { font-size: 11pt; font-weight: 600; margin: 5mm 0 2mm; }
section { margin-bottom: 8mm; }
p { margin: 0 0 2mm; }
.note { color: #3c3f42; background: #f5f5f5; border-left: 3px solid ${COLORS.grey}; padding: 2mm 3mm; }
.not-probed { border-left-color: ${COLORS.orange}; background: #fdf7e7; }
.how { color: ${COLORS.grey}; font-size: 8.5pt; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; font-size: 8.5pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.8mm; border-bottom: 1px solid ${COLORS.line}; overflow-wrap: break-word; }
th { background: #f0f0f0; font-weight: 600; border-bottom: 2px solid #b8bbbe; }
tbody tr:nth-child(even) td { background: #fafafa; }
thead { display: table-header-group; }
tr, figure, .status { break-inside: avoid; page-break-inside: avoid; }
dl.kv { display: grid; grid-template-columns: 42mm 1fr; gap: 1mm 4mm; margin: 0 0 3mm; }
dl.kv dt { color: ${COLORS.grey}; }
dl.kv dd { margin: 0; overflow-wrap: anywhere; }
.status { display: flex; gap: 4mm; align-items: center; border: 1px solid ${COLORS.line}; border-left: 6px solid ${COLORS.green}; padding: 3mm 4mm; margin: 0 0 5mm; }
.status.errors { border-left-color: ${COLORS.red}; }
.status.warnings { border-left-color: ${COLORS.orange}; }
.status .big { font-size: 15pt; font-weight: 600; }
.status .counts span { margin-right: 4mm; }
.badge { display: inline-block; padding: 0 1.6mm; border-radius: 8px; font-size: 7.5pt; font-weight: 600; color: #fff; background: ${COLORS.grey}; white-space: nowrap; }
.badge.error { background: ${COLORS.red}; }
.badge.warning { background: ${COLORS.orange}; color: #151515; }
.badge.info { background: ${COLORS.blue}; }
.badge.ok { background: ${COLORS.green}; }
.badge.todo { background: #fff; color: #151515; border: 1px solid ${COLORS.grey}; }
.badge.unknown { background: #fff; color: #151515; border: 1px dashed ${COLORS.grey}; }
/* In a table of fixed column widths a badge wraps instead of running past its column. */
table.fixed .badge { white-space: normal; }
ul.readiness { list-style: none; margin: 2mm 0; padding: 0; }
ul.readiness li { margin: 0.8mm 0; }
.sev-error { color: ${COLORS.red}; font-weight: 600; }
.sev-warning { color: #8f6a00; font-weight: 600; }
.mark { font-weight: 700; white-space: nowrap; }
.mark.fate { white-space: normal; }
.mark.ok { color: ${COLORS.green}; }
.mark.bad { color: ${COLORS.red}; }
.mark.unknown { color: ${COLORS.grey}; font-weight: 400; }
.mark.warn { color: #8f6a00; }
.muted { color: ${COLORS.grey}; }
.has { color: #8f6a00; }
.grid2 dl.kv { grid-template-columns: 24mm 1fr; }
table.disks { font-size: 8pt; }
.wipe { color: ${COLORS.red}; font-weight: 600; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.card { border: 1px solid ${COLORS.line}; border-radius: 3px; padding: 3mm; margin-bottom: 4mm; }
.card h3 { margin-top: 0; }
figure { margin: 0 0 3mm; }
figure svg { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 2mm 5mm; font-size: 8.5pt; margin: 2mm 0 3mm; }
.legend .sw { display: inline-block; width: 9mm; height: 2.6mm; border-radius: 1px; vertical-align: middle; margin-right: 1.5mm; }
.legend .ln { display: inline-block; width: 9mm; height: 0; border-top: 2px solid ${COLORS.grey}; vertical-align: middle; margin-right: 1.5mm; }
.legend .ln.lldp-bad { border-top: 2px dashed ${COLORS.red}; }
.finding .hint { color: #3c3f42; }
.finding .evidence { color: ${COLORS.grey}; font-size: 8pt; }
footer.report { margin-top: 6mm; color: ${COLORS.grey}; font-size: 8pt; border-top: 1px solid ${COLORS.line}; padding-top: 2mm; }
.cabling td:nth-child(1), .cabling td:nth-child(3), .cabling td:nth-child(4), .disks td:nth-child(1), .disks td:nth-child(4),
.inventory td:nth-child(1), .inventory td:nth-child(4), .nodes td:nth-child(1) { white-space: nowrap; }
table.fixed { table-layout: fixed; }
.wrap-any { overflow-wrap: anywhere; }
@page landscape { size: A4 landscape; }
@media print {
  section#topology { page: landscape; }
  section#topology figure svg { max-height: 138mm; }
  section#topology .legend, section#topology p { margin: 1mm 0; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  section.page { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
`;
}
