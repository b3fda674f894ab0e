// What the probe found wrong (or worth knowing) about the hardware, grouped by node. The
// connection findings (unreachable, refused login, host keys, timeouts) are left out: each node
// card already says them, with what to do in this app's words.
import { Card, CardBody, CardHeader, CardTitle, Label, Title } from '@patternfly/react-core';
import { CONNECTION_FINDING_IDS } from '../../../../main/core/probe/checks/connection';
import type { Finding } from '../../../../main/core/validation/finding';
import { FindingItem } from '../../components/FindingsPanel';
import { OkIcon, plural } from '../../components/icons';

/** Findings the node cards show instead. */
export const CONNECTION_FINDINGS: ReadonlySet<string> = new Set(CONNECTION_FINDING_IDS);

export const ALL_NODES = '';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Groups longer than this start folded. */
const FOLD_AFTER = 6;

function summaryOf(list: readonly Finding[]): string {
  const errors = list.filter((f) => f.severity === 'error').length;
  const warnings = list.filter((f) => f.severity === 'warning').length;
  const others = list.length - errors - warnings;
  return [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), others && plural(others, 'note')].filter(Boolean).join(', ');
}

/**
 * Hardware findings by node, in plan order, then those about the whole site (key `ALL_NODES`).
 * A finding belongs to a node by its path (/nodes/<i>/…) or by the node name it starts with.
 */
export function groupFindingsByNode(findings: readonly Finding[], hostnames: readonly string[]): Array<[string, Finding[]]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (CONNECTION_FINDINGS.has(f.id)) continue;
    const index = /^\/nodes\/(\d+)(?:\/|$)/.exec(f.path)?.[1];
    let node = index !== undefined ? hostnames[Number(index)] : undefined;
    node ??= hostnames.find((h) => f.message.startsWith(`${h}: `) || f.message.startsWith(`${h} `));
    const key = node ?? ALL_NODES;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const order = [...hostnames, ...[...groups.keys()].filter((k) => k !== ALL_NODES && !hostnames.includes(k)), ALL_NODES];
  return order
    .filter((k) => groups.has(k))
    .map((k) => [k, [...groups.get(k)!].sort((a, b) => RANK[a.severity] - RANK[b.severity])] as [string, Finding[]]);
}

export function HardwareFindings({ findings, hostnames }: { findings: readonly Finding[]; hostnames: readonly string[] }) {
  const groups = groupFindingsByNode(findings, hostnames);
  const all = groups.flatMap(([, list]) => list);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  return (
    <Card data-testid="discover-findings">
      <CardHeader>
        <CardTitle component="h2">
          Hardware check{' '}
          <span className="sk-counts">
            <Label isCompact status={errors ? 'danger' : 'success'}>
              {plural(errors, 'error')}
            </Label>
            <Label isCompact status={warnings ? 'warning' : undefined} color={warnings ? undefined : 'grey'}>
              {plural(warnings, 'warning')}
            </Label>
          </span>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {groups.length === 0 ? (
          <p data-testid="discover-findings-none">
            <OkIcon /> The hardware found matches the plan: nothing to fix.
          </p>
        ) : (
          groups.map(([node, list]) => (
            // A long list per node starts folded: the counts say what is inside, one click opens it.
            <details
              key={node || '*'}
              className="sk-discover-findings__group"
              data-testid={`discover-findings-${node || 'all'}`}
              open={list.length <= FOLD_AFTER || groups.length === 1}
            >
              <summary>
                <Title headingLevel="h3" size="md" className="sk-discover-findings__summary">
                  {node || 'All nodes'}{' '}
                  <span className="sk-muted">
                    ({summaryOf(list)})
                  </span>
                </Title>
              </summary>
              <ul className="sk-findings">
                {list.map((f, i) => (
                  <FindingItem key={`${f.id}-${f.path}-${i}`} finding={f} />
                ))}
              </ul>
            </details>
          ))
        )}
      </CardBody>
    </Card>
  );
}
