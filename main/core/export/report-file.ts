// report.html rides in the bundle (issue 6 §2). The report takes the generation time, so it
// is given to exportSite as a function of that time: an export that changes nothing renders
// it again with the previous time and gets the same bytes.
import type { GeneratedFile } from '../generate/files';
import type { NodeInventory } from '../probe/inventory';
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

export function reportFile(input: ReportFileInput): (now: Date) => GeneratedFile[] {
  return (now) => [{ path: REPORT_FILE, content: renderReport({ ...input, generatedAt: now }) }];
}
