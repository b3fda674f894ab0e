// `openssl s_client -connect <host>:<port> -servername <sni> -showcerts [-proxy h:p] </dev/null`
// → the certificate chain the registry sent (leaf first, exactly as sent, duplicates kept) and
// the protocol, or why no TLS session came about. Trust, names and dates are judged on the laptop
// (core/plant/tls-verify.ts), never from s_client's own "Verify return code".
import type { TlsResult } from '../types';
import { stoppedByTimeout, textLines, toolMissing, type WithoutRequestId } from './result';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/** PEM blocks re-assembled from their base64 lines (indentation or CRs from a console removed). */
function pemBlocks(text: string): { pems: string[]; skipped: number } {
  const pems: string[] = [];
  let skipped = 0;
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = textLines(match[1]!).map((line) => line.trim()).filter(Boolean);
    if (body.length === 0 || !body.every((line) => BASE64_LINE.test(line))) {
      skipped++; // e.g. a certificate printed as text between the markers
      continue;
    }
    pems.push(`-----BEGIN CERTIFICATE-----\n${body.join('\n')}\n-----END CERTIFICATE-----\n`);
  }
  return { pems, skipped };
}

/** The negotiated protocol: the SSL-Session "Protocol" line, else the "New, TLSv1.3, Cipher is …" line. */
function protocolOf(stdout: string): string | undefined {
  const session = /^\s*Protocol\s*:\s*(\S+)/m.exec(stdout)?.[1];
  if (session) return session;
  const summary = /^New, ([^,]+), Cipher is (\S+)/m.exec(stdout);
  if (!summary || summary[2] === '(NONE)' || summary[1] === '(NONE)') return undefined;
  // OpenSSL 1.0 printed the family "TLSv1/SSLv3" here, not the version.
  return summary[1] === 'TLSv1/SSLv3' ? undefined : summary[1];
}

/** The reason of the last OpenSSL error line (`…:error:0A00010B:SSL routines:func:reason:file:line:`). */
function opensslReason(stderr: string): string | undefined {
  let reason: string | undefined;
  for (const line of textLines(stderr)) {
    const fields = line.split(':');
    const at = fields.indexOf('error');
    if (at >= 0 && fields.length > at + 4) reason = fields[at + 4]!.trim() || reason;
  }
  return reason;
}

export function parseSClient(stdout: string, stderr: string, rc: number | undefined): WithoutRequestId<TlsResult> {
  if (toolMissing('openssl', stdout, stderr, rc) && !stdout.includes('CONNECTED(')) {
    return { status: 'no-tool', chainPem: [], message: 'openssl is not installed on the node' };
  }
  // With -showcerts the chain comes under "Certificate chain"; a PEM after "Server certificate"
  // is the leaf again (older versions, or no -showcerts) and only counts when nothing came before.
  const serverMark = /^Server certificate\s*$/m.exec(stdout);
  const before = serverMark ? stdout.slice(0, serverMark.index) : stdout;
  const after = serverMark ? stdout.slice(serverMark.index) : '';
  let { pems, skipped } = pemBlocks(before);
  if (pems.length === 0) ({ pems, skipped } = pemBlocks(after));
  const protocol = protocolOf(stdout);
  if (pems.length > 0) {
    const result: WithoutRequestId<TlsResult> = { status: 'connected', chainPem: pems };
    if (protocol) result.protocol = protocol;
    if (skipped) result.message = `${skipped} certificate block(s) were not plain PEM and were left out`;
    return result;
  }
  const text = `${stdout}\n${stderr}`;
  if (/BIO_lookup|gethostbyname|Name or service not known|nodename nor servname|No address associated with hostname|Temporary failure in name resolution/i.test(text)) {
    return { status: 'unresolved', chainPem: [], message: 'the node could not resolve the registry host name' };
  }
  if (/Connection refused|errno=111\b/.test(text)) {
    return { status: 'refused', chainPem: [], message: 'the connection was refused: nothing listens on that port (or, with a proxy, the proxy refused)' };
  }
  if (stoppedByTimeout(rc) || /timed out|errno=110\b/i.test(text)) {
    return { status: 'timeout', chainPem: [], message: 'no TCP connection within the time limit (a firewall may drop the packets)' };
  }
  if (/Network is unreachable|errno=101\b|No route to host|errno=113\b/.test(text)) {
    return { status: 'error', chainPem: [], message: 'the node has no route to the registry address' };
  }
  const proxy = /CONNECT failed[^\n]*/.exec(text)?.[0];
  if (proxy) return { status: 'error', chainPem: [], message: `the proxy did not open the tunnel: ${proxy.trim().slice(0, 200)}` };
  const reason = opensslReason(stderr);
  if (stdout.includes('CONNECTED(')) {
    return {
      status: 'error',
      chainPem: [],
      message: `TCP connected but the TLS handshake failed${reason ? `: ${reason}` : ''} (the port may not speak TLS, or client and server share no protocol)`,
    };
  }
  return { status: 'error', chainPem: [], message: `openssl s_client failed${rc !== undefined ? ` (exit code ${rc})` : ''}${reason ? `: ${reason}` : ''}` };
}
