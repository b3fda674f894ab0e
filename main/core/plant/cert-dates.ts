// The validity end of a PEM certificate, read from its DER without node:crypto, so the Discover
// step in the browser and the report can both say "valid for N more days" from the chain a node
// saw. Only reads: tbsCertificate → validity → notAfter (RFC 5280 §4.1). Trust is judged by the
// plant checks (tls-verify.ts); this is for showing a date only.

interface Der {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function readDer(bytes: Uint8Array, at: number): Der | undefined {
  if (at + 2 > bytes.length) return undefined;
  const tag = bytes[at]!;
  let len = bytes[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > bytes.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[start + i]!;
    start += n;
  }
  const end = start + len;
  return end > bytes.length ? undefined : { tag, start, end };
}

function pemBytes(pem: string): Uint8Array | undefined {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) return undefined;
  try {
    const text = atob(body.replace(/\s+/g, ''));
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) as a Date. */
function derTime(bytes: Uint8Array, el: Der): Date | undefined {
  const text = String.fromCharCode(...bytes.subarray(el.start, el.end));
  const m = el.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (el.tag === 0x17) year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** When the certificate stops being valid, or undefined when the PEM cannot be read. */
export function certificateNotAfter(pem: string): Date | undefined {
  const bytes = pemBytes(pem);
  if (!bytes) return undefined;
  const cert = readDer(bytes, 0);
  const tbs = cert && cert.tag === 0x30 ? readDer(bytes, cert.start) : undefined;
  if (!tbs || tbs.tag !== 0x30) return undefined;
  let at = tbs.start;
  let el = readDer(bytes, at);
  if (el?.tag === 0xa0) {
    at = el.end; // explicit [0] version
    el = readDer(bytes, at);
  }
  // serialNumber, signature, issuer, then validity.
  for (let i = 0; i < 3 && el; i++) {
    at = el.end;
    el = readDer(bytes, at);
  }
  if (!el || el.tag !== 0x30) return undefined;
  const notBefore = readDer(bytes, el.start);
  const notAfter = notBefore ? readDer(bytes, notBefore.end) : undefined;
  return notAfter && (notAfter.tag === 0x17 || notAfter.tag === 0x18) ? derTime(bytes, notAfter) : undefined;
}

/** Whole days from `now` to the certificate's end (negative: expired), or undefined. */
export function certificateDaysLeft(pem: string, now: Date): number | undefined {
  const end = certificateNotAfter(pem);
  return end ? Math.floor((end.getTime() - now.getTime()) / 86_400_000) : undefined;
}
