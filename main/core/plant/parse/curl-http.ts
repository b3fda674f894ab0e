// The plant-http job: `curl -sS -k -D - -o /dev/null --max-time 10 …` header dumps, each attempt
// followed by the script's marker line `SITEKIT-HTTP code=<n> time=<s> auth=<none|basic|bearer>`
// (a Bearer challenge gives a second attempt with a token). The LAST attempt counts; the
// challenge scheme is the last WWW-Authenticate seen, so a successful token round still says
// "bearer". `-k` is fine: TLS trust is judged from the s_client chain on the laptop.
import type { HttpResult } from '../types';
import { stoppedByTimeout, textLines, toolMissing, type WithoutRequestId } from './result';

const MARKER = /^SITEKIT-HTTP code=(\d{3}) time=([0-9.]+) auth=(none|basic|bearer)\s*$/;
// The script's token round before a bearer attempt: whether the token was fetched with credentials.
const TOKEN_MARKER = /^SITEKIT-TOKEN code=(\d{3}) auth=(none|basic)\b/;
const STATUS_LINE = /^HTTP\/[0-9.]+\s+(\d{3})\b/;
const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.*)$/;

interface Response {
  code: number;
  headers: Map<string, string>;
}

interface Attempt {
  responses: Response[];
  code?: number;
  seconds?: number;
  auth?: string;
  /** For a bearer attempt: whether its token was fetched with credentials (an anonymous token is none). */
  credentialsSent?: boolean;
}

/** Header blocks of one attempt: a status line, header lines, a blank line (a body, when curl -i was used, is skipped). */
function responsesOf(lines: string[]): Response[] {
  const responses: Response[] = [];
  let current: Response | undefined;
  for (const line of lines) {
    const status = STATUS_LINE.exec(line);
    if (status) {
      current = { code: Number(status[1]), headers: new Map() };
      responses.push(current);
      continue;
    }
    if (!current) continue;
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const header = HEADER_LINE.exec(line);
    if (header) current.headers.set(header[1]!.toLowerCase(), header[2]!.trim());
  }
  return responses;
}

function attemptsOf(stdout: string): Attempt[] {
  const attempts: Attempt[] = [];
  let pending: string[] = [];
  let tokenAuth: string | undefined;
  for (const line of textLines(stdout)) {
    const token = TOKEN_MARKER.exec(line);
    if (token) {
      tokenAuth = token[2];
      continue;
    }
    const marker = MARKER.exec(line);
    if (!marker) {
      pending.push(line);
      continue;
    }
    const auth = marker[3]!;
    const credentialsSent = auth === 'bearer' && tokenAuth !== undefined ? tokenAuth !== 'none' : auth !== 'none';
    attempts.push({ responses: responsesOf(pending), code: Number(marker[1]), seconds: Number(marker[2]), auth, credentialsSent });
    pending = [];
  }
  // Headers without a marker: a capture cut short, or plain curl output.
  const rest = responsesOf(pending);
  if (rest.length) attempts.push({ responses: rest });
  return attempts;
}

/** curl's exit code: its own "curl: (N) …" line is more telling than the job's exit code. */
function curlError(stderr: string, rc: number | undefined): { code?: number; text?: string } {
  let found: { code: number; text: string } | undefined;
  for (const line of textLines(stderr)) {
    const match = /^curl: \((\d+)\)\s*(.*)$/.exec(line.trim());
    if (match) found = { code: Number(match[1]), text: match[2]!.slice(0, 300) };
  }
  return found ?? { code: rc };
}

function failure(stderr: string, rc: number | undefined): WithoutRequestId<HttpResult> {
  const { code, text } = curlError(stderr, rc);
  const said = text ? `: ${text}` : '';
  // Exit codes: curl(1) "EXIT CODES".
  switch (code) {
    case 5:
      return { status: 'unresolved', message: `the node could not resolve the proxy host${said}` };
    case 6:
      return { status: 'unresolved', message: `the node could not resolve the registry host${said}` };
    case 7:
      return { status: 'refused', message: `no connection to the registry (or proxy)${said}` };
    case 28:
      return { status: 'timeout', message: `no answer within the time limit${said}` };
    case 35:
    case 51:
    case 53:
    case 54:
    case 58:
    case 59:
    case 60:
    case 64:
    case 66:
    case 77:
    case 80:
    case 82:
    case 83:
    case 90:
    case 91:
      return { status: 'tls-error', message: `the TLS connection failed${said}` };
    case 127:
      return { status: 'no-tool', message: 'curl is not installed on the node' };
    default:
      if (stoppedByTimeout(code)) return { status: 'timeout', message: 'curl was stopped by the time limit' };
      return { status: 'error', message: `curl failed${code !== undefined ? ` (exit code ${code})` : ''}${said}` };
  }
}

export function parseCurlHttp(stdout: string, stderr: string, rc: number | undefined): WithoutRequestId<HttpResult> {
  const attempts = attemptsOf(stdout);
  if (attempts.length === 0 && toolMissing('curl', stdout, stderr, rc)) {
    return { status: 'no-tool', message: 'curl is not installed on the node' };
  }
  const last = attempts[attempts.length - 1];
  const lastResponse = last?.responses[last.responses.length - 1];
  const code = last?.code || lastResponse?.code;
  let challenge: string | undefined;
  for (const attempt of attempts) {
    for (const response of attempt.responses) {
      const header = response.headers.get('www-authenticate');
      if (header) challenge = header.split(/\s+/)[0]!.toLowerCase();
    }
  }
  if (!code) {
    const result = failure(stderr, rc);
    if (last?.auth) result.authSent = last.credentialsSent ?? last.auth !== 'none';
    if (last?.seconds !== undefined) result.seconds = last.seconds;
    return result;
  }
  const result: WithoutRequestId<HttpResult> = { status: 'answered', code };
  if (last?.auth) result.authSent = last.credentialsSent ?? last.auth !== 'none';
  if (challenge) result.challenge = challenge;
  else if (code === 401) result.challenge = 'none';
  // Headers of the response that carried the final code (a proxy's "200 Connection established" comes first).
  const final = lastResponse && lastResponse.code === code ? lastResponse : undefined;
  const digest = final?.headers.get('docker-content-digest');
  if (digest) result.digest = digest;
  const contentType = final?.headers.get('content-type');
  if (contentType) result.contentType = contentType;
  if (last?.seconds !== undefined) result.seconds = last.seconds;
  return result;
}
