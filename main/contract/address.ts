// Which texts are addresses, shared by the contract's schemas and the renderer's checks before a
// call (so both say the same): no zod and no Node here. IPv4 in four decimal parts; IPv6 in its
// text forms (RFC 4291 2.2, parsed by ipaddr.js), without a zone and with any IPv4 tail in four
// decimal parts; a host name whose last label is not all digits (so 300.1.1.1 is no name).
import ipaddr from 'ipaddr.js';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_NAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*(?=[A-Za-z0-9-]*[A-Za-z-])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** Only the characters of an IPv6 text form: ipaddr.js alone would also take a zone (`%eth0`). */
const IPV6_CHARACTERS = /^[0-9A-Fa-f:.]{2,45}$/;

export const isIpv4 = (a: string): boolean => IPV4.test(a);

export function isIpv6(a: string): boolean {
  if (!IPV6_CHARACTERS.test(a) || !ipaddr.IPv6.isValid(a)) return false;
  // ipaddr.js reads an IPv4 tail loosely (`::01.2.3.4`, `::ffff:0x0a.1.1.1`); an address here may not.
  const tail = a.slice(a.lastIndexOf(':') + 1);
  return !tail.includes('.') || IPV4.test(tail);
}

export const isHostName = (a: string): boolean => HOST_NAME.test(a);

/** An IP address or a host name, without a port (`10.10.0.5:6443` is not one). */
export const isAddress = (a: string): boolean => isIpv4(a) || isIpv6(a) || isHostName(a);

const isPort = (p: string | undefined) => p === undefined || (/^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535);

/** `host`, `host:port` or `[v6]:port`: where the port may be given with the address. */
export function isAddressWithPort(a: string): boolean {
  const v6 = /^\[([^\]]*)\](?::(\d{1,5}))?$/.exec(a);
  if (v6) return isIpv6(v6[1]!) && isPort(v6[2]);
  const hostPort = /^([^:]+):(\d{1,5})$/.exec(a);
  if (hostPort) return isAddress(hostPort[1]!) && isPort(hostPort[2]);
  return isAddress(a);
}
