// The fixed choices of the site format, without zod: the renderer imports these for its
// selects and checkboxes, and the schema (schema.ts) builds its enums from them.
export const NETWORK_ROLES = ['cluster', 'storage', 'vm', 'bmc'] as const;
export const BOND_MODES = ['802.3ad', 'active-backup', 'balance-xor', 'balance-alb', 'balance-tlb'] as const;
export const FAILURE_DOMAINS = ['host', 'rack', 'zone'] as const;
export const ADDONS = ['hosted-control-planes'] as const;
