// Connecting to the cluster of one site, the same way for the app and the CLI: the kubeconfig
// must be for this site's API (api.<cluster>.<domain> of the plan, or one of its API VIPs), the
// pin is read from and written to <site dir>/.sitekit/cluster/api-pin.json, and the route goes
// through an address (the API VIP) when asked. A kubeconfig of another cluster is refused before
// any connection: the bootstrap would otherwise apply this site's GitOps to the wrong cluster.
import type { Site } from '../site/schema';
import { connectCluster, planRoutes, type ConnectOutcome } from './connect';
import { toClusterError } from './failure';
import { checkKubeconfig, type KubeconfigInfo } from './kubeconfig';
import { loadPin, savePin } from './pin';
import type { ApiRoute, ClusterFailure } from './types';

export interface SiteConnectOptions {
  siteDir: string;
  site: Site;
  kubeconfigText: string;
  /** Go through this address (the API VIP) with the API name kept for TLS. */
  viaAddress?: string;
  acceptCaSha256?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** `https://host:port` of the kubeconfig's server, or undefined when it is no https URL. */
export function apiOrigin(server: string): string | undefined {
  try {
    const url = new URL(server);
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Why this kubeconfig is not for this site's cluster (undefined: it is). */
export function kubeconfigSiteProblem(info: Pick<KubeconfigInfo, 'server'>, site: Site): string | undefined {
  const planned = planRoutes(site);
  const host = new URL(info.server).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const plannedHost = new URL(planned.server).hostname.toLowerCase();
  if (host === plannedHost || planned.apiVips.some((vip) => vip.toLowerCase() === host)) return undefined;
  return (
    `The kubeconfig is for ${info.server}, but this site's API is ${planned.server} (cluster.name and cluster.baseDomain of the plan): ` +
    "choose the auth/kubeconfig of this site's install."
  );
}

export function badKubeconfig(message: string): ClusterFailure {
  return { kind: 'bad-kubeconfig', message, retryable: false };
}

/** Where the plan says the API is, for answers made before the kubeconfig could be read. */
export function plannedRoute(site: Site, viaAddress?: string): ApiRoute {
  const server = planRoutes(site).server;
  return viaAddress ? { server, viaAddress } : { server };
}

export async function connectSite(options: SiteConnectOptions): Promise<ConnectOutcome> {
  const { site } = options;
  let info: KubeconfigInfo;
  try {
    info = checkKubeconfig(options.kubeconfigText);
  } catch (error) {
    return { result: { state: 'failed', route: plannedRoute(site, options.viaAddress), failure: toClusterError(error).failure } };
  }
  const problem = kubeconfigSiteProblem(info, site);
  if (problem) {
    const route: ApiRoute = options.viaAddress ? { server: info.server, viaAddress: options.viaAddress } : { server: info.server };
    return { result: { state: 'failed', route, failure: badKubeconfig(problem) } };
  }
  const pin = await loadPin(options.siteDir);
  const outcome = await connectCluster({
    kubeconfigText: options.kubeconfigText,
    route: options.viaAddress ? { server: info.server, viaAddress: options.viaAddress } : { server: info.server },
    ...(pin ? { pin } : {}),
    ...(options.acceptCaSha256 ? { acceptCaSha256: options.acceptCaSha256 } : {}),
    apiVips: site.cluster.apiVIPs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (outcome.newPin) await savePin(options.siteDir, outcome.newPin);
  return outcome;
}
