// Nodes: a compact cluster is exactly three hosts, each control plane + worker, with
// unique, valid host names.
import type { Rule } from '../engine';
import { defineRule, nodeName, pointer } from './common';

/** Compact cluster: 3 control-plane hosts (installer.md §1.2 sufficient-masters-count, §2.2 MinMasterHostsNeededForInstallationInHaMode = 3). */
const NODE_COUNT = 3;

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Rejected host names (installer.md §1.1 hostname-valid, AS internal/host/hostutil/host_utils.go). */
const RESERVED_HOSTNAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'localhost4',
  'localhost4.localdomain4',
  'localhost6',
  'localhost6.localdomain6',
]);

export const nodeRules: Rule[] = [
  defineRule('nodes.count', 'Exactly three nodes', function* (site) {
    const n = site.nodes.length;
    if (n !== NODE_COUNT) {
      yield {
        severity: 'error',
        path: pointer('nodes'),
        message: `The plan has ${n} node${n === 1 ? '' : 's'}; a compact ACP site has exactly three, each control plane and worker.`,
        hint: n < NODE_COUNT ? 'Add the missing nodes.' : 'Remove the extra nodes; additional workers are not part of the reference architecture.',
      };
    }
  }),

  defineRule('nodes.hostname-invalid', 'Host names are DNS labels', function* (site) {
    for (const [i, node] of site.nodes.entries()) {
      const h = node.hostname;
      if (RESERVED_HOSTNAMES.has(h)) continue; // nodes.hostname-reserved says it better
      if (!LABEL.test(h)) {
        const why =
          h === ''
            ? 'is empty'
            : h.length > 63
              ? `is ${h.length} characters long (at most 63)`
              : /[A-Z]/.test(h)
                ? 'contains upper-case letters'
                : h.includes('.')
                  ? 'contains a dot (give the short name; the domain comes from the cluster)'
                  : 'may only contain lower-case letters, digits and hyphens, and must start and end with a letter or digit';
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'hostname'),
          message: `Host name "${h}" of node ${i + 1} ${why}.`,
          hint: 'Use a short DNS label such as acp-1.',
        };
      }
    }
  }),

  defineRule('nodes.hostname-reserved', 'Host names are not localhost', function* (site) {
    for (const [i, node] of site.nodes.entries()) {
      if (RESERVED_HOSTNAMES.has(node.hostname)) {
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'hostname'),
          message: `Node ${i + 1} is named "${node.hostname}", which the installer rejects.`,
          hint: 'Give the node its real host name, e.g. acp-1.',
        };
      }
    }
  }),

  defineRule('nodes.hostname-duplicate', 'Host names are unique', function* (site) {
    // Not enforced by the Agent-based Installer (installer.md §4.4); assisted-service's
    // hostname-unique only catches it at install time.
    const first = new Map<string, number>();
    for (const [i, node] of site.nodes.entries()) {
      const earlier = first.get(node.hostname);
      if (earlier === undefined) {
        first.set(node.hostname, i);
        continue;
      }
      yield {
        severity: 'error',
        path: pointer('nodes', i, 'hostname'),
        message: `Nodes ${earlier + 1} and ${i + 1} are both named "${node.hostname}".`,
        hint: 'Every node needs its own host name.',
      };
    }
  }),

  defineRule('nodes.bmc-duplicate', 'BMC addresses are unique', function* (site) {
    // installer.md §4.2: bmc.address must be unique.
    const first = new Map<string, number>();
    for (const [i, node] of site.nodes.entries()) {
      const address = node.bmc?.address.trim().toLowerCase();
      if (!address) continue;
      const earlier = first.get(address);
      if (earlier === undefined) {
        first.set(address, i);
        continue;
      }
      const other = site.nodes[earlier];
      yield {
        severity: 'error',
        path: pointer('nodes', i, 'bmc', 'address'),
        message: `${nodeName(node, i)} has the same BMC address as ${other ? nodeName(other, earlier) : `node ${earlier + 1}`} (${node.bmc?.address}).`,
        hint: 'Each server has its own BMC; copy the address from that server.',
      };
    }
  }),
];
