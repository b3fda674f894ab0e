// Registry credentials for a live probe: from the pull secret (containers-auth.json form,
// `{"auths": {"<host[:port]>": {"auth": "<base64 user:password>"}}}`), only the `auth` value of
// exactly the registry hosts the plan asks about, each checked strictly before it goes into the
// script. Nothing here ever puts a credential into a message, an error or a log: problems name
// the host and say what is wrong, never the value.
import type { PlantRequest } from './types';

/** base64 of user:password, as the pull secret carries it. */
export const REGISTRY_AUTH_PATTERN = /^[A-Za-z0-9+/=]{4,8192}$/;
/** A pull secret is a few KiB; anything far larger is not one. */
const MAX_PULL_SECRET_CHARS = 1024 * 1024;

export interface RegistryAuths {
  /** host[:port] (as asked, lower case) → base64 auth. */
  auths: Record<string, string>;
  /** Plain sentences without any secret value. */
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the value is base64 of `user:password` with a user name. */
function isUsableAuth(value: string): boolean {
  if (!REGISTRY_AUTH_PATTERN.test(value) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && !/[\r\n\0]/.test(decoded);
}

/**
 * The auth of each asked registry host. A host the pull secret does not name (or names with an
 * unusable value) gets none, and a problem says so: the registry is then asked without
 * credentials. Throws, with a message that holds no secret, when the text is no pull secret.
 */
export function registryAuths(pullSecretJson: string, hosts: readonly string[]): RegistryAuths {
  if (pullSecretJson.length > MAX_PULL_SECRET_CHARS) throw new Error('The pull secret is larger than 1 MiB: this is not a pull secret.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(pullSecretJson);
  } catch {
    // The parser's message can quote the text: never pass it on.
    throw new Error('The pull secret is not valid JSON; paste it again as downloaded from console.redhat.com.');
  }
  if (!isRecord(parsed) || !isRecord(parsed.auths)) {
    throw new Error('The pull secret has no "auths" object; paste it again as downloaded from console.redhat.com.');
  }
  const entries = Object.entries(parsed.auths);
  const result: RegistryAuths = { auths: {}, problems: [] };
  for (const wanted of hosts) {
    const host = wanted.toLowerCase();
    if (host in result.auths) continue;
    const matches = entries.filter(([key]) => key.toLowerCase() === host);
    if (matches.length === 0) {
      result.problems.push(`The pull secret has no entry for ${host}; Sitekit asks that registry without credentials.`);
      continue;
    }
    const entry = matches[0]![1];
    const auth = isRecord(entry) ? entry.auth : undefined;
    if (matches.length > 1 || typeof auth !== 'string' || !isUsableAuth(auth)) {
      result.problems.push(
        `The pull secret's entry for ${host} has no usable "auth" value (base64 of user:password); Sitekit asks that registry without credentials.`,
      );
      continue;
    }
    result.auths[host] = auth;
  }
  return result;
}

/** host[:port] of an https URL, lower case. */
export function urlRegistry(url: string): string | undefined {
  return /^https:\/\/([^/]+)\//.exec(url)?.[1]?.toLowerCase();
}

/**
 * The requests with `auth` set on every http request to a registry that has credentials, and
 * the credentials in index order (index n is `credentials[n - 1]`, SK_AUTH_n in the script).
 */
export function attachRegistryAuths(
  requests: readonly PlantRequest[],
  auths: Readonly<Record<string, string>> = {},
): { requests: PlantRequest[]; credentials: string[] } {
  const credentials: string[] = [];
  const index = new Map<string, number>();
  const out = requests.map((req): PlantRequest => {
    if (req.kind !== 'http') return req;
    const { auth: _old, ...plain } = req;
    const host = urlRegistry(req.url);
    const value = host ? auths[host] : undefined;
    if (!host || value === undefined || !isUsableAuth(value)) return plain;
    if (!index.has(host)) {
      if (credentials.length >= 99) return plain;
      credentials.push(value);
      index.set(host, credentials.length);
    }
    return { ...plain, auth: index.get(host)! };
  });
  return { requests: out, credentials };
}
