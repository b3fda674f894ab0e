// Connecting to a site's cluster the way an SSH client meets a host: check the kubeconfig,
// look at the API server's certificate (one TLS handshake), and then
//   - first contact: stop at `needs-acceptance` with the CA fingerprint to compare;
//   - accepted (acceptCaSha256 is exactly what was shown): connect and hand back the new pin;
//   - the CA differs from the pin: stop at `pin-changed` with both, unless the technician
//     explicitly accepts the new fingerprint (a reinstalled cluster has a new CA);
//   - pinned and unchanged: connect.
// Once connected, every request is verified against exactly the pinned CA (the kubeconfig's CA
// bundle is replaced by it). The route may go through the plan's API VIP, the API name kept
// for TLS, for the days the plant DNS does not know the name yet.
import { createClusterClient, type ClusterClient } from './client';
import { toClusterError } from './failure';
import { checkKubeconfig, kubeConfigFor, type KubeconfigInfo } from './kubeconfig';
import { inspectApiServer, type ServerInspection } from './pin';
import type { ApiPin, ApiRoute, ClusterFailure, ConnectResult } from './types';

export interface ConnectOptions {
  /** The kubeconfig (kept in the secret store; never returned or logged). */
  kubeconfigText: string;
  /** The kubeconfig's server, or the same through an address (viaAddress, the API VIP). */
  route: ApiRoute;
  /** The pin on record (.sitekit/cluster/api-pin.json), if any. */
  pin?: ApiPin;
  /** The CA fingerprint the technician accepted, exactly as it was shown (SHA256:AB:…). */
  acceptCaSha256?: string;
  /** The plan's API VIPs, offered in the sentence when the name does not resolve. */
  apiVips?: readonly string[];
  signal?: AbortSignal;
  /** Limit for the handshake and for each request (default 15 s). */
  timeoutMs?: number;
  now?: () => Date;
}

export interface ConnectOutcome {
  result: ConnectResult;
  /** connected: the client, verifying against exactly the pinned CA. */
  client?: ClusterClient;
  /** connected after an acceptance: the pin to save (savePin). */
  newPin?: ApiPin;
}

export async function connectCluster(options: ConnectOptions): Promise<ConnectOutcome> {
  let info: KubeconfigInfo;
  try {
    info = checkKubeconfig(options.kubeconfigText);
  } catch (error) {
    return { result: { state: 'failed', route: options.route, failure: toClusterError(error).failure } };
  }
  // The kubeconfig decides the server; the route only says whether to go through an address.
  const route: ApiRoute = options.route.viaAddress ? { server: info.server, viaAddress: options.route.viaAddress } : { server: info.server };
  const timeoutMs = options.timeoutMs ?? 15_000;

  let inspection: ServerInspection;
  try {
    inspection = await inspectApiServer(route, { caPem: info.caPem, signal: options.signal, timeoutMs, apiVips: options.apiVips });
  } catch (error) {
    return { result: { state: 'failed', route, failure: toClusterError(error, { server: route.server, viaAddress: route.viaAddress, apiVips: options.apiVips }).failure } };
  }
  const identity = inspection.identity;
  const shown = identity.ca.sha256;
  const failed = (failure: ClusterFailure): ConnectOutcome => ({ result: { state: 'failed', route, identity, failure } });

  if (!inspection.nameMatches) {
    return failed({
      kind: 'tls-name',
      message: `The API server's certificate is not valid for ${new URL(info.server).hostname}: check that ${route.viaAddress ?? 'this name'} is this cluster's API (the kubeconfig may be from another cluster).`,
      detail: `leaf ${identity.leaf.subject}`,
      retryable: false,
    });
  }
  const pin = options.pin && options.pin.server === info.server ? options.pin : undefined;
  const accepted = options.acceptCaSha256 !== undefined && normalizeFingerprint(options.acceptCaSha256) === shown;
  let caPem: string;
  let newPin: ApiPin | undefined;
  // The kubeconfig's own CA (when it has one) must vouch for the server too, pinned or not: a pin
  // file is plain JSON next to site.yaml (it may come with a copied or shared site folder), so a
  // pin alone never sends this kubeconfig's credentials to a server of another CA.
  const kubeconfigRefuses = info.caPem !== undefined && !inspection.signedByKubeconfigCa;
  if (pin && pin.caSha256 === shown) {
    if (kubeconfigRefuses) {
      return failed({
        kind: 'tls-untrusted',
        message:
          "The API server's certificate is signed by the accepted CA but not by the kubeconfig's CA: the kubeconfig is from another install of this cluster, or .sitekit/cluster/api-pin.json was not made by this laptop; use the auth/kubeconfig of this install, or remove the pin file and accept the CA again.",
        detail: `pinned and presented CA ${shown}`,
        retryable: false,
      });
    }
    caPem = pin.caPem;
  } else {
    if (pin && !accepted) {
      return {
        result: {
          state: 'pin-changed',
          route,
          identity,
          pinned: { caSha256: pin.caSha256, acceptedAt: pin.acceptedAt },
          failure: {
            kind: 'pin-changed',
            message: `The API server's CA is not the one accepted on ${pin.acceptedAt.slice(0, 10)}: if the cluster was reinstalled, compare the new fingerprint with the cluster's and accept it; otherwise do not connect (something may be intercepting the connection).`,
            detail: `pinned ${pin.caSha256}, shown ${shown}`,
            retryable: false,
          },
        },
      };
    }
    // A new pin is only offered for a CA the kubeconfig itself vouches for (when it has one).
    if (kubeconfigRefuses) {
      return failed({
        kind: 'tls-untrusted',
        message:
          "The API server's certificate is not signed by the kubeconfig's CA: the kubeconfig is from another install of this cluster, or something on the way intercepts TLS; use the auth/kubeconfig of this install.",
        detail: `presented CA ${shown}`,
        retryable: false,
      });
    }
    if (!accepted) {
      const mismatch = options.acceptCaSha256 !== undefined;
      return {
        result: {
          state: 'needs-acceptance',
          route,
          identity,
          failure: {
            kind: 'pin-unknown',
            message: mismatch
              ? `The fingerprint accepted is not the one the API server shows now (${shown}): compare again before accepting.`
              : identity.caFromKubeconfig
                ? `First connection to ${info.server}: its CA ${shown} is the one in the kubeconfig openshift-install wrote for this cluster; accept it to remember it.`
                : `First connection to ${info.server}: the kubeconfig has no CA for it, so check the CA fingerprint ${shown} on a machine that has the cluster's CA (openssl x509 -noout -fingerprint -sha256 -in <ca.crt>) before accepting it.`,
            ...(mismatch ? { detail: `accepted ${options.acceptCaSha256}` } : {}),
            retryable: false,
          },
        },
      };
    }
    caPem = inspection.caPem;
    newPin = { server: info.server, caSha256: shown, caPem, acceptedAt: (options.now?.() ?? new Date()).toISOString() };
  }

  const client = createClusterClient(kubeConfigFor(options.kubeconfigText, { route, caPem }), {
    route,
    apiVips: options.apiVips,
    requestTimeoutMs: timeoutMs,
  });
  try {
    const version = await client.version({ signal: options.signal });
    const openshiftVersion = await openshiftVersionOf(client, options.signal);
    const inEffect = newPin ?? pin;
    const result: ConnectResult = {
      state: 'connected',
      route,
      identity,
      kubernetesVersion: version.gitVersion,
      ...(openshiftVersion ? { openshiftVersion } : {}),
      user: info.identity ?? info.user,
      ...(inEffect ? { pinned: { caSha256: inEffect.caSha256, acceptedAt: inEffect.acceptedAt } } : {}),
    };
    return newPin ? { result, client, newPin } : { result, client };
  } catch (error) {
    return failed(toClusterError(error).failure);
  }
}

/**
 * The OpenShift version: ClusterVersion's last Completed history entry, else the desired one.
 * /version answers without a login, so this is also the request that proves the credentials.
 */
async function openshiftVersionOf(client: ClusterClient, signal?: AbortSignal): Promise<string | undefined> {
  const cv = await client.get<{
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    status?: { desired?: { version?: string }; history?: { state?: string; version?: string }[] };
  }>({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' }, { signal });
  return cv?.status?.history?.find((h) => h.state === 'Completed')?.version ?? cv?.status?.desired?.version;
}

/** Accepts the fingerprint as pasted: any case, with or without the SHA256: prefix and colons. */
export function normalizeFingerprint(text: string): string {
  const hex = text.trim().replace(/^sha256:/i, '').replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return `SHA256:${hex.match(/.{1,2}/g)?.join(':') ?? ''}`;
}

export interface PlannedRoutes {
  /** https://api.<cluster>.<domain>:6443 */
  server: string;
  /** The name first, then through each API VIP. */
  routes: ApiRoute[];
  apiVips: string[];
}

/** The ways to reach the planned cluster's API: by name, or through an API VIP with the name kept for TLS. */
export function planRoutes(site: { cluster: { name: string; baseDomain: string; apiVIPs: readonly string[] } }): PlannedRoutes {
  const server = `https://api.${site.cluster.name}.${site.cluster.baseDomain}:6443`;
  const apiVips = [...site.cluster.apiVIPs];
  return { server, apiVips, routes: [{ server }, ...apiVips.map((viaAddress) => ({ server, viaAddress }))] };
}
