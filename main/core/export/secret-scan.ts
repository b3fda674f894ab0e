// The last gate before Git (DESIGN §7): every file about to be committed is scanned for
// things that look like secrets. A hit names the file, the line and the kind — never the
// matched text, so the secret does not end up in a log either. Public material (CA
// certificates, SSH public keys, checksums, host key fingerprints) must pass, and so must
// fields that only name a secret (`secretRef: pull-secret`, `passwordFile: ...`).

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
  test: (line: string) => boolean;
}

const re = (pattern: RegExp) => (line: string) => pattern.test(line);

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

const LINE_RULES: LineRule[] = [
  {
    kind: 'private-key',
    message: 'looks like a private key',
    test: re(/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d|AGE-SECRET-KEY-1[0-9A-Z]{20,}/),
  },
  {
    kind: 'pull-secret',
    message: 'looks like a pull secret (a registry "auths" map)',
    // JSON `"auths": {`, YAML `auths:` opening a map, or the base64 of `{"auths":`.
    test: re(/"auths"\s*:\s*\{|^\s*["']?auths["']?\s*:\s*(?:\{|$)|eyJhdXRocyI6/),
  },
  { kind: 'token', message: 'looks like a GitHub token', test: re(/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/) },
  { kind: 'token', message: 'looks like a GitLab token', test: re(/\bglpat-[A-Za-z0-9_-]{20,}/) },
  { kind: 'token', message: 'looks like an AWS access key', test: re(/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/) },
  { kind: 'token', message: 'looks like a Slack token', test: re(/\bxox[abposr]-[A-Za-z0-9-]{10,}/) },
  { kind: 'token', message: 'looks like an HTTP authorization header', test: re(/\bAuthorization\s*:\s*["']?(?:Bearer|Basic|token)\s+[A-Za-z0-9+/=._~-]{8,}/i) },
  { kind: 'token', message: 'looks like a JSON web token', test: re(/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/) },
  { kind: 'token', message: 'looks like a token', test: re(TOKEN_FIELD) },
  { kind: 'kubeconfig', message: 'looks like a kubeconfig client key', test: re(/\bclient-key-data["']?\s*:\s*["']?[A-Za-z0-9+/=]{16,}/) },
  { kind: 'password', message: 'looks like a password', test: hasPasswordValue },
  {
    kind: 'htpasswd',
    message: 'looks like an htpasswd or shadow entry',
    test: re(/(?:^|[\s"'])[A-Za-z0-9._@-]+:(?:\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}|\$2[abxy]?\$\d\d\$[./0-9A-Za-z]{53}|\{SHA\}[A-Za-z0-9+/]{27}=|\$[156]\$[^\s:$]{1,16}\$[./0-9A-Za-z]{22,86}|\$y\$[./0-9A-Za-z]+\$[./0-9A-Za-z]+\$[./0-9A-Za-z]{20,})/),
  },
  { kind: 'url-credentials', message: 'looks like a URL with a password in it', test: re(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:[^\s/@"']+@/i) },
];

/** A kubeconfig (`kind: Config` with `users:`) with a token in its users. */
function kubeconfigTokenLines(lines: readonly string[]): number[] {
  const text = lines.join('\n');
  const isKubeconfig = /^kind:\s*["']?Config["']?\s*$/m.test(text) || /"kind"\s*:\s*"Config"/.test(text);
  if (!isKubeconfig || !/^users:|"users"\s*:/m.test(text)) return [];
  const hits: number[] = [];
  lines.forEach((line, i) => {
    const match = /^\s*["']?token["']?\s*:\s*["']?([^"'\s,]*)/.exec(line);
    if (match && !isPlaceholder(match[1] ?? '')) hits.push(i + 1);
  });
  return hits;
}

/** Scan one file's text. At most one finding per line (the first rule that matches). */
export function scanText(path: string, text: string): SecretFinding[] {
  const lines = text.split(/\r?\n/);
  const found = new Map<number, SecretFinding>();
  lines.forEach((line, i) => {
    // Raw outputs sit in JSON strings with escaped newlines (inventories): each escaped line
    // is scanned as a line of its own too, so `password: x` inside evidence is still found.
    const parts = line.includes('\\n') ? [line, ...line.split('\\n').map((p) => p.replace(/\\"/g, '"'))] : [line];
    const rule = LINE_RULES.find((r) => parts.some((part) => r.test(part)));
    if (rule) found.set(i + 1, { path, line: i + 1, kind: rule.kind, message: rule.message });
  });
  for (const line of kubeconfigTokenLines(lines)) {
    if (!found.has(line)) found.set(line, { path, line, kind: 'kubeconfig', message: 'looks like a kubeconfig token' });
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
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
