// The registries the nodes must reach and the images the bundle itself pulls from them. Nothing
// here guesses on its own: a disconnected site's release repository comes from the
// imageDigestSources the install-config gets (generate/install/mirrors.ts: the oc-mirror import,
// or the bundle's own guess of oc-mirror's layout), and its operator index is the image of the
// CatalogSource the bundle's Subscriptions use (generate/gitops/operators.ts). A connected site
// pulls from the public registries, through the planned proxy unless noProxy exempts them.
import { ocpMinor } from '../generate/gitops/common';
import { catalogSourceOf, mirrorObjects } from '../generate/gitops/operators';
import { imageDigestSources, RED_HAT_CATALOG, RELEASE_SOURCES } from '../generate/install/mirrors';
import { parseHostPort } from '../net/host';
import { isIp } from '../net/ip';
import type { Site } from '../site/schema';

export type RegistryImagePurpose = 'release-image' | 'operator-index';

export interface RegistryImage {
  purpose: RegistryImagePurpose;
  /** The image as the bundle names it, e.g. mirror.example.com:8443/openshift/release-images:4.18.12-x86_64. */
  reference: string;
  repository: string;
  /** Tag, or digest `sha256:…`. */
  tag: string;
}

export interface RegistryTarget {
  /** host[:port] as a pull secret keys it, e.g. mirror.plant-a.example.com:8443 or quay.io. */
  registry: string;
  hostname: string;
  port: number;
  /** TLS server name (SNI): the host name; none for an IP address. */
  serverName?: string;
  /** The proxy the nodes reach it through, host:port. */
  proxy?: string;
  /** Plan field a finding about this registry goes under. */
  path: string;
  images: RegistryImage[];
}

/** The public release repository (quay.io/openshift-release-dev/ocp-release). */
const RELEASE_SOURCE = RELEASE_SOURCES[0].source;

/** The release image tag oc-mirror and quay.io use: `<x.y.z>-x86_64` (full versions only). */
export function releaseTag(site: Site): string | undefined {
  const version = site.cluster.openshiftVersion;
  return /^\d+\.\d+\.\d+$/.test(version) ? `${version}-x86_64` : undefined;
}

/** host[:port] (net/host's parser) for a host name or an IPv4 address; IPv6 literals are not asked (the script's tokens refuse them). */
function plainEndpoint(text: string, defaultPort: number): { hostname: string; port: number } | undefined {
  const parsed = parseHostPort(text);
  if (!parsed.ok || parsed.endpoint.host.includes(':')) return undefined;
  return { hostname: parsed.endpoint.host, port: parsed.endpoint.port ?? defaultPort };
}

/** host[:port] → its parts; undefined for anything that is not a plain host name or IPv4 address. */
export function splitRegistry(registry: string): { hostname: string; port: number } | undefined {
  return plainEndpoint(registry, 443);
}

/** host[:port]/repository[:tag][@sha256:…] → registry, repository, tag or digest. */
export function splitImageReference(reference: string): { registry: string; repository: string; tag: string } | undefined {
  const text = reference.replace(/^docker:\/\//, '');
  const slash = text.indexOf('/');
  if (slash <= 0) return undefined;
  const registry = text.slice(0, slash);
  let rest = text.slice(slash + 1);
  let tag: string;
  const at = rest.indexOf('@');
  if (at >= 0) {
    tag = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(':');
    tag = colon > rest.lastIndexOf('/') && colon >= 0 ? rest.slice(colon + 1) : 'latest';
    if (colon > rest.lastIndexOf('/') && colon >= 0) rest = rest.slice(0, colon);
  }
  if (!splitRegistry(registry) || !/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/.test(rest)) return undefined;
  if (!/^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[a-f0-9]{64})$/.test(tag)) return undefined;
  return { registry, repository: rest, tag };
}

/**
 * The proxy (host:port) the nodes use for this registry host: the plan's httpsProxy unless
 * noProxy names the host (exactly, as a domain suffix, or `*`). A proxy URL with a user name or
 * password is not used: the script would have to carry it, and the echo of the requests would
 * show it; such a site's registries are not checked through the proxy.
 */
export function proxyFor(site: Site, hostname: string): { proxy?: string; refused?: boolean } {
  const proxy = site.cluster.proxy;
  const url = proxy?.httpsProxy ?? proxy?.httpProxy;
  if (!url) return {};
  const host = hostname.toLowerCase();
  for (const entry of proxy?.noProxy ?? []) {
    const rule = entry.trim().toLowerCase();
    if (rule === '*' || rule === host) return {};
    const suffix = rule.startsWith('.') ? rule : `.${rule}`;
    if (!isIp(host) && host.endsWith(suffix)) return {};
  }
  const endpoint = plainEndpoint(url.trim().replace(/^http:\/\//, '').replace(/\/$/, ''), 80);
  if (!endpoint) return { refused: true };
  return { proxy: `${endpoint.hostname}:${endpoint.port}` };
}

function imageOf(purpose: RegistryImagePurpose, reference: string): RegistryImage | undefined {
  const parts = splitImageReference(reference);
  return parts ? { purpose, reference, repository: parts.repository, tag: parts.tag } : undefined;
}

/** The images a disconnected site's bundle pulls from its mirror: release (full versions) and operator index. */
function mirrorImages(site: Site): RegistryImage[] {
  const images: RegistryImage[] = [];
  const tag = releaseTag(site);
  const release = imageDigestSources(site)?.find((s) => s.source === RELEASE_SOURCE)?.mirrors[0];
  if (tag && release) {
    const image = imageOf('release-image', `${release}:${tag}`);
    if (image) images.push(image);
  }
  const { source } = catalogSourceOf(site);
  const catalog = mirrorObjects(site).find((o) => o.kind === 'CatalogSource' && o.metadata.name === source);
  const catalogImage = (catalog?.spec as { image?: unknown } | undefined)?.image;
  if (typeof catalogImage === 'string') {
    const image = imageOf('operator-index', catalogImage);
    if (image) images.push(image);
  }
  return images;
}

/** The public images a connected site pulls: the release from quay.io, the Red Hat operator index. */
function publicImages(site: Site): RegistryImage[] {
  const images: RegistryImage[] = [];
  const tag = releaseTag(site);
  if (tag) {
    const image = imageOf('release-image', `${RELEASE_SOURCE}:${tag}`);
    if (image) images.push(image);
  }
  const index = imageOf('operator-index', `${RED_HAT_CATALOG}:v${ocpMinor(site)}`);
  if (index) images.push(index);
  return images;
}

/**
 * Every registry host the nodes must reach, in a fixed order (the plan's mirror first), each
 * with the images the bundle pulls from it. Connected sites: quay.io and registry.redhat.io
 * (each always checked for TLS and /v2/, even when the version names no release image).
 */
export function registryTargets(site: Site): RegistryTarget[] {
  const mirror = site.cluster.mirror;
  const disconnected = mirror !== undefined;
  const path = disconnected ? '/cluster/mirror/registry' : '/cluster/proxy';
  const registries: string[] = [];
  const images = new Map<string, RegistryImage[]>();
  const add = (registry: string, image?: RegistryImage): void => {
    const key = registry.toLowerCase();
    if (!registries.includes(key)) registries.push(key);
    if (image) images.set(key, [...(images.get(key) ?? []), image]);
  };
  if (disconnected) {
    const own = mirror.registry.replace(/\/.*$/, '');
    if (own) add(own);
    for (const image of mirrorImages(site)) add(splitImageReference(image.reference)!.registry, image);
  } else {
    add('quay.io');
    add(RED_HAT_CATALOG.split('/')[0]!);
    for (const image of publicImages(site)) add(splitImageReference(image.reference)!.registry, image);
  }
  const targets: RegistryTarget[] = [];
  for (const registry of registries) {
    const parts = splitRegistry(registry);
    if (!parts) continue;
    const { proxy, refused } = proxyFor(site, parts.hostname);
    if (refused) continue;
    targets.push({
      registry,
      hostname: parts.hostname,
      port: parts.port,
      ...(isIp(parts.hostname) ? {} : { serverName: parts.hostname }),
      ...(proxy ? { proxy } : {}),
      path,
      images: images.get(registry) ?? [],
    });
  }
  return targets;
}

/** https URL of a registry's API root or of a manifest. */
export function registryUrl(target: Pick<RegistryTarget, 'registry'>, image?: Pick<RegistryImage, 'repository' | 'tag'>): string {
  return image ? `https://${target.registry}/v2/${image.repository}/manifests/${image.tag}` : `https://${target.registry}/v2/`;
}
