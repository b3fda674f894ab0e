// report.html rides in the bundle (issue 6 §2). The report takes the generation time and the
// bundle's readiness checklist, so it is given to exportSite as a function of both: an export
// that changes nothing renders it again with the previous time and gets the same bytes.
import type { GeneratedFile } from '../generate/files';
import type { NodeInventory } from '../probe/inventory';
import type { Readiness } from '../readiness';
import { renderReport, REPORT_FILE } from '../report';
import type { Site } from '../site/schema';
import type { Finding } from '../validation/finding';

export interface ReportFileInput {
  site: Site;
  siteText?: string;
  findings: readonly Finding[];
  inventories: readonly NodeInventory[];
  toolVersion: string;
}

export function reportFile(input: ReportFileInput): (now: Date, readiness: Readiness) => GeneratedFile[] {
  return (now, readiness) => [{ path: REPORT_FILE, content: renderReport({ ...input, generatedAt: now, readiness }) }];
}
