// Kubernetes resource quantities (k8s.io/apimachinery pkg/api/resource, quantity.go): the API
// server stores them in canonical form, so a bundle's `memory: 1073741824` comes back as "1Gi",
// `cpu: 0.5` as "500m" and `cpu: 1` as "1". Two texts are the same quantity when their exact
// values are equal; compared as fractions of big integers, never as floating point.
//
// Grammar (quantity.go): <sign><digits>[.<digits>]<suffix>, suffix one of the binary SI
// (Ki Mi Gi Ti Pi Ei), the decimal SI (n u m "" k M G T P E) or a decimal exponent (e3, E-2).

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** value = numerator / 10^scale, exactly. */
interface Exact {
  numerator: bigint;
  scale: number;
}

function exactOf(value: unknown): Exact | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : undefined;
  // Longer texts are not quantities anyone writes; keeps BigInt work small.
  if (text === undefined || text.length > 40) return undefined;
  // String(1e21) is "1e+21": the exponent form the grammar has.
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, number, suffix = ''] = match as unknown as [string, string, string, string | undefined];
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length;
  if (suffix in BINARY) numerator *= 1n << BigInt(BINARY[suffix]!);
  else if (suffix in DECIMAL) scale -= DECIMAL[suffix]!;
  else {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > 60) return undefined;
    scale -= exponent;
  }
  if (sign === '-') numerator = -numerator;
  return { numerator, scale };
}

/** Both are quantities (number or text) of exactly the same value: "1Gi" and 1073741824, "500m" and 0.5. */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = exactOf(a);
  const y = exactOf(b);
  if (!x || !y) return false;
  const scale = Math.max(x.scale, y.scale);
  return x.numerator * 10n ** BigInt(scale - x.scale) === y.numerator * 10n ** BigInt(scale - y.scale);
}
