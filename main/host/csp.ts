// The Content-Security-Policy of the renderer, in one place: the web host sends it as a
// header, the app:// protocol handler sends it too, and renderer/index.html carries the
// same policy in a <meta> tag (a unit test keeps them equal). Everything is bundled, so
// nothing but the app's own origin is allowed: no CDNs, no remote fonts, no inline script.

export interface CspOptions {
  /** Extra sources for connect-src, e.g. the web host's ws:// origin. */
  connect?: readonly string[];
  /** frame-ancestors is only valid in a header, not in <meta>. */
  forHeader?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    // PatternFly's CSS carries a few small SVGs as data: URIs.
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...(options.connect ?? [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  if (options.forHeader) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** The policy written into renderer/index.html. */
export const RENDERER_META_CSP = contentSecurityPolicy();
