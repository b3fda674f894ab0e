// The fixed choices of the site format, without zod: the renderer imports these for its
// selects and checkboxes, and the schema (schema.ts) builds its enums from them.
export const NETWORK_ROLES = ['cluster', 'storage', 'vm', 'bmc'] as const;
export const BOND_MODES = ['802.3ad', 'active-backup', 'balance-xor', 'balance-alb', 'balance-tlb'] as const;
export const FAILURE_DOMAINS = ['host', 'rack', 'zone'] as const;
export const ADDONS = ['hosted-control-planes'] as const;
/** How a VM network reaches the VMs: a Linux bridge on a NIC of its own, or an OVN localnet on br-ex (shared with the cluster network). */
export const VM_ATTACHMENTS = ['linux-bridge', 'localnet'] as const;
