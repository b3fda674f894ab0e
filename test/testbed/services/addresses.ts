// Where everything sits on a bed's /24 (10.254.(77+slot).0/24). One table, so two services never
// take the same address. .1 is the bridge (the test process), .11–.13 the nodes.
export const PLANT_OCTETS = {
  /** The plan's API and Ingress VIPs: free addresses (no one answers ping there). */
  apiVip: 5,
  ingressVip: 6,
  /** What the wrong DNS profiles answer: a cluster-domain wildcard, a base-domain wildcard, a wrong api record. */
  clusterWildcardTarget: 7,
  baseWildcardTarget: 8,
  wrongApiTarget: 9,
  /** Reserved for the mirror registry (test/testbed/services/registry.ts). */
  registryFirst: 40,
  registryLast: 49,
  /** One dnsmasq per DNS profile (see dns.ts), a host without a DNS server, an empty address. */
  dns: {
    secondary: 52,
    complete: 53,
    'missing-apps': 54,
    'wrong-api': 55,
    wildcard: 56,
    'base-wildcard': 57,
    'no-node-names': 58,
  },
  /** A host that is up but runs no DNS server: the query is refused at once (ICMP port unreachable). */
  dnsRefused: 59,
  /** Nobody has this address: a query gets no answer at all (timeout). */
  dnsSilent: 60,
  /** chronyd serving time (local stratum 8). */
  ntp: 123,
  /** Nobody has this address: an NTP query gets no answer. */
  ntpSilent: 124,
  /** Takes addresses that should be free (a VIP in use): it answers ping on each. */
  addressTaker: 252,
  /** A gateway that drops ping (net.ipv4.icmp_echo_ignore_all=1). */
  gatewayQuiet: 253,
  /** The cluster network's gateway: answers ping, forwards nothing. */
  gateway: 254,
} as const;
