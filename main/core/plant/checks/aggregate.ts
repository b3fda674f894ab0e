// One finding per answer, not per node: when several nodes asked the same server and got the
// same answer, the technician has one thing to fix, so the message lists the nodes instead of
// repeating itself three times.
import { finding, list } from '../../probe/checks/context';
import type { Finding, Severity } from '../../validation/finding';

export interface Draft {
  id: string;
  severity: Severity;
  path: string;
  /** What is wrong, e.g. "The plant DNS 10.10.0.2 has no record for api.acp.example.com". */
  head: string;
  /** What was asked and what came back, e.g. "asked api.acp.example.com, answer NXDOMAIN". */
  evidence: string;
  /** What to do, in the plant's terms; a full sentence after the colon. */
  fix: string;
  hint?: string;
  /** Hostname of the node that saw it. */
  node: string;
  /** The head already names the node: do not add "seen from". */
  perNode?: boolean;
}

export class FindingCollector {
  private readonly groups = new Map<string, { draft: Draft; nodes: string[] }>();

  add(draft: Draft): void {
    const key = JSON.stringify([draft.id, draft.severity, draft.path, draft.head, draft.evidence, draft.fix, draft.hint ?? '', draft.perNode ? draft.node : '']);
    const group = this.groups.get(key);
    if (!group) this.groups.set(key, { draft, nodes: [draft.node] });
    else if (!group.nodes.includes(draft.node)) group.nodes.push(draft.node);
  }

  findings(): Finding[] {
    return [...this.groups.values()].map(({ draft, nodes }) => {
      const seen = draft.perNode ? '' : `; seen from ${list(nodes)}`;
      const message = `${draft.head} (${draft.evidence}${seen}): ${draft.fix}`;
      return finding(draft.id, draft.severity, draft.path, message, draft.hint);
    });
  }
}
