// The gate before anything leaves the laptop (DESIGN §7): every file of a bundle — at generate
// time and again at export, where it is about to be committed — is scanned for things that look
// like secrets. A hit names the file, the line and the kind — never the matched text, so the
// secret does not end up in a log either. Public material (CA certificates, SSH public keys,
// checksums, host key fingerprints) must pass, and so must fields that only name a secret
// (`secretRef: pull-secret`, `passwordFile: ...`).
//
// A secret does not always sit on one line in its usual shape, so each line is also looked at
// as the lines inside a JSON string (escaped \n), as the text of a comment (`# password: x`),
// with HTML entities undone (report.html), and the whole file once more:
// - with the whitespace and comment marks between lines removed (a pull secret folded over
//   several lines, in a block scalar or pretty-printed JSON);
// - as runs of base64 lines decoded (a private-key body without its BEGIN line, the base64 of
//   a PEM key or of a docker config, wrapped over several lines);
// - as a kubeconfig, wherever it is (also indented in a block scalar or commented out).

export interface SecretFinding {
  /** Path of the file as it would be committed, e.g. `sites/plant-a/inventory/acp-1.json`. */
  path: string;
  /** 1-based line of the hit. */
  line: number;
  kind: SecretKind;
  /** Plain words, without the secret: "looks like a private key". */
  message: string;
}

export type SecretKind = 'private-key' | 'pull-secret' | 'token' | 'password' | 'kubeconfig' | 'htpasswd' | 'url-credentials';

interface LineRule {
  kind: SecretKind;
  message: string;
  /** `comment`: the text is the body of a comment (prose is likelier there). */
  test: (text: string, comment: boolean) => boolean;
}

const re = (pattern: RegExp) => (text: string) => pattern.test(text);

/** Values that are not a secret although a password-like key holds them. */
function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/,$/, '').trim();
  if (v === '' || v === '""' || v === "''" || v === '~' || v === 'null' || v === '{}' || v === '[]') return true;
  if (v === '--' || /^["']?\*+["']?$/.test(v)) return true; // nmcli's "not set", a masked value
  if (v.startsWith('#')) return true; // only a comment after the key
  if (/^[|>][-+]?$/.test(v)) return false; // a block scalar: the value is on the next lines
  if (/^\{.*secretRef/i.test(v) || /^\{.*(valueFrom|secretKeyRef)/i.test(v)) return true; // a reference, not a value
  if (/^["']?(\$\{[A-Za-z_][A-Za-z0-9_]*\}|\{\{[^}]*\}\}|<[^>]*>)["']?$/.test(v)) return true; // a template placeholder
  return false;
}

/** Keys that hold a password value itself (not `passwordFile`, `passwordSecretRef`, `PasswordAuthentication`). */
const PASSWORD_KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|passphrase)|pass|pwd`;
const YAML_PASSWORD = new RegExp(String.raw`^\s*(?:-\s+)?["']?(?:${PASSWORD_KEY})["']?\s*:(?:\s+(.*))?$`, 'i');
const JSON_PASSWORD = new RegExp(String.raw`"(?:${PASSWORD_KEY})"\s*:\s*"((?:[^"\\]|\\.)*)"`, 'gi');

function hasPasswordValue(line: string): boolean {
  for (const match of line.matchAll(JSON_PASSWORD)) if ((match[1] ?? '') !== '') return true;
  if (line.trimStart().startsWith('"')) return false; // JSON: handled above
  const yaml = YAML_PASSWORD.exec(line);
  if (!yaml) return false;
  return !isPlaceholder(yaml[1] ?? '');
}

/** `"token": "<long value>"` or `token: <long value>`; short or empty values are names or placeholders. */
const TOKEN_FIELD = /(?:^|[\s{,"'])["']?[A-Za-z0-9_-]*(?:token|secret|api[_-]?key|access[_-]?key|secret[_-]?key)["']?\s*[:=]\s*["']?([A-Za-z0-9+/=._~-]{20,})["']?\s*,?\s*$/i;

/**
 * `password: x`, `token: x` anywhere in a line — in a comment (`# BMC password: Calvin-2024`),
 * in prose kept as a value (`location: "rack 3, root password: hunter22"`), after `--password=`.
 * Prose is told from a value by the value's shape: one word, not a stop word, the last word
 * of the line or mixing letters with digits or symbols.
 */
const CREDENTIAL_KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|passphrase|token)|pass|pwd`;
const EMBEDDED_CREDENTIAL = new RegExp(String.raw`(?:^|[\s,;({\[])["']?(${CREDENTIAL_KEY})["']?\s*[:=]\s*(?=(.*)$)`, 'gi');
const NOT_A_VALUE = new Set(
  (
    'required optional none null nil unset empty hidden redacted masked secret omitted n/a na todo tbd unknown yes no true false ' +
    'enabled disabled on off set not see is was are the a an in from stored here below above same never always prompted ask asked ' +
    'given missing default changed unchanged sent used needed expired invalid wrong'
  ).split(' '),
);

/** How many of: lower case, upper case, digit, symbol. */
function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
}

function hasEmbeddedCredential(text: string, want: 'password' | 'token'): boolean {
  for (const match of text.matchAll(EMBEDDED_CREDENTIAL)) {
    const key = (match[1] ?? '').toLowerCase();
    if (key.endsWith('token') !== (want === 'token')) continue;
    const value = /^(["'`]?)([^\s"'`,;<>)\]}\\]+)\1?(.*)$/.exec(match[2] ?? '');
    if (!value) continue;
    const word = value[2] ?? '';
    const after = value[3] ?? '';
    if (word.length < 4 || isPlaceholder(word) || NOT_A_VALUE.has(word.toLowerCase())) continue;
    if (/^(.)\1*$/.test(word) || /^[|>][-+]?$/.test(word) || /^(?:\$|\{\{|%|\/|\.\/|~\/)/.test(word)) continue; // xxxx, block scalar, variable, path
    if (/^(?:\d+|0x[0-9a-f]+)$/i.test(word)) continue; // a number (dmidecode's `Change Token: 0x00000001`)
    if (want === 'token') {
      if (word.length >= 8 && characterClasses(word) >= 2) return true;
      continue;
    }
    const last = /^[\s.,;:!?)\]}"'`]*$/.test(after);
    if (last || characterClasses(word) >= 2) return true;
  }
  return false;
}

/** A docker config `auth`: the base64 of `user:password`. */
function isRegistryAuth(value: string): boolean {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return /^[\x21-\x39\x3b-\x7e]+:[\x20-\x7e]+$/.test(Buffer.from(value, 'base64').toString('latin1'));
}

const AUTH_FIELD = /(?:^|[\s,;({[])["']?auth["']?\s*[:=]\s*["']?([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gi;
const hasRegistryAuth = (text: string) => [...text.matchAll(AUTH_FIELD)].some((m) => isRegistryAuth(m[1] ?? ''));

/** Tokens known by their prefix (the services' own documented formats). */
const PREFIXED_TOKENS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/],
  ['a GitLab token', /\b(?:glpat|gldt|glrt|gloas|glptt|glsoat|glft|glimt|glagent|glcbt|glffct|glwt)-[A-Za-z0-9_-]{20,}|\bGR1348941[A-Za-z0-9_-]{20,}/],
  ['an AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a Slack token', /\bxox(?:[abposr]|e(?:\.xox[bp])?)-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/],
  ['a Google OAuth secret or token', /\bGOCSPX-[0-9A-Za-z_-]{28}|\bya29\.[0-9A-Za-z_-]{20,}|(?:^|[^0-9A-Za-z])1\/\/0[0-9A-Za-z_-]{40,}/],
  ['an Azure secret', /\bAccountKey=[A-Za-z0-9+/]{80,}={0,2}|(?:^|[^A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/],
  ['an OpenShift access token', /\bsha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/],
  ['a HashiCorp Vault or Terraform token', /\bhv[sbr]\.[A-Za-z0-9_-]{24,}|\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,}/],
  ['a Docker Hub token', /\bdckr_pat_[A-Za-z0-9_-]{20,}/],
  ['an npm or PyPI token', /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])|\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/],
  ['an OpenAI, Anthropic or Hugging Face key', /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}|\bsk-proj-[A-Za-z0-9_-]{40,}|\bsk-ant-[a-z]+\d{2}-[A-Za-z0-9_-]{40,}|\bhf_[A-Za-z]{34}(?![A-Za-z])/],
  ['a Stripe, SendGrid, Shopify or DigitalOcean key', /\b[rs]k_live_[0-9A-Za-z]{20,}|\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|\bdo[opr]_v1_[a-f0-9]{64}/],
];

const LINE_RULES: LineRule[] = [
  {
    kind: 'private-key',
    message: 'looks like a private key',
    // The BEGIN line, or the END line of a key whose BEGIN was cut off; PuTTY and age keys.
    test: re(/-----(?:BEGIN|END) (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d|^\s*Private-(?:Lines|MAC):\s*\w|AGE-SECRET-KEY-1[0-9A-Z]{20,}/),
  },
  {
    kind: 'pull-secret',
    message: 'looks like a pull secret (a registry "auths" map)',
    // JSON `"auths": {`, YAML `auths:` opening a map, the base64 of `{"auths":`, a docker config in a Secret.
    test: re(/"auths"\s*:\s*\{|^\s*["']?auths["']?\s*:\s*(?:\{|$)|eyJhdXRocyI6|\.docker(?:configjson|cfg)["']?\s*:\s*["']?[A-Za-z0-9+/=]{16,}/),
  },
  ...PREFIXED_TOKENS.map(([what, pattern]): LineRule => ({ kind: 'token', message: `looks like ${what}`, test: re(pattern) })),
  { kind: 'token', message: 'looks like an HTTP authorization header', test: re(/\bAuthorization\s*:\s*["']?(?:Bearer|Basic|token)\s+[A-Za-z0-9+/=._~-]{8,}/i) },
  { kind: 'token', message: 'looks like a JSON web token', test: re(/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/) },
  { kind: 'token', message: 'looks like a token', test: re(TOKEN_FIELD) },
  { kind: 'kubeconfig', message: 'looks like a kubeconfig client key', test: re(/\bclient-key-data["']?\s*:\s*["']?[A-Za-z0-9+/=]{16,}/) },
  { kind: 'pull-secret', message: 'looks like a registry login (the base64 of user:password, as in a pull secret)', test: hasRegistryAuth },
  // Not in a comment: `# password: see the secret store` is prose; the rule below judges comments.
  { kind: 'password', message: 'looks like a password', test: (text, comment) => !comment && hasPasswordValue(text) },
  {
    kind: 'htpasswd',
    message: 'looks like an htpasswd or shadow entry',
    test: re(/(?:^|[\s"'])[A-Za-z0-9._@-]+:(?:\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}|\$2[abxy]?\$\d\d\$[./0-9A-Za-z]{53}|\{SHA\}[A-Za-z0-9+/]{27}=|\$[156]\$[^\s:$]{1,16}\$[./0-9A-Za-z]{22,86}|\$y\$[./0-9A-Za-z]+\$[./0-9A-Za-z]+\$[./0-9A-Za-z]{20,})/),
  },
  { kind: 'url-credentials', message: 'looks like a URL with a password in it', test: re(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:[^\s/@"']+@/i) },
  { kind: 'password', message: 'looks like a password written in a comment or in text', test: (text) => hasEmbeddedCredential(text, 'password') },
  { kind: 'token', message: 'looks like a token written in a comment or in text', test: (text) => hasEmbeddedCredential(text, 'token') },
];

// ---------------------------------------------------------------------------------------
// The shapes of one line
// ---------------------------------------------------------------------------------------

interface View {
  text: string;
  comment: boolean;
}

const unescapeJson = (text: string) => text.replace(/\\(["\\/])/g, '$1').replace(/\\t/g, '\t');

const HTML_ENTITIES: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', nbsp: ' ' };
const LOOKS_HTML = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);|<\/?[a-z][^>]*>/i;

/** Tags become spaces, entities their characters (report.html escapes every value). */
function fromHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:([a-z]+)|#(\d+)|#x([0-9a-f]+));/gi, (whole, name?: string, dec?: string, hex?: string) => {
      if (name) return HTML_ENTITIES[name.toLowerCase()] ?? whole;
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    });
}

/** The code and the comment of a line: `# x` (also `//`), or `value  # x` after a space. */
function splitComment(text: string): { code: string; comment: string } | undefined {
  const whole = /^\s*(?:#+|\/\/+)\s?(.*)$/.exec(text);
  if (whole) return { code: '', comment: whole[1] ?? '' };
  const at = text.search(/\s#/);
  if (at < 0) return undefined;
  return { code: text.slice(0, at), comment: text.slice(at + 1).replace(/^#+\s?/, '') };
}

/** The texts of one physical line: itself, the lines of a JSON string in it, HTML undone. */
function textsOf(line: string): string[] {
  const texts = [line];
  // Raw outputs sit in JSON strings with escaped newlines (inventories): each escaped line is
  // a line of its own too, so `password: x` inside evidence is still found.
  if (line.includes('\\n')) texts.push(...line.split('\\n').map(unescapeJson));
  else if (line.includes('\\"')) texts.push(unescapeJson(line));
  if (LOOKS_HTML.test(line)) texts.push(fromHtml(line));
  return texts;
}

function viewsOf(line: string): View[] {
  const views: View[] = [];
  for (const text of textsOf(line)) {
    views.push({ text, comment: false });
    const split = splitComment(text);
    if (!split) continue;
    if (split.code.trim() !== '') views.push({ text: split.code, comment: false });
    views.push({ text: split.comment, comment: true });
  }
  return views;
}

function lineFinding(line: string): LineRule | undefined {
  const views = viewsOf(line);
  return LINE_RULES.find((rule) => views.some((v) => rule.test(v.text, v.comment)));
}

// ---------------------------------------------------------------------------------------
// Across lines
// ---------------------------------------------------------------------------------------

/** A logical line: a physical one, or one line of a JSON string in it; comment mark removed. */
interface Piece {
  line: number;
  text: string;
}

function piecesOf(lines: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  lines.forEach((raw, i) => {
    const line = LOOKS_HTML.test(raw) ? fromHtml(raw) : raw;
    const parts = line.includes('\\n') ? line.split('\\n').map(unescapeJson) : [line.includes('\\"') ? unescapeJson(line) : line];
    for (const part of parts) pieces.push({ line: i + 1, text: part.replace(/^\s*(?:#+|\/\/+)/, '') });
  });
  return pieces;
}

interface Hit {
  line: number;
  kind: SecretKind;
  message: string;
}

/** A kubeconfig (`kind: Config` with `users:`), also indented or commented out, with a token in its users. */
function kubeconfigHits(pieces: readonly Piece[]): Hit[] {
  const isKubeconfig = pieces.some((p) => /^\s*["']?kind["']?\s*:\s*["']?Config["']?\s*,?\s*$/.test(p.text));
  const users = pieces.findIndex((p) => /^\s*(?:users:|"users"\s*:)/.test(p.text));
  if (!isKubeconfig || users < 0) return [];
  return pieces
    .slice(users)
    .filter((p) => {
      const match = /^\s*(?:-\s+)?["']?[A-Za-z-]*token["']?\s*:\s*["']?([^"'\s,]*)/.exec(p.text);
      return match !== null && !isPlaceholder(match[1] ?? '');
    })
    .map((p) => ({ line: p.line, kind: 'kubeconfig', message: 'looks like a kubeconfig token' }));
}

/**
 * The file with all whitespace and comment marks between lines removed: a pull secret folded
 * over lines (`{\n  "auths"\n  : {`), an `auth` or a client key on the line after its key.
 */
function foldedHits(pieces: readonly Piece[]): Hit[] {
  const starts: number[] = [];
  let folded = '';
  for (const piece of pieces) {
    starts.push(folded.length);
    folded += piece.text.replace(/\s+/g, '');
  }
  /** The piece an offset of `folded` falls in (empty pieces share their start with the next). */
  const pieceAt = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const hits: Hit[] = [];
  const hit = (offset: number, kind: SecretKind, message: string) => hits.push({ line: pieces[pieceAt(offset)]?.line ?? 1, kind, message });

  for (const m of folded.matchAll(/["']auths["']:\{/g)) hit(m.index, 'pull-secret', 'looks like a pull secret (a registry "auths" map, over several lines)');
  for (const m of folded.matchAll(/-----(?:BEGIN|END)(?:[A-Z0-9]+)?PRIVATEKEY(?:BLOCK)?-----/g)) hit(m.index, 'private-key', 'looks like a private key');
  for (const m of folded.matchAll(/client-key-data["']?:[|>+-]*["']?[A-Za-z0-9+/]{16,}/g)) hit(m.index, 'kubeconfig', 'looks like a kubeconfig client key');
  for (const m of folded.matchAll(/\.docker(?:configjson|cfg)["']?:[|>+-]*["']?[A-Za-z0-9+/]{16,}/g)) hit(m.index, 'pull-secret', 'looks like a pull secret (a docker config in a Secret)');
  // `auth`: its value ends where a piece ends or at a quote; try each end.
  for (const m of folded.matchAll(/(?:^|[^A-Za-z0-9_-])["']?auth["']?:[|>+-]*["']?([A-Za-z0-9+/]{8,}={0,2})/g)) {
    const value = m[1] ?? '';
    const valueStart = m.index + m[0].length - value.length;
    const ends = [value.length, ...starts.map((s) => s - valueStart).filter((end) => end >= 8 && end < value.length)];
    if (ends.some((end) => isRegistryAuth(value.slice(0, end)))) {
      hit(valueStart, 'pull-secret', 'looks like a registry login (the base64 of user:password, as in a pull secret)');
    }
  }
  return hits;
}

// A private key in DER (PKCS#1, SEC1, PKCS#8, PKCS#12): SEQUENCE { INTEGER 0|1|3, INTEGER |
// SEQUENCE | OCTET STRING … }. Certificates, CSRs and public keys start SEQUENCE { SEQUENCE …}
// or SEQUENCE { INTEGER <big> }. An encrypted PKCS#8 key: SEQUENCE { SEQUENCE { OID PBES2 … }}.
const PKCS5_OID = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05]);
const PKCS12_PBE_OID = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01]);

function isDerPrivateKey(der: Buffer): boolean {
  if (der.length < 16 || der[0] !== 0x30) return false;
  const length = der[1] ?? 0;
  const at = length < 0x80 ? 2 : length >= 0x81 && length <= 0x83 ? 2 + (length - 0x80) : -1;
  if (at < 0) return false;
  if (der[at] === 0x02 && der[at + 1] === 0x01 && [0x00, 0x01, 0x03].includes(der[at + 2] ?? -1)) {
    return [0x02, 0x30, 0x04].includes(der[at + 3] ?? -1);
  }
  if (der[at] === 0x30) {
    const head = der.subarray(at, at + 24);
    return head.includes(PKCS5_OID) || head.includes(PKCS12_PBE_OID);
  }
  return false;
}

const BASE64_TOKEN = /[A-Za-z0-9+/]{16,}={0,2}/g;
const PURE_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_DECODED_RUN = 64 * 1024;
/** A key body is at least this long (an Ed25519 PKCS#8 key: 64 characters). */
const MIN_KEY_BODY = 60;

function isMostlyText(bytes: Buffer): boolean {
  if (bytes.length < 12) return false;
  let text = 0;
  for (const b of bytes) if (b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f)) text++;
  return text >= bytes.length * 0.95;
}

/** What a base64 run decodes to, when that is a secret: a key body, or text with a secret in it. */
function decodedSecret(run: string): Omit<Hit, 'line'> | undefined {
  const usable = run.slice(0, Math.min(run.length, MAX_DECODED_RUN));
  const bytes = Buffer.from(usable.slice(0, usable.length - (usable.length % 4)), 'base64');
  if (run.length >= MIN_KEY_BODY && (isDerPrivateKey(bytes) || bytes.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0')) {
    return { kind: 'private-key', message: 'looks like the base64 body of a private key (without its BEGIN line)' };
  }
  if (!isMostlyText(bytes)) return undefined;
  const [inner] = scanLines(bytes.toString('utf8').split(/\r?\n/), false);
  return inner ? { kind: inner.kind, message: `${inner.message}, base64-encoded` } : undefined;
}

/**
 * Base64 runs: a token of a line, continued by the lines after it that are base64 only (a PEM
 * body, a wrapped `.dockerconfigjson`, a key body in a JSON string), decoded.
 */
function encodedHits(pieces: readonly Piece[]): Hit[] {
  const hits: Hit[] = [];
  const norm = pieces.map((p) => p.text.trim().replace(/^["'`]+/, '').replace(/["'`,;\\]+$/, ''));
  let continued = -1; // pieces up to here were the continuation of an earlier run
  for (let k = 0; k < pieces.length; k++) {
    if (k <= continued) continue;
    const text = norm[k] ?? '';
    for (const token of text.matchAll(BASE64_TOKEN)) {
      let run = token[0];
      if (token.index + run.length === text.length) {
        let j = k + 1;
        for (; j < pieces.length && PURE_BASE64.test(norm[j] ?? ''); j++) if (run.length < MAX_DECODED_RUN) run += norm[j];
        continued = j - 1;
      }
      const secret = decodedSecret(run);
      if (secret) {
        hits.push({ line: pieces[k]!.line, ...secret });
        break;
      }
    }
  }
  return hits;
}

/** The findings of a file's lines; `decode`: also decode base64 runs (not inside decoded text). */
function scanLines(lines: readonly string[], decode: boolean): Hit[] {
  const found = new Map<number, Hit>();
  const add = (hit: Hit) => {
    if (!found.has(hit.line)) found.set(hit.line, hit);
  };
  const pieces = piecesOf(lines);
  for (const hit of kubeconfigHits(pieces)) add(hit);
  lines.forEach((line, i) => {
    const rule = lineFinding(line);
    if (rule) add({ line: i + 1, kind: rule.kind, message: rule.message });
  });
  for (const hit of foldedHits(pieces)) add(hit);
  if (decode) for (const hit of encodedHits(pieces)) add(hit);
  return [...found.values()].sort((a, b) => a.line - b.line);
}

/** Scan one file's text. At most one finding per line (the first rule that matches). */
export function scanText(path: string, text: string): SecretFinding[] {
  return scanLines(text.split(/\r?\n/), true).map((hit) => ({ path, ...hit }));
}

export interface ScannedFile {
  path: string;
  content: string | Uint8Array;
}

/** Scan files; binary content is scanned as Latin-1 so byte patterns still match. */
export function scanFiles(files: readonly ScannedFile[]): SecretFinding[] {
  return files.flatMap((f) => scanText(f.path, typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('latin1')));
}

export function formatSecretFinding(f: SecretFinding): string {
  return `${f.path}:${f.line}: ${f.message}`;
}
