// The last guard before anything about a cluster leaves Sitekit (an answer, an event, a line of
// the CLI, a saved file): the key material of the kubeconfig in use, and any other secret
// handed in, replaced wherever it would show. The cluster code never puts them there; this
// makes sure a message quoting a server's words cannot either.

/** The values of a kubeconfig that must never show anywhere (keys, certificates, tokens, passwords). */
export function kubeconfigSecrets(text: string): string[] {
  const field = /^\s*-?\s*["']?(client-key-data|client-certificate-data|token|password|client-key|id-token|refresh-token)["']?\s*:\s*["']?([^"'\s#]+)/gm;
  const values = [...text.matchAll(field)].map((m) => m[2]!).filter((v) => v.length >= 8);
  return [...new Set(values)];
}

/** A copy of plain data with every occurrence of the secrets replaced by *** (in strings; keys kept). */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  const used = secrets.filter((s) => s.length > 0);
  if (used.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return used.some((s) => v.includes(s)) ? used.reduce((out, s) => out.split(s).join('***'), v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
