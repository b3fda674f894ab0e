// A proposal is one reviewable plan edit derived from what a probe found.

export interface Proposal {
  /** Stable id the user accepts it by, e.g. `mac:acp-1:ens1f0`, `boot:*`. */
  id: string;
  /** Plan hostname, or '*' for an edit of the shared layout. */
  node: string;
  /** JSON pointer of the field in site.yaml; an array index equal to its length appends. */
  path: string;
  /** The value there now (undefined when the field is empty or absent). */
  current?: unknown;
  proposed: unknown;
  reason: string;
  /** True when it changes a value the user typed: shown with the current value, never silent. */
  replaces: boolean;
}
