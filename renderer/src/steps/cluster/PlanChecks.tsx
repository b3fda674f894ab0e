// The live cluster against the plan: version, the three node names, their IPs and MACs, roles,
// schedulable masters, the API and Ingress VIPs — each with what the plan says, what the
// cluster says, and for a difference what to do (for "not known yet", why).
import { Label } from '@patternfly/react-core';
import type { LiveCheck } from '../../../../main/core/cluster/types';
import { OkIcon, SeverityIcon } from '../../components/icons';
import { CompactTable } from './CompactTable';
import { CHECK_WORDS } from './words';

const STATUS = { ok: 'success', mismatch: 'danger', unknown: 'warning' } as const;

export function CheckLabel({ state }: { state: LiveCheck['state'] }) {
  return (
    <Label isCompact status={STATUS[state]} data-state={state}>
      {CHECK_WORDS[state]}
    </Label>
  );
}

/** `7 match, 1 differs, 2 not known yet`. */
export function checkSummary(checks: readonly LiveCheck[]): string {
  const n = (state: LiveCheck['state']) => checks.filter((c) => c.state === state).length;
  const parts = [`${n('ok')} match`];
  if (n('mismatch')) parts.push(`${n('mismatch')} ${n('mismatch') === 1 ? 'differs' : 'differ'}`);
  if (n('unknown')) parts.push(`${n('unknown')} not known yet`);
  return parts.join(', ');
}

const ORDER = { mismatch: 0, unknown: 1, ok: 2 } as const;

export function PlanChecks({ checks, testid = 'cluster-checks' }: { checks: readonly LiveCheck[]; testid?: string }) {
  if (checks.length === 0) return <p className="sk-muted">No checks yet: they run as soon as the cluster’s API answers.</p>;
  const mismatches = checks.filter((c) => c.state === 'mismatch').length;
  const sorted = [...checks].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  return (
    <div data-testid={testid}>
      <p className="sk-cluster-summary" data-testid={`${testid}-summary`}>
        {mismatches ? <SeverityIcon severity="error" /> : <OkIcon />} {checkSummary(checks)}.
        {mismatches > 0 && ' Fix the plan or the cluster where they differ.'}
      </p>
      <CompactTable
        label="The cluster compared with the plan"
        rows={sorted}
        rowKey={(c, i) => `${c.id}-${c.node ?? ''}-${i}`}
        rowState={(c) => c.state}
        fixed
        columns={[
          {
            title: 'Check',
            width: '38%',
            cell: (c) => (
              <>
                {c.node && !c.title.includes(c.node) ? `${c.title} (${c.node})` : c.title}
                {c.note && (
                  <div className="sk-cluster-fix">
                    {c.state === 'mismatch' ? <strong>What to do: </strong> : <span className="sk-muted">Why: </span>}
                    {c.note}
                  </div>
                )}
              </>
            ),
          },
          { title: 'Result', cell: (c) => <CheckLabel state={c.state} />, width: '9.5rem' },
          {
            title: 'Plan and cluster',
            cell: (c) => (
              <div className="sk-cluster-pair">
                <div>
                  <span className="sk-cluster-pair__label">Plan</span> <span className="sk-cluster-pair__value">{c.expected}</span>
                </div>
                <div>
                  <span className="sk-cluster-pair__label">Cluster</span> <span className="sk-cluster-pair__value">{c.actual}</span>
                </div>
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
