// The cluster network's gateway as the nodes see it: a host that answers ping (and forwards
// nothing: a new namespace has ip_forward 0), a host that drops ping, and a host that takes
// addresses which should be free (a VIP somebody already uses). The nodes get a default route
// via the gateway while the plant services run, as a plant's DHCP or static config gives them.
import type { TestBed } from '../testbed';
import { ip } from '../net';
import { PLANT_OCTETS } from './addresses';
import { addServiceAddress, removeServiceAddress, runIn, serviceNamespace, type ServiceNamespace } from './netns';

export interface Gateways {
  answering: ServiceNamespace;
  quiet: ServiceNamespace;
  addressTaker: ServiceNamespace;
}

export async function startGateways(bed: TestBed): Promise<Gateways> {
  const answering = await serviceNamespace(bed, 'gw', PLANT_OCTETS.gateway);
  const quiet = await serviceNamespace(bed, 'gwq', PLANT_OCTETS.gatewayQuiet);
  // Per namespace: only this host ignores echo requests.
  await runIn(quiet.namespace, 'sysctl', ['-q', '-w', 'net.ipv4.icmp_echo_ignore_all=1']);
  const addressTaker = await serviceNamespace(bed, 'taker', PLANT_OCTETS.addressTaker);
  return { answering, quiet, addressTaker };
}

/** Every node's default route via `gateway` (an address on the bed subnet), or none. */
export async function routeNodesVia(bed: TestBed, gateway: string | undefined): Promise<void> {
  for (const node of bed.nodes) {
    if (gateway) await ip(['-n', node.namespace, 'route', 'replace', 'default', 'via', gateway, 'dev', 'eth0']);
    else await ip(['-n', node.namespace, 'route', 'del', 'default']).catch(() => undefined);
  }
}

/** Somebody takes `lastOctet` (e.g. the Ingress VIP): it answers ping from now on. */
export async function takeAddress(bed: TestBed, gateways: Gateways, lastOctet: number): Promise<string> {
  return addServiceAddress(bed, gateways.addressTaker, lastOctet);
}

export async function releaseAddress(bed: TestBed, gateways: Gateways, lastOctet: number): Promise<void> {
  await removeServiceAddress(bed, gateways.addressTaker, lastOctet);
}

