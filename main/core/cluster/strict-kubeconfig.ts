// The KubeConfig every ClusterClient talks through. client-node 1.4.0 leaves the agent's
// `rejectUnauthorized` unset unless the file says insecure-skip-tls-verify, so Node falls back to
// NODE_TLS_REJECT_UNAUTHORIZED: with that variable at 0 (a common "fix" for corporate proxies)
// any certificate would be accepted and the pinned CA would protect nothing. Here verification is
// always on, for plain requests (applySecurityAuthentication) and for watches (client-node's
// Watch builds its own fetch options through applyToFetchOptions). The agent still carries the
// cluster's CA (the pin's PEM once connected) as its only trust anchor and the TLS server name
// (the API name when going through the VIP).
//
// A watch also gets a limit on waiting for the response headers: client-node's Watch gives its
// fetch no timeout, so a server that accepts the connection and never answers would hold the
// watch for ever. The stream itself, once open, is not limited here (the server's timeoutSeconds
// and the client's own deadline end it).
import type https from 'node:https';
import * as k8s from '@kubernetes/client-node';

type FetchOptions = Awaited<ReturnType<k8s.KubeConfig['applyToFetchOptions']>>;

export class StrictKubeConfig extends k8s.KubeConfig {
  constructor(private readonly headersTimeoutMs: number) {
    super();
  }

  /** A copy of `source` (its current context and everything it names) that always verifies TLS. */
  static from(source: k8s.KubeConfig, headersTimeoutMs: number): StrictKubeConfig {
    const strict = new StrictKubeConfig(headersTimeoutMs);
    strict.loadFromOptions({
      // insecure-skip-tls-verify is refused when a kubeconfig is read; a KubeConfig built elsewhere loses it here.
      clusters: source.clusters.map((cluster) => ({ ...cluster, skipTLSVerify: false })),
      users: source.users,
      contexts: source.contexts,
      currentContext: source.currentContext,
    });
    return strict;
  }

  /** Used by client-node's Watch for every watch request. */
  override async applyToFetchOptions(opts: https.RequestOptions): Promise<FetchOptions> {
    const init = await super.applyToFetchOptions({ ...opts, rejectUnauthorized: true });
    // node-fetch's `timeout` runs from the request until the response headers (a watch body is read as a stream, unlimited).
    return { ...init, timeout: this.headersTimeoutMs };
  }

  /** Used for every other request: the same credentials, with an agent that always verifies. */
  override async applySecurityAuthentication(context: k8s.RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const { agent } = await super.applyToFetchOptions({ rejectUnauthorized: true });
    if (agent) context.setAgent(agent as https.Agent);
  }
}
