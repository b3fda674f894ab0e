// cluster.*: the live cluster. The work (and @kubernetes/client-node, a third of a second to
// load) is in cluster-impl.ts, loaded on the first cluster call, so the app and the web host
// start as fast as before for everyone who never talks to a cluster.
import type { HandlerContext, ImplTable } from './common';

export type ClusterChannel = 'cluster.connect' | 'cluster.watchInstall' | 'cluster.bootstrap' | 'cluster.verify' | 'cluster.drift' | 'cluster.cancel';

const CLUSTER_CHANNELS: readonly ClusterChannel[] = [
  'cluster.connect',
  'cluster.watchInstall',
  'cluster.bootstrap',
  'cluster.verify',
  'cluster.drift',
  'cluster.cancel',
];

export function clusterHandlers(ctx: HandlerContext): ImplTable<ClusterChannel> {
  let impl: Promise<ImplTable<ClusterChannel>> | undefined;
  // One implementation per handler set: its task registry (cancel) and routes are shared by the calls.
  const load = () => (impl ??= import('./cluster-impl').then((m) => m.clusterHandlers(ctx)));
  const table = {} as Record<ClusterChannel, (input: never) => Promise<unknown>>;
  for (const channel of CLUSTER_CHANNELS) {
    table[channel] = async (input: never) => ((await load())[channel] as (input: never) => Promise<unknown>)(input);
  }
  return table as unknown as ImplTable<ClusterChannel>;
}
