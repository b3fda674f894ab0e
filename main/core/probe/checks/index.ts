// Hardware against the plan: every finding names the node and the plan field it is about,
// so the UI and the CLI can show it next to that field, grouped by wizard step.
import { plantFindings } from '../../plant/checks';
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import type { NodeInventory, ProbeResult } from '../inventory';
import { computeFindings } from './compute';
import { CONNECTION_FINDING_IDS, connectionFindings } from './connection';
import { nodeContexts } from './context';
import { diskFindings, odfClusterFindings } from './disks';
import { lldpFindings } from './lldp';
import { nicFindings } from './nics';
import { timeFindings } from './time';
import { uniformityFindings } from './uniformity';

export interface CheckOptions {
  /** Laptop clock (ms) for inventories without a collection time. */
  laptopTime?: number;
}

export function checkInventories(
  site: Site,
  inventories: readonly NodeInventory[],
  results: readonly ProbeResult[] = [],
  options: CheckOptions = {},
): Finding[] {
  const contexts = nodeContexts(site, inventories);
  const findings: Finding[] = [...connectionFindings(site, results, inventories)];
  const odf = [];
  for (const ctx of contexts) {
    findings.push(...computeFindings(ctx), ...nicFindings(ctx), ...lldpFindings(ctx));
    const disks = diskFindings(ctx);
    findings.push(...disks.findings);
    odf.push(disks.odf);
  }
  findings.push(...odfClusterFindings(odf, site.odf.enabled));
  findings.push(...timeFindings(contexts, options.laptopTime ?? Date.now()));
  findings.push(...uniformityFindings(contexts));
  findings.push(...plantFindings(site, contexts, options.laptopTime ?? Date.now()));
  return findings;
}

export { PLANT_FINDING_IDS } from '../../plant/checks';

export const HARDWARE_FINDING_IDS = [
  ...CONNECTION_FINDING_IDS,
  'probe.section',
  'hw.cpu-too-few',
  'hw.memory-too-little',
  'hw.no-virtualization',
  'hw.mac-missing',
  'hw.mac-on-other-interface',
  'hw.interface-missing',
  'hw.no-link',
  'hw.storage-nic-slow',
  'hw.bond-speed-mismatch',
  'hw.mtu-unsupported',
  'hw.boot-disk-not-found',
  'hw.boot-disk-ambiguous',
  'hw.boot-disk-too-small',
  'hw.odf-device-missing',
  'hw.odf-device-duplicate',
  'hw.odf-device-is-boot',
  'hw.odf-device-removable',
  'hw.odf-device-too-small',
  'hw.odf-device-hdd',
  'hw.odf-device-not-empty',
  'hw.boot-disk-multipath-path',
  'hw.boot-disk-external',
  'hw.odf-device-multipath-path',
  'hw.odf-device-removable-unknown',
  'hw.odf-device-external',
  'hw.odf-device-contents-unknown',
  'hw.odf-device-wipe',
  'hw.odf-wipe-nothing',
  'hw.odf-device-partitions-kept',
  'hw.disk-partition-table-cleared',
  'hw.odf-sizes-differ',
  'hw.odf-capacity',
  'hw.clock-off-laptop',
  'hw.ntp-not-synced',
  'hw.clock-skew',
  'hw.lldp-unavailable',
  'hw.lldp-no-neighbor',
  'hw.lldp-switch-mismatch',
  'hw.lldp-port-mismatch',
  'hw.lldp-vlan-missing',
  'hw.lldp-pvid-tagged',
  'hw.nodes-differ-model',
  'hw.nodes-differ-nics',
  'hw.nodes-differ-disks',
] as const;
