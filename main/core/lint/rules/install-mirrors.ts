// Mirrors, trust bundle and proxy (installer.md §4.1 "Mirrors", "Proxy", "Other").
import { X509Certificate } from 'node:crypto';
import { ic, obj, objects, str, type LintRule } from './context';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export const installMirrorRules: LintRule[] = [
  function* digestSources({ installConfig: c }) {
    if (!c) return;
    if (c.imageContentSources !== undefined && c.imageDigestSources !== undefined) {
      yield ic('install.image-digest-sources', 'error', '/imageContentSources', 'imageContentSources: Forbidden: cannot set imageContentSources and imageDigestSources at the same time', 'imageContentSources is deprecated: keep imageDigestSources only.');
    }
    for (const key of ['imageDigestSources', 'imageContentSources'] as const) {
      for (const [i, entry] of objects(c[key])) {
        const source = str(entry.source) ?? '';
        // A repository, not an image reference: no tag after the last '/', no digest.
        if (source.includes('@') || /:[^/]*$/.test(source.replace(/^[^/]*\//, '/'))) {
          yield ic('install.image-digest-sources', 'error', `/${key}/${i}/source`, `${key}[${i}].source: Invalid value: "${source}": the source must be a repository, not an image tag or digest reference`);
        }
        for (const [j, mirror] of (Array.isArray(entry.mirrors) ? entry.mirrors : []).entries()) {
          if (typeof mirror === 'string' && mirror.includes('@')) {
            yield ic('install.image-digest-sources', 'error', `/${key}/${i}/mirrors/${j}`, `${key}[${i}].mirrors[${j}]: Invalid value: "${mirror}": a mirror must be a repository, not a digest reference`);
          }
        }
        const policy = entry.sourcePolicy;
        if (policy !== undefined && policy !== 'NeverContactSource' && policy !== 'AllowContactingSource') {
          yield ic('install.image-digest-sources', 'error', `/${key}/${i}/sourcePolicy`, `${key}[${i}].sourcePolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "NeverContactSource", "AllowContactingSource"`);
        }
      }
    }
  },

  function* trustBundle({ installConfig: c }) {
    const bundle = c ? str(c.additionalTrustBundle) : undefined;
    if (bundle === undefined) return;
    const blocks = [...bundle.matchAll(PEM_BLOCK)];
    const problem =
      blocks.length === 0
        ? 'no PEM certificates found'
        : blocks.map((b) => (b[1] !== 'CERTIFICATE' ? `a ${b[1]} block is not a certificate` : parsesAsCertificate(b[0]) ? undefined : 'a certificate block does not parse')).find((p) => p !== undefined);
    if (problem) {
      yield ic('install.trust-bundle', 'error', '/additionalTrustBundle', `additionalTrustBundle: Invalid value: "<bundle>": ${problem}`, 'Paste the PEM certificate(s) of the CA that signed the mirror registry or proxy.');
    }
    const policy = c!.additionalTrustBundlePolicy;
    if (policy !== undefined && policy !== 'Proxyonly' && policy !== 'Always') {
      yield ic('install.trust-bundle', 'error', '/additionalTrustBundlePolicy', `additionalTrustBundlePolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Proxyonly", "Always"`);
    }
  },

  function* proxy({ installConfig: c }) {
    if (!c || c.proxy === undefined) return;
    const p = obj(c.proxy);
    if (p.httpProxy === undefined && p.httpsProxy === undefined) {
      yield ic('install.proxy', 'error', '/proxy', 'proxy: Required value: must include httpProxy or httpsProxy');
    }
    const schemes = { httpProxy: ['http:'], httpsProxy: ['http:', 'https:'] } as const;
    for (const key of ['httpProxy', 'httpsProxy'] as const) {
      const value = str(p[key]);
      if (value === undefined) continue;
      let protocol: string | undefined;
      try {
        protocol = new URL(value).protocol;
      } catch {
        protocol = undefined;
      }
      if (!protocol || !(schemes[key] as readonly string[]).includes(protocol)) {
        yield ic('install.proxy', 'error', `/proxy/${key}`, `proxy.${key}: Unsupported value: "${value}": supported schemes: ${schemes[key].map((s) => `"${s.slice(0, -1)}"`).join(', ')}`);
      }
    }
    const noProxy = str(p.noProxy);
    if (noProxy !== undefined && /\s/.test(noProxy)) {
      yield ic('install.proxy', 'error', '/proxy/noProxy', `proxy.noProxy: Invalid value: "${noProxy}": noProxy must not have spaces`);
    }
  },
];

function parsesAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
