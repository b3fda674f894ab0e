// The plant's services as the nodes saw them, judged against the current plan: the plan's
// questions are made again (plantPlan) and each node's answers are matched to them by content,
// so a capture taken before the plan changed never judges the new plan.
import type { NodeContext } from '../../probe/checks/context';
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { plantPlan } from '../requests';
import type { PlantPlan } from '../types';
import { DISK_SPEED_FINDING_IDS, diskSpeedFindings } from './disk-speed';
import { DNS_FINDING_IDS, dnsFindings } from './dns';
import { NTP_FINDING_IDS, ntpFindings } from './ntp';
import { REGISTRY_FINDING_IDS, registryFindings } from './registry';
import { ROUTING_FINDING_IDS, routingFindings } from './routing';

export const PLANT_FINDING_IDS = [
  ...DNS_FINDING_IDS,
  ...REGISTRY_FINDING_IDS,
  ...NTP_FINDING_IDS,
  ...ROUTING_FINDING_IDS,
  ...DISK_SPEED_FINDING_IDS,
] as const;

/** Findings for one plan as given (tests and callers that already hold the plan). */
export function plantFindingsForPlan(site: Site, plan: PlantPlan, contexts: readonly NodeContext[], now: number): Finding[] {
  if (contexts.length === 0) return [];
  return [
    ...dnsFindings(site, plan, contexts),
    ...registryFindings(site, plan, contexts, now),
    ...ntpFindings(site, plan, contexts),
    ...routingFindings(site, plan, contexts),
    ...diskSpeedFindings(contexts),
  ];
}

/** `now`: laptop clock (ms) that certificate expiry is measured against. */
export function plantFindings(site: Site, contexts: readonly NodeContext[], now: number): Finding[] {
  if (contexts.length === 0) return [];
  return plantFindingsForPlan(site, plantPlan(site), contexts, now);
}
