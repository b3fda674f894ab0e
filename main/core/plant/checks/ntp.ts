// Every planned NTP source answers the node (chronyd -Q asks it once without touching the
// clock), and the node's clock is close to it. The installed cluster's chrony uses exactly
// these sources, so one that does not answer from the cluster network leaves the nodes adrift.
import { sameIp } from '../../net/ip';
import type { NodeContext } from '../../probe/checks/context';
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { PlantPlan } from '../types';
import { FindingCollector } from './aggregate';
import { observe, uncheckedReason } from './match';

export const NTP_FINDING_IDS = ['plant.ntp-silent', 'plant.ntp-offset', 'plant.ntp-not-checked'] as const;

/** Above this the node's clock is worth fixing before the install (chrony steps it later). */
export const MAX_NTP_OFFSET_SECONDS = 1;

function serverPath(site: Site, server: string): string {
  const index = site.cluster.ntpServers.findIndex((s) => s === server || sameIp(s, server));
  return index < 0 ? pointer('cluster', 'ntpServers') : pointer('cluster', 'ntpServers', index);
}

function seconds(value: number): string {
  const abs = Math.abs(value);
  return `${abs >= 10 ? abs.toFixed(0) : abs.toFixed(abs >= 1 ? 1 : 3)} s`;
}

export function ntpFindings(site: Site, plan: PlantPlan, contexts: readonly NodeContext[]): Finding[] {
  const collector = new FindingCollector();
  const cluster = site.networks.find((n) => n.role === 'cluster');
  const from = cluster ? `the cluster network ${cluster.subnet}` : 'the nodes';
  for (const obs of observe(plan, contexts, 'ntp')) {
    const node = obs.ctx.node.hostname;
    const server = obs.request.server;
    const path = serverPath(site, server);
    const asked = `asked ${server} with chronyd -Q`;
    const result = obs.result;
    if (!result || result.status === 'no-tool' || result.status === 'error') {
      const why = !result ? uncheckedReason(obs.unchecked ?? 'no-result') : result.message ?? (result.status === 'no-tool' ? 'chronyd is not installed on the node' : 'chronyd failed');
      collector.add({
        id: 'plant.ntp-not-checked', severity: 'info', path, node,
        head: `The NTP server ${server} was not checked`,
        evidence: why,
        fix: result?.status === 'no-tool' ? 'install chrony on the node, or probe from an image that has it, then probe again.' : 'probe the nodes again.',
      });
      continue;
    }
    if (result.status === 'unresolved') {
      collector.add({
        id: 'plant.ntp-silent', severity: 'error', path, node,
        head: `The NTP server ${server} cannot be reached by name`,
        evidence: `${asked}, the name ${server} does not resolve on the node`,
        fix: `add an A record for ${server} on the plant DNS, or plan the NTP server by its IP address.`,
      });
      continue;
    }
    if (result.status === 'no-answer') {
      collector.add({
        id: 'plant.ntp-silent', severity: 'error', path, node,
        head: `The NTP server ${server} did not answer`,
        evidence: `${asked}, ${result.message ?? 'no reply'}`,
        fix: `check that ${server} serves NTP and that ${from} reaches it on UDP port 123.`,
      });
      continue;
    }
    const offset = result.offsetSeconds;
    if (offset !== undefined && Math.abs(offset) > MAX_NTP_OFFSET_SECONDS) {
      collector.add({
        id: 'plant.ntp-offset', severity: 'warning', path, node, perNode: true,
        head: `The clock of ${node} is ${seconds(offset)} ${offset > 0 ? 'ahead of' : 'behind'} the NTP server ${server}`,
        evidence: `${asked}, offset ${offset > 0 ? '+' : '-'}${seconds(offset)}`,
        fix: `let the node synchronise with ${server} (chronyc makestep), or correct its BIOS clock, before the install.`,
      });
    }
  }
  return collector.findings();
}
