// Which wizard step (DESIGN.md §3) a field of site.yaml belongs to, from its JSON pointer.
// Decision: everything under /cluster — including apiVIPs, ingressVIPs, clusterNetwork and
// serviceNetwork — belongs to the Site step, because that is where the wizard asks for it
// (DESIGN.md §3 step 1: "VIPs, cluster/service networks"). Per-node network fields
// (interfaces, addresses, layout overrides) belong to Networks, per-node disks to Disks.
import type { Step } from './finding';

/** Splits a JSON pointer (RFC 6901) into unescaped segments. '' is the whole document. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Builds a JSON pointer from segments, escaping '~' and '/'. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

const NODE_NETWORK_FIELDS = new Set(['interfaces', 'addresses', 'layout']);

export function stepForPath(path: string): Step {
  const [top, second, third] = pointerSegments(path);
  switch (top) {
    case 'apiVersion':
    case 'kind':
    case 'metadata':
    case 'cluster':
      return 'site';
    case 'networks':
      return 'networks';
    case 'layout':
      return second === 'disks' ? 'disks' : 'networks';
    case 'nodes':
      if (third === undefined) return 'nodes';
      if (NODE_NETWORK_FIELDS.has(third)) return 'networks';
      if (third === 'disks') return 'disks';
      return 'nodes'; // hostname, role, ssh, bmc, rack, zone
    case 'odf':
    case 'virtualization':
      return 'storage';
    case 'gitops':
      return 'gitops';
    default:
      return 'validate'; // the whole document, or a field the schema does not know
  }
}
