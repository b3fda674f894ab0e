// Routing as the node has it now: a default route via the planned gateway of the cluster network
// (the Assisted Installer's has-default-route), the gateway answers, no route leaves the storage
// network (ODF replication stays on its subnet), and no VIP is already taken by another machine
// (a VIP that answers ping before the install belongs to someone else).
import { cidrContains, parseCidr, parseIp, sameIp } from '../../net/ip';
import type { NodeContext } from '../../probe/checks/context';
import type { Route } from '../../probe/inventory';
import type { Network, Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { PingResult, PlantPlan } from '../types';
import { FindingCollector } from './aggregate';
import { observe } from './match';

export const ROUTING_FINDING_IDS = [
  'plant.no-default-route',
  'plant.default-route-other',
  'plant.gateway-silent',
  'plant.storage-routed',
  'plant.vip-in-use',
] as const;

function isDefault(route: Route): boolean {
  return route.dst === 'default' || route.dst === '0.0.0.0/0';
}

function routeText(route: Route): string {
  return [route.dst, route.gateway ? `via ${route.gateway}` : '', route.dev ? `dev ${route.dev}` : '', route.metric !== undefined ? `metric ${route.metric}` : '']
    .filter(Boolean)
    .join(' ');
}

function pingText(address: string, result: PingResult): string {
  if (result.status === 'unreachable') return `ping ${address}: destination unreachable`;
  const counts = result.sent !== undefined ? `${result.sent} sent, ${result.received ?? 0} received` : result.status === 'answered' ? 'answered' : 'no answer';
  return `ping ${address}: ${counts}`;
}

function routeFindings(site: Site, ctx: NodeContext, collector: FindingCollector): void {
  const routes = ctx.inventory.facts.routes;
  if (!routes) return;
  const node = ctx.node.hostname;
  const clusterIndex = site.networks.findIndex((n) => n.role === 'cluster');
  const cluster: Network | undefined = site.networks[clusterIndex];
  // `ip -j route` lists IPv4 routes; an IPv6-only cluster network is not judged here.
  if (cluster && (!cluster.gateway || parseIp(cluster.gateway)?.family === 4)) {
    const path = pointer('networks', clusterIndex, 'gateway');
    const defaults = routes.filter(isDefault).sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
    const best = defaults[0];
    if (!best) {
      collector.add({
        id: 'plant.no-default-route', severity: 'warning', path, node,
        head: 'The node has no default route',
        evidence: `ip route shows ${routes.length} route${routes.length === 1 ? '' : 's'}, none to default`,
        fix: cluster.gateway
          ? `give the node a default route via ${cluster.gateway} (the gateway of network ${cluster.name}): the Assisted Installer requires one (has-default-route).`
          : `plan the gateway of network ${cluster.name} and give the node a default route via it: the Assisted Installer requires one (has-default-route).`,
      });
    } else if (cluster.gateway && !(best.gateway && sameIp(best.gateway, cluster.gateway))) {
      collector.add({
        id: 'plant.default-route-other', severity: 'warning', path, node,
        head: `The node's default route goes ${best.gateway ? `via ${best.gateway}` : `out of ${best.dev ?? 'an interface'} without a gateway`}, not via the planned gateway ${cluster.gateway} of network ${cluster.name}`,
        evidence: `ip route: ${routeText(best)}`,
        fix: `route the node via ${cluster.gateway}, or correct the gateway of network ${cluster.name} in the plan if ${best.gateway ?? 'the current route'} is right.`,
      });
    }
  }
  site.networks.forEach((network, index) => {
    if (network.role !== 'storage') return;
    const subnet = parseCidr(network.subnet);
    if (!subnet) return;
    for (const route of routes) {
      const gateway = route.gateway ? parseIp(route.gateway) : undefined;
      if (!gateway || gateway.family !== subnet.family || !cidrContains(subnet, gateway)) continue;
      collector.add({
        id: 'plant.storage-routed', severity: 'warning', path: pointer('networks', index, 'subnet'), node,
        head: `The node routes ${route.dst === 'default' ? 'all other traffic' : route.dst} out of the storage network ${network.name}, subnet ${network.subnet}`,
        evidence: `ip route: ${routeText(route)}`,
        fix: `remove that route and any gateway handed out on the storage VLAN ${network.vlan}: ODF replication stays on its own subnet, with no way out of it.`,
      });
    }
  });
}

function vipPath(site: Site, address: string, purpose: string | undefined): { path: string; label: string } | undefined {
  const api = site.cluster.apiVIPs.findIndex((v) => sameIp(v, address));
  const ingress = site.cluster.ingressVIPs.findIndex((v) => sameIp(v, address));
  if (api >= 0 && purpose !== 'ingress-vip-free') return { path: pointer('cluster', 'apiVIPs', api), label: 'API VIP' };
  if (ingress >= 0) return { path: pointer('cluster', 'ingressVIPs', ingress), label: 'Ingress VIP' };
  return undefined;
}

function pingFindings(site: Site, plan: PlantPlan, contexts: readonly NodeContext[], collector: FindingCollector): void {
  const clusterIndex = site.networks.findIndex((n) => n.role === 'cluster');
  const cluster = site.networks[clusterIndex];
  for (const obs of observe(plan, contexts, 'ping')) {
    const result = obs.result;
    if (!result) continue; // no "not checked" for ping: routing has its own facts
    const node = obs.ctx.node.hostname;
    const address = obs.request.address;
    const purpose = obs.expectation?.purpose;
    const gatewayPing = purpose === 'gateway' || (purpose === undefined && cluster?.gateway !== undefined && sameIp(cluster.gateway, address));
    if (gatewayPing && cluster) {
      if (result.status !== 'no-answer' && result.status !== 'unreachable') continue;
      collector.add({
        id: 'plant.gateway-silent', severity: 'warning', path: pointer('networks', clusterIndex, 'gateway'), node,
        head: `The gateway ${address} of network ${cluster.name} did not answer ping`,
        evidence: pingText(address, result),
        fix: `check the gateway address in the plan and that the router answers on VLAN ${cluster.vlan} of the cluster network; if it never answers ping, check that the nodes reach addresses beyond it.`,
      });
      continue;
    }
    const vip = vipPath(site, address, purpose);
    if (!vip || result.status !== 'answered') continue;
    collector.add({
      id: 'plant.vip-in-use', severity: 'error', path: vip.path, node,
      head: `The ${vip.label} ${address} already answers ping`,
      evidence: pingText(address, result),
      fix: `another machine holds ${address}: free it, or plan an unused address${cluster ? ` of ${cluster.subnet}` : ''} as the ${vip.label}.`,
    });
  }
}

export function routingFindings(site: Site, plan: PlantPlan, contexts: readonly NodeContext[]): Finding[] {
  const collector = new FindingCollector();
  for (const ctx of contexts) routeFindings(site, ctx, collector);
  pingFindings(site, plan, contexts, collector);
  return collector.findings();
}
