// The agent API token from openshift-install's asset state, `.openshift_install_state.json` in the
// install folder. openshift-install keeps every asset there as one JSON object keyed by the
// asset's Go type (installer pkg/asset/store/store.go, saveStateFile: json.MarshalIndent of
// map[string]json.RawMessage keyed by reflect.TypeOf(asset).String(), 4-space indent, keys
// sorted; commit 977f58cb84387caf085c911fe77a75ae123101b7). The tokens are the fields of the
// `*gencrypto.AuthConfig` asset (pkg/asset/agent/gencrypto/authconfig.go):
//   4.18 and later: PublicKey, AgentAuthToken, UserAuthToken, WatcherAuthToken, AuthTokenExpiry,
//     AuthType (commit a189a7d3ecfb9360cb6811f7e92236a1c9dadf9a, PR #9039). `agent wait-for`
//     sends WatcherAuthToken (pkg/agent/rest.go FindAuthTokenFromAssetStore, commit
//     013f25cacd773a040b1b2f40ff7d211314bbb8b0), the read-only watcher persona — the one taken here.
//   4.17: PublicKey, AgentAuthToken, AgentAuthTokenExpiry, AuthType (commit
//     1264c98ee7f97ed4edfae4dd14c2aec668bfe89d): the one token, AgentAuthToken.
//   4.16 and older: the agent API asks for no token (see install/agent-api.ts); none is taken.
// So the path is `["*gencrypto.AuthConfig"].WatcherAuthToken`, else `.AgentAuthToken`.
//
// The file also holds every private key of the cluster, the kubeadmin password and the pull
// secret, and can be tens of MB (the agent ISO's ignition is in it). It is therefore never
// parsed whole: a byte scan that knows only JSON's structure (strings, escapes, nesting) walks
// the top-level object chunk by chunk — each chunk read asynchronously, so the event loop is free
// between them — and stops as soon as the AuthConfig object is complete. Only that object, a
// few hundred bytes, is parsed. Inside strings, most of the file, it jumps from quote to
// backslash with Buffer.indexOf. Measured on this project's 2-core machine with a 27 MiB state
// file (test/kube/install-folder): readFile + JSON.parse blocked the loop 73–92 ms each time
// (about 0.25 s at 64 MiB); the scan took 1–16 ms in Go's key order and 7–33 ms with the asset
// last, the loop never held longer than a few ms at a time.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { BoundedReadError, describeBytes } from '../fs/read-bounded';

export const INSTALL_STATE_FILE = '.openshift_install_state.json';
export const AUTH_CONFIG_ASSET = '*gencrypto.AuthConfig';
/** Largest state file read (a compact cluster's is a few tens of MB at most). */
export const MAX_INSTALL_STATE_BYTES = 64 * 1024 * 1024;
/** Largest AuthConfig object taken (it is a key and three JWTs: well under 4 KiB). */
const MAX_AUTH_CONFIG_BYTES = 64 * 1024;
/** Largest token accepted (an ES256 JWT with one claim is about 150 bytes). */
const MAX_TOKEN_LENGTH = 8 * 1024;
const CHUNK_BYTES = 256 * 1024;

export type AgentTokenField = 'WatcherAuthToken' | 'AgentAuthToken';

export type AgentTokenLookup =
  | { found: true; token: string; field: AgentTokenField }
  /** Why there is none, in words that follow "<file>: ". */
  | { found: false; reason: string };

/** The state file cannot be used at all (not JSON, cut short, or an AuthConfig of another shape). */
export class InstallStateError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InstallStateError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MAX_KEY_BYTES = 256;

const isJsonSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Finds the object value of one key of a top-level JSON object, fed chunk by chunk. Knows only
 * JSON's structure: strings (with escapes, so a quote inside a value never counts), nesting, and
 * which strings at the top level are keys. Bytes ≥ 0x80 (UTF-8) never look like structure.
 */
export class TopLevelObjectFinder {
  private readonly wanted: Buffer;
  private started = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private expectValue = false;
  private keyParts: Buffer[] | undefined;
  private keyLength = 0;
  private keyStart = 0;
  private lastKeyMatches = false;
  private captureParts: Buffer[] | undefined;
  private captureLength = 0;
  private captureStart = 0;
  private bom = 0;
  /** The value found (its bytes), once complete. */
  value: Buffer | undefined;
  /** The top-level object closed. */
  ended = false;

  constructor(
    key: string,
    private readonly maxValueBytes: number,
  ) {
    this.wanted = Buffer.from(key, 'utf8');
  }

  /** Scans one chunk; true when the value is complete or the top-level object ended. */
  feed(chunk: Buffer): boolean {
    const n = chunk.length;
    let i = 0;
    // A UTF-8 byte order mark at the very start is allowed (not written by Go, but by editors).
    while (!this.started && this.bom < 3 && i < n && chunk[i] === [0xef, 0xbb, 0xbf][this.bom]) {
      this.bom++;
      i++;
    }
    // Where the next quote and backslash of this chunk are (n: none): inside a string, which is
    // most of the file (base64 of keys, certificates, ignition), the scan jumps from one to the
    // next with the native search instead of looking at every byte.
    let nextQuote = -1;
    let nextBackslash = -1;
    const after = (found: number) => (found < 0 ? n : found);
    for (; i < n; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        if (nextQuote < i) nextQuote = after(chunk.indexOf(QUOTE, i));
        if (nextBackslash < i) nextBackslash = after(chunk.indexOf(BACKSLASH, i));
        i = Math.min(nextQuote, nextBackslash);
        if (i >= n) break;
        if (i === nextBackslash) this.escaped = true;
        else {
          this.inString = false;
          if (this.keyParts) this.endKey(chunk, i);
        }
        continue;
      }
      const b = chunk[i]!;
      switch (b) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.expectKey) {
            this.expectKey = false;
            this.keyParts = [];
            this.keyLength = 0;
            this.keyStart = i + 1;
          } else if (this.depth === 1 && this.expectValue) {
            this.expectValue = false;
            if (this.lastKeyMatches) throw new Error('the asset is not an object');
          }
          break;
        case LBRACE:
        case LBRACKET:
          if (!this.started) {
            if (b !== LBRACE) throw new Error('the file is JSON but not an object');
            this.started = true;
            this.depth = 1;
            this.expectKey = true;
            break;
          }
          if (this.depth === 1 && this.expectValue) {
            this.expectValue = false;
            if (this.lastKeyMatches) {
              if (b !== LBRACE) throw new Error('the asset is not an object');
              this.captureParts = [];
              this.captureLength = 0;
              this.captureStart = i;
            }
          }
          this.depth++;
          break;
        case RBRACE:
        case RBRACKET:
          this.depth--;
          if (this.depth < 0 || !this.started) throw new Error('the file is not JSON');
          if (this.captureParts && this.depth === 1) {
            this.take(chunk.subarray(this.captureStart, i + 1));
            this.value = Buffer.concat(this.captureParts);
            this.captureParts = undefined;
            return true;
          }
          if (this.depth === 0) {
            this.ended = true;
            return true;
          }
          break;
        case COLON:
          if (this.depth === 1) this.expectValue = true;
          break;
        case COMMA:
          if (this.depth === 1) this.expectKey = true;
          break;
        default:
          if (isJsonSpace(b)) break;
          if (!this.started) throw new Error('the file is not JSON');
          // A number, true, false or null as a top-level value.
          if (this.depth === 1 && this.expectValue) {
            this.expectValue = false;
            if (this.lastKeyMatches) throw new Error('the asset is not an object');
          }
      }
    }
    if (this.inString && this.keyParts) {
      this.keyPart(chunk.subarray(this.keyStart));
      this.keyStart = 0;
    }
    if (this.captureParts) {
      this.take(chunk.subarray(this.captureStart));
      this.captureStart = 0;
    }
    return false;
  }

  private keyPart(part: Buffer): void {
    this.keyLength += part.length;
    if (this.keyLength <= MAX_KEY_BYTES) this.keyParts!.push(part);
  }

  private endKey(chunk: Buffer, end: number): void {
    this.keyPart(chunk.subarray(this.keyStart, end));
    const raw = this.keyLength <= MAX_KEY_BYTES ? Buffer.concat(this.keyParts!) : undefined;
    this.keyParts = undefined;
    let key = raw;
    // Go writes these keys without escapes; an escaped spelling means the same key.
    if (raw && raw.includes(BACKSLASH)) {
      try {
        key = Buffer.from(JSON.parse(`"${raw.toString('utf8')}"`) as string, 'utf8');
      } catch {
        key = undefined;
      }
    }
    this.lastKeyMatches = key !== undefined && key.equals(this.wanted);
  }

  private take(part: Buffer): void {
    this.captureLength += part.length;
    if (this.captureLength > this.maxValueBytes) throw new Error(`the asset is larger than ${describeBytes(this.maxValueBytes)}`);
    this.captureParts!.push(Buffer.from(part));
  }
}

/** `errno` → the same words every other bounded read uses. */
function fileError(file: string, error: unknown): BoundedReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new BoundedReadError(file, 'not-found', 'no such file', code);
  if (code === 'EACCES' || code === 'EPERM') return new BoundedReadError(file, 'permission', 'permission denied', code);
  if (code === 'EISDIR') return new BoundedReadError(file, 'folder', 'it is a folder, not a file', code);
  return new BoundedReadError(file, 'io', (error as Error)?.message ?? String(error), code);
}

/**
 * The object stored under `key` at the top level of a JSON file, parsed; undefined when the key
 * is not there. Reads a regular file of at most `maxBytes`, chunk by chunk, stopping as soon as
 * the value is complete. Throws BoundedReadError (file problems) or InstallStateError.
 */
export async function readTopLevelObject(
  file: string,
  key: string,
  options: { maxBytes?: number; maxValueBytes?: number; signal?: AbortSignal } = {},
): Promise<Record<string, unknown> | undefined> {
  const maxBytes = options.maxBytes ?? MAX_INSTALL_STATE_BYTES;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: a FIFO must not make this wait for a writer (it is refused below).
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    const info = await handle.stat().catch((error: unknown) => {
      throw fileError(file, error);
    });
    if (info.isDirectory()) throw new BoundedReadError(file, 'folder', 'it is a folder, not a file');
    if (!info.isFile()) throw new BoundedReadError(file, 'not-regular', 'it is not a regular file (a device, pipe or socket)');
    const tooLarge = () =>
      new BoundedReadError(file, 'too-large', `it is larger than the ${describeBytes(maxBytes)} an install state file may have`);
    if (info.size > maxBytes) throw tooLarge();
    const finder = new TopLevelObjectFinder(key, options.maxValueBytes ?? MAX_AUTH_CONFIG_BYTES);
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null).catch((error: unknown) => {
        throw fileError(file, error);
      });
      if (bytesRead === 0) break;
      total += bytesRead;
      // The size on disk is not trusted: the file may grow while it is read.
      if (total > maxBytes) throw tooLarge();
      let done: boolean;
      try {
        done = finder.feed(buffer.subarray(0, bytesRead));
      } catch (error) {
        throw new InstallStateError(file, (error as Error).message);
      }
      if (done) break;
    }
    if (finder.value) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(finder.value.toString('utf8'));
      } catch {
        throw new InstallStateError(file, `its ${key} entry is not valid JSON`);
      }
      return parsed as Record<string, unknown>;
    }
    if (!finder.ended) throw new InstallStateError(file, total === 0 ? 'the file is empty' : 'the file ends before its JSON does (cut short while copying?)');
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A compact JWT (three base64url parts), the form openshift-install's tokens have. */
const JWT = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}$/;

/**
 * The token `openshift-install agent wait-for` sends, from the AuthConfig asset: WatcherAuthToken
 * (4.18+), else AgentAuthToken (4.17). A token that has expired (the add-nodes workflow sets
 * AuthTokenExpiry / AgentAuthTokenExpiry) or is not a JWT is not taken.
 */
export function agentTokenOf(authConfig: Record<string, unknown> | undefined, now: Date = new Date()): AgentTokenLookup {
  if (!authConfig) {
    return {
      found: false,
      reason:
        `it has no ${AUTH_CONFIG_ASSET} entry: openshift-install 4.16 and older make no agent API token (the agent API then asks for none); ` +
        'for 4.17 and later choose the folder `openshift-install agent create image` ran in',
    };
  }
  for (const field of ['WatcherAuthToken', 'AgentAuthToken'] as const) {
    const value = authConfig[field];
    if (typeof value !== 'string' || value === '') continue;
    const token = value.trim();
    if (token.length > MAX_TOKEN_LENGTH || !JWT.test(token)) {
      return { found: false, reason: `its ${AUTH_CONFIG_ASSET} ${field} is not a token in the form openshift-install writes (a JWT)` };
    }
    const expiry = authConfig.AuthTokenExpiry ?? authConfig.AgentAuthTokenExpiry;
    if (typeof expiry === 'string' && expiry !== '' && Number.isFinite(Date.parse(expiry)) && Date.parse(expiry) <= now.getTime()) {
      return { found: false, reason: `its ${field} expired at ${expiry} (an add-nodes token lives 48 hours): make the ISO again` };
    }
    return { found: true, token, field };
  }
  return {
    found: false,
    reason: `its ${AUTH_CONFIG_ASSET} entry has no WatcherAuthToken or AgentAuthToken: the ISO was made by an openshift-install whose agent API asks for no token (4.16 and older)`,
  };
}

/** The agent API token of an install state file (see the header); file problems are thrown. */
export async function readAgentToken(file: string, options: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<AgentTokenLookup> {
  const authConfig = await readTopLevelObject(file, AUTH_CONFIG_ASSET, options);
  if (authConfig !== undefined && (authConfig === null || typeof authConfig !== 'object' || Array.isArray(authConfig))) {
    throw new InstallStateError(file, `its ${AUTH_CONFIG_ASSET} entry is not an object`);
  }
  return agentTokenOf(authConfig);
}
