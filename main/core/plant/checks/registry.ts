// The registry the nodes pull from, as they see it: the mirror registry of a disconnected site
// (or, connected, quay.io and registry.redhat.io through the planned proxy). It answers, its
// certificate is trusted by the plan's CA bundle, names the registry host and is in date, /v2/
// is a registry API, the credentials of the pull secret are accepted, and the release image
// and the operator index exist (a manifest HEAD).
import { isIp } from '../../net/ip';
import { list, type NodeContext } from '../../probe/checks/context';
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import { datedVerdict, isMirrorEndpoint, tlsBasis, tlsTrustFor, type TlsVerdict } from '../tls-trust';
import type { HttpResult, PlantPlan, TlsResult } from '../types';
import { FindingCollector } from './aggregate';
import { observe, uncheckedReason, type Observation } from './match';

export const REGISTRY_FINDING_IDS = [
  'plant.registry-unreachable',
  'plant.registry-cert-untrusted',
  'plant.registry-cert-name',
  'plant.registry-cert-expired',
  'plant.registry-cert-expiring',
  'plant.registry-cert-ok',
  'plant.registry-api',
  'plant.registry-auth',
  'plant.registry-image-missing',
  'plant.registry-not-checked',
  // Made when the probe starts (plant/probe-options.ts): the pull secret has no usable entry for the mirror.
  'plant.registry-credentials',
] as const;

/** A certificate that ends sooner than this is worth renewing before the install. */
export const CERT_EXPIRY_WARNING_DAYS = 30;

interface Registry {
  endpoint: string;
  host: string;
  port: number;
  mirror: boolean;
  proxy?: string;
  /** Plan field for reachability, API, auth and images. */
  path: string;
  /** Plan field for certificate trust. */
  trustPath: string;
  label: string;
}

/** A proxy as the technician may have written it, without any user:password part. */
function safeProxy(proxy: string): string {
  return proxy.replace(/\/\/[^@/]*@/, '//').replace(/^[^@/]*@/, '');
}

function registryFor(site: Site, host: string, port: number, proxy: string | undefined): Registry {
  const endpoint = port === 443 ? host : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const mirror = isMirrorEndpoint(site, host, port);
  const shownProxy = proxy ? safeProxy(proxy) : undefined;
  return {
    endpoint,
    host,
    port,
    mirror,
    ...(shownProxy ? { proxy: shownProxy } : {}),
    path: mirror ? pointer('cluster', 'mirror', 'registry') : pointer('cluster', 'proxy'),
    trustPath: mirror ? pointer('cluster', 'mirror', 'caBundle') : pointer('cluster', 'proxy'),
    label: mirror ? `The mirror registry ${endpoint}` : `The registry ${endpoint}${shownProxy ? ` (through the proxy ${shownProxy})` : ''}`,
  };
}

function registryOfUrl(site: Site, url: string, proxy: string | undefined): Registry | undefined {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'http:' ? 80 : 443;
    return registryFor(site, host, port, proxy);
  } catch {
    return undefined;
  }
}

/** `host/repo:tag` (or `@sha256:…`) of a manifest URL, as oc and podman name images. */
export function imageOfManifestUrl(url: string): string {
  const match = /^https?:\/\/([^/]+)\/v2\/(.+)\/manifests\/([^/?#]+)$/.exec(url);
  if (!match) return url;
  const [, host, repo, ref] = match;
  return `${host}/${repo}${ref!.includes(':') ? '@' : ':'}${ref}`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function unreachableText(status: string, host: string, message: string | undefined): string {
  switch (status) {
    case 'unresolved':
      // curl says whether it was the proxy's name or the registry's.
      return message && /proxy/.test(message) ? message : `the name ${host} does not resolve on the node`;
    case 'refused':
      return 'connection refused';
    case 'timeout':
      return 'no answer within the timeout';
    case 'tls-error':
      return `the TLS handshake failed${message ? `: ${message}` : ''}`;
    default:
      return message ? `error: ${message}` : status;
  }
}

function unreachableFix(site: Site, registry: Registry, status: string): string {
  const cluster = site.networks.find((n) => n.role === 'cluster');
  if (status === 'unresolved' && registry.proxy) {
    return `check that the proxy's name ${registry.proxy.replace(/:\d+$/, '')} resolves on the plant DNS (${list(site.cluster.dnsServers)}) and that the proxy resolves ${registry.host}.`;
  }
  if (status === 'unresolved') return `add an A record for ${registry.host} on the plant DNS (${list(site.cluster.dnsServers)}), or plan the registry by its IP address.`;
  if (registry.proxy) return `check that the proxy ${registry.proxy} runs and lets the nodes reach ${registry.endpoint}.`;
  if (status === 'refused') return `check that the registry runs and listens on port ${registry.port} of ${registry.host}.`;
  return `check that the registry runs and that ${cluster ? `the cluster network ${cluster.subnet}` : 'the nodes'} may reach ${registry.endpoint} (TCP ${registry.port}) through every firewall.`;
}

interface Context {
  site: Site;
  collector: FindingCollector;
  /** Per node, the endpoints already reported unreachable (so TLS and HTTP do not repeat it). */
  unreachable: Set<string>;
  unchecked: Map<string, { node: string; path: string; example: string; why: string; tool?: string }>;
  now: number;
}

function noteUnchecked(c: Context, node: string, registry: Registry, example: string, why: string, tool?: string): void {
  const key = JSON.stringify([node, registry.path, why]);
  if (!c.unchecked.has(key)) c.unchecked.set(key, { node, path: registry.path, example, why, ...(tool ? { tool } : {}) });
}

function reportUnreachable(c: Context, node: string, registry: Registry, evidence: string, status: string): void {
  const key = JSON.stringify([node, registry.endpoint]);
  if (c.unreachable.has(key)) return;
  c.unreachable.add(key);
  c.collector.add({
    id: 'plant.registry-unreachable', severity: 'error', path: registry.path, node,
    head: `${registry.label} did not answer`,
    evidence,
    fix: unreachableFix(c.site, registry, status),
  });
}

function certificateFindings(c: Context, node: string, registry: Registry, serverName: string, verdict: TlsVerdict): void {
  const { collector, site } = c;
  const asked = `TLS to ${registry.endpoint} as ${serverName}`;
  const leaf = verdict.leaf;
  if (!verdict.readable || !leaf) {
    collector.add({
      id: 'plant.registry-cert-untrusted', severity: 'error', path: registry.trustPath, node,
      head: `${registry.label} presented no readable certificate`,
      evidence: `${asked}, no certificate in the answer`,
      fix: `check that ${registry.endpoint} serves TLS with a certificate (not plain HTTP).`,
    });
    return;
  }
  const presented = `certificate ${leaf.subject}, issued by ${leaf.issuer}`;
  if (!verdict.trusted) {
    const ca = verdict.missingCa ?? leaf.issuer;
    let fix: string;
    if (registry.mirror && site.cluster.mirror?.caBundle) fix = `add the CA that signed the registry certificate (${ca}) to the mirror's CA bundle, or have the registry certificate issued by a CA of the bundle.`;
    else if (registry.mirror) fix = `paste the CA certificate that signed the registry certificate (${ca}) into the mirror's CA bundle: the plan has none, and the nodes trust only public CAs without it.`;
    else fix = `something between the nodes and ${registry.host} replaces its certificate${registry.proxy ? ` (the proxy ${registry.proxy} inspecting TLS?)` : ''}: exempt ${registry.host} from TLS inspection.`;
    collector.add({
      id: 'plant.registry-cert-untrusted', severity: 'error', path: registry.trustPath, node,
      head: `${registry.label} presents a certificate the nodes would not trust`,
      evidence: `${asked}: ${presented}; ${verdict.trustProblem ?? 'no trusted CA found'}`,
      fix,
    });
  }
  if (!verdict.nameMatches) {
    const names = verdict.names.length > 0 ? list(verdict.names) : `no subjectAltName (only ${leaf.subject}, which the nodes ignore)`;
    collector.add({
      id: 'plant.registry-cert-name', severity: 'error', path: registry.path, node,
      head: `${registry.label} presents a certificate for other names`,
      evidence: `${asked}: the certificate names ${names}`,
      fix: `reissue the registry certificate with subjectAltName ${isIp(registry.host) ? 'IP' : 'DNS'}:${registry.host}, or plan the registry by a name the certificate carries.`,
    });
  }
  const stale = verdict.outOfDate;
  if (stale) {
    const whose = stale.which === 'leaf' ? 'The certificate' : stale.which === 'ca' ? `The CA certificate ${stale.subject}` : `The intermediate certificate ${stale.subject}`;
    const expired = stale.state === 'expired';
    collector.add({
      id: 'plant.registry-cert-expired', severity: 'error', path: stale.which === 'ca' && registry.mirror ? registry.trustPath : registry.path, node,
      head: expired ? `${whose} of ${registry.endpoint} expired on ${day(stale.notAfter)}` : `${whose} of ${registry.endpoint} is not valid before ${day(stale.notBefore)}`,
      evidence: `${asked}: valid from ${day(stale.notBefore)} to ${day(stale.notAfter)}`,
      fix: expired
        ? `renew it: the nodes refuse an expired certificate and cannot pull any image.`
        : `check the clocks of the nodes and of the CA that issued it; the nodes refuse a certificate that is not yet valid.`,
    });
    return;
  }
  const days = verdict.daysLeft ?? 0;
  if (days < CERT_EXPIRY_WARNING_DAYS) {
    collector.add({
      id: 'plant.registry-cert-expiring', severity: 'warning', path: registry.path, node,
      head: `The certificate of ${registry.endpoint} expires in ${days} day${days === 1 ? '' : 's'}`,
      evidence: `${asked}: valid until ${day(leaf.notAfter)}`,
      fix: 'renew it before the install: once it expires the cluster cannot pull images from it.',
    });
  } else if (verdict.trusted && verdict.nameMatches) {
    collector.add({
      id: 'plant.registry-cert-ok', severity: 'info', path: registry.trustPath, node,
      head: `The certificate of ${registry.endpoint} is trusted and valid for ${days} more days`,
      evidence: `${asked}: ${presented}, valid until ${day(leaf.notAfter)}, trusted through ${verdict.anchor === 'bundle' ? "the plan's CA bundle" : 'the public CAs'}`,
      fix: 'nothing to do.',
    });
  }
}

function judgeTls(c: Context, obs: Observation<'tls'>): void {
  const { request, ctx } = obs;
  const node = ctx.node.hostname;
  const registry = registryFor(c.site, request.host, request.port, request.proxy);
  const result: TlsResult | undefined = obs.result;
  if (!result) return noteUnchecked(c, node, registry, `TLS to ${registry.endpoint}`, uncheckedReason(obs.unchecked ?? 'no-result'));
  if (result.status === 'no-tool') return noteUnchecked(c, node, registry, `TLS to ${registry.endpoint}`, result.message ?? 'openssl is not installed on the node', 'openssl');
  if (result.status !== 'connected') {
    return reportUnreachable(c, node, registry, `TLS to ${registry.endpoint}: ${unreachableText(result.status, registry.host, result.message)}`, result.status);
  }
  // The chain was judged in the main process (tls-judge.ts, node:crypto) against what the plan
  // trusted then; a verdict of another CA bundle is not used.
  const stored = result.verdict;
  if (!stored || stored.basis !== tlsBasis(tlsTrustFor(c.site, request))) {
    return noteUnchecked(c, node, registry, `TLS to ${registry.endpoint}`,
      stored ? 'the CA bundle changed since the certificate was judged; it is judged again when the site is opened again or probed' : 'the certificate was not judged yet; it is judged when the site is opened again or probed');
  }
  certificateFindings(c, node, registry, request.serverName || request.host, datedVerdict(stored, c.now));
}

function judgeHttp(c: Context, obs: Observation<'http'>): void {
  const { request, ctx } = obs;
  const node = ctx.node.hostname;
  const registry = registryOfUrl(c.site, request.url, request.proxy);
  if (!registry) return;
  const asked = `${request.method} ${request.url}`;
  const result: HttpResult | undefined = obs.result;
  if (!result) return noteUnchecked(c, node, registry, asked, uncheckedReason(obs.unchecked ?? 'no-result'));
  if (result.status === 'no-tool') return noteUnchecked(c, node, registry, asked, result.message ?? 'curl is not installed on the node', 'curl');
  if (result.status !== 'answered' || result.code === undefined) {
    return reportUnreachable(c, node, registry, `${asked}: ${unreachableText(result.status, registry.host, result.message)}`, result.status);
  }
  const code = result.code;
  const image = request.manifest ? (obs.expectation?.expect?.[0] ?? imageOfManifestUrl(request.url)) : undefined;
  if (code >= 200 && code < 300) return;
  if (code === 401 && !request.manifest && !result.authSent) return; // /v2/ asks for credentials: a normal registry
  if ((code === 401 || code === 403) && !registry.mirror && !result.authSent) {
    // The pull secret goes to the mirror registry only: a public registry's 401 says nothing about the plant.
    return noteUnchecked(c, node, registry, asked, `${registry.endpoint} wants the pull secret's credentials, which the probe sends to the mirror registry only`);
  }
  if (code === 401 || code === 403) {
    const challenge = result.challenge && result.challenge !== 'none' ? `, challenge ${result.challenge}` : '';
    const repo = image ? image.replace(/^[^/]+\//, '').replace(/[:@].*$/, '') : 'the repositories';
    c.collector.add({
      id: 'plant.registry-auth', severity: 'error', path: registry.path, node,
      head: result.authSent ? `${registry.label} refused the pull secret's credentials` : `${registry.label} wants credentials and the probe sent none`,
      evidence: `${asked} answered ${code} ${result.authSent ? 'with' : 'without'} credentials${challenge}`,
      fix: result.authSent
        ? code === 403
          ? `give the user of the ${registry.endpoint} entry in the pull secret the right to pull ${repo}.`
          : `correct the user and password of the ${registry.endpoint} entry in the pull secret (the nodes pull with the same credentials).`
        : `add an entry for ${registry.endpoint} to the pull secret in the secret store and probe again (a script exported with sitekit collect-script never carries credentials).`,
    });
    return;
  }
  if (code === 404 && image) {
    const purpose = obs.expectation?.purpose;
    const what = purpose === 'release-image' ? 'release image' : purpose === 'operator-index' ? 'operator index' : 'image';
    let fix: string;
    if (!registry.mirror) fix = `check the planned OpenShift version ${c.site.cluster.openshiftVersion}: ${image} does not exist.`;
    else if (purpose === 'release-image') fix = `mirror OpenShift ${c.site.cluster.openshiftVersion} into ${registry.endpoint} with oc-mirror and import its results (sitekit import-mirror), or correct the planned version.`;
    else fix = `mirror the operator catalog into ${registry.endpoint} with oc-mirror and import its results (sitekit import-mirror).`;
    c.collector.add({
      id: 'plant.registry-image-missing', severity: 'error', path: registry.path, node,
      head: `${registry.label} has no ${what} ${image}`,
      evidence: `${asked} answered 404`,
      fix,
    });
    return;
  }
  c.collector.add({
    id: 'plant.registry-api', severity: 'error', path: registry.path, node,
    head: `${registry.label} does not answer like a container registry`,
    evidence: `${asked} answered ${code}`,
    fix: registry.proxy
      ? `check that the proxy ${registry.proxy} forwards ${registry.endpoint} unchanged.`
      : `check that ${registry.endpoint} is the registry itself (registry API v2), not a web server or a login page in front of it.`,
  });
}

export function registryFindings(site: Site, plan: PlantPlan, contexts: readonly NodeContext[], now: number): Finding[] {
  const c: Context = { site, collector: new FindingCollector(), unreachable: new Set(), unchecked: new Map(), now };
  for (const obs of observe(plan, contexts, 'tls')) judgeTls(c, obs);
  for (const obs of observe(plan, contexts, 'http')) judgeHttp(c, obs);
  for (const u of c.unchecked.values()) {
    c.collector.add({
      id: 'plant.registry-not-checked', severity: 'info', path: u.path, node: u.node,
      head: 'The registry was not checked',
      evidence: `e.g. ${u.example}: ${u.why}`,
      fix: u.tool ? `install ${u.tool} on the node, or probe from an image that has it, then probe again.` : 'probe the nodes again.',
    });
  }
  return c.collector.findings();
}
