// Where a stored secret may be sent. A secret that leaves this computer is bound to the places
// the technician meant it for, so a crafted site.yaml cannot send it elsewhere:
// - the Git token ('git-token') to one origin: scheme, host and port of the sites server
//   (`https://git.example.com`), set when it is stored with the repository address in the field,
//   or on its first use after asking;
// - the Argo CD read password ('gitops-repo-password') to one origin too: the Git server of the
//   plan's gitops.repoURL, set when the GitOps step stores it, or when the technician confirms
//   writing it into the Argo CD repository Secret for the plan's repository (Argo CD then sends
//   it there);
// - the SSH password ('ssh-password') to the nodes it was used for: address, port and pinned host
//   key (`10.0.0.5:22 SHA256:…`), added when the technician accepts a node's key or confirms;
// - the admin kubeconfig ('kubeconfig') to the origin of the API server it names
//   (`https://api.acp.plant-a.example.com:6443`), set when cluster.connect imports it. It is used
//   only for a site whose planned API is that server, over TLS verified against the pinned CA.
// The binding is kept in the same store as the secret, as a companion entry `<name>.bound-to`
// (JSON `{ "version": 1, "to": [...] }`), so the safeStorage store and the 0600 file store keep
// it alike. It is not secret, but it is only ever written through this module, and storing a new
// value always clears it first: a new token is bound to nothing until told. A secret stored
// before bindings existed has no companion: it is unbound, and its first use asks.
import { parse as legacyParse } from 'node:url';
import type { SecretStore } from './secret-store';

export const BINDING_SUFFIX = '.bound-to';
/** Targets kept per secret (the SSH password of a big site: every node); the oldest go first. */
export const MAX_BOUND_TARGETS = 64;

/** Secrets that go to a Git server over https and are bound to its origin (see above). */
export const ORIGIN_BOUND_SECRETS: readonly string[] = ['git-token', 'gitops-repo-password'];

/** Secrets bound to the API server they are for (see above); stored by cluster.connect, not secrets.set's boundTo. */
export const API_SERVER_BOUND_SECRETS: readonly string[] = ['kubeconfig'];

export const bindingName = (name: string): string => `${name}${BINDING_SUFFIX}`;
export const isBindingName = (name: string): boolean => name.endsWith(BINDING_SUFFIX);

/** Where `name` may be sent; undefined when nothing was recorded (or the record is unreadable). */
export async function readBinding(store: SecretStore, name: string): Promise<string[] | undefined> {
  const raw = await store.get(bindingName(name));
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as { version?: unknown; to?: unknown };
    if (parsed.version === 1 && Array.isArray(parsed.to) && parsed.to.every((t) => typeof t === 'string')) return parsed.to as string[];
  } catch {
    // an unreadable record binds nothing: the next use asks
  }
  return undefined;
}

export async function writeBinding(store: SecretStore, name: string, to: readonly string[]): Promise<void> {
  const unique = [...new Set(to)].slice(-MAX_BOUND_TARGETS);
  await store.set(bindingName(name), JSON.stringify({ version: 1, to: unique }));
}

/** Adds targets to what `name` is bound to (keeps the others). */
export async function addToBinding(store: SecretStore, name: string, targets: readonly string[]): Promise<void> {
  if (targets.length === 0) return;
  const bound = (await readBinding(store, name)) ?? [];
  if (targets.every((t) => bound.includes(t))) return;
  await writeBinding(store, name, [...bound.filter((t) => !targets.includes(t)), ...targets]);
}

/**
 * Stores a secret with what it is bound to (nothing: unbound). The old binding goes first, so
 * a failure half-way leaves the secret unbound (asked about), never bound to the old place.
 */
export async function storeSecret(store: SecretStore, name: string, value: string, boundTo?: readonly string[]): Promise<void> {
  await store.delete(bindingName(name));
  await store.set(name, value);
  if (boundTo?.length) await writeBinding(store, name, boundTo);
}

/** Forgets a secret and its binding; true when the secret was stored. */
export async function deleteSecret(store: SecretStore, name: string): Promise<boolean> {
  const had = await store.delete(name);
  await store.delete(bindingName(name));
  return had;
}

/** The bindings of the stored secrets, by name (for secrets.status). */
export async function bindingsOf(store: SecretStore, names: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    if (isBindingName(name) || !names.includes(bindingName(name))) continue;
    // A store that cannot decrypt now (no key ring yet) still answers which secrets it has.
    const to = await readBinding(store, name).catch(() => undefined);
    if (to?.length) out[name] = to;
  }
  return out;
}

/**
 * `scheme://host[:port]` of an http(s) URL — the WHATWG origin (lower-case host, default port
 * left out) — or undefined for anything else (a folder, file://, ssh). Also undefined when
 * Node's legacy parser, which the Git client's HTTP library uses for the request, would see
 * another host: a token is then not handed out at all.
 */
export function httpOrigin(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password) return undefined;
  try {
    // On purpose the deprecated parser: simple-get (isomorphic-git's HTTP in Node) uses it.
    const legacy = legacyParse(url);
    const legacyHost = (legacy.hostname ?? '').toLowerCase().replace(/^\[|\]$/g, '');
    if (legacyHost !== parsed.hostname.replace(/^\[|\]$/g, '') || legacy.auth) return undefined;
  } catch {
    return undefined;
  }
  return parsed.origin;
}

/** An origin as people read it: `git.example.com`, `git.example.com:8443`, `http://127.0.0.1:3000`. */
export function originLabel(origin: string): string {
  return origin.startsWith('https://') ? origin.slice('https://'.length) : origin;
}

/** `host:port SHA256:…`: where the SSH password may go (a node's address and its host key). */
export function sshTarget(host: string, port: number, fingerprint: string): string {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return `${h.includes(':') ? `[${h}]` : h}:${port} ${fingerprint}`;
}
