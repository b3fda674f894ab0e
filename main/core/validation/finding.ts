// A finding is one thing wrong (or worth knowing) about a plan. It is plain data so it can
// cross IPC, be written to validation.json and be shown next to the field it names.

export type Severity = 'error' | 'warning' | 'info';

/**
 * Wizard steps of DESIGN.md §3, in order; findings are grouped by them. `cluster` (the live
 * cluster, after the bundle) has no plan findings of its own.
 */
export const STEPS = ['site', 'nodes', 'discover', 'networks', 'disks', 'storage', 'gitops', 'validate', 'export', 'cluster'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
  site: 'Site',
  nodes: 'Nodes',
  discover: 'Discover',
  networks: 'Networks',
  disks: 'Disks',
  storage: 'Storage & virtualization',
  gitops: 'GitOps',
  validate: 'Validate',
  export: 'Generate & export',
  cluster: 'Cluster',
};

export interface SourcePosition {
  line: number; // 1-based
  col: number; // 1-based
}

export interface Finding {
  /** Stable rule id, e.g. `network.vlan-reused`; tests and docs refer to it. */
  id: string;
  severity: Severity;
  /** JSON pointer into site.yaml, e.g. `/nodes/1/addresses/cluster`. */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Wizard step the field belongs to. */
  step: Step;
  /** Where the field is in the file, when the plan was read from one. */
  position?: SourcePosition;
}
