// Install progress the way the Assisted Installer shows it: one bar for the cluster, one per
// node with the stage it is at, the version being installed, and the cluster operators with
// the ones that need attention first. Fed by cluster.progress events of the install watch.
import { ExpandableSection, Label, Progress, ProgressMeasureLocation, ProgressSize, ProgressVariant } from '@patternfly/react-core';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon';
import PendingIcon from '@patternfly/react-icons/dist/esm/icons/pending-icon';
import { useState } from 'react';
import type { InstallProgress, NodeInstallProgress, OperatorCondition, ProgressState } from '../../../../main/core/cluster/types';
import { OkIcon, SeverityIcon, plural } from '../../components/icons';
import { CompactTable } from './CompactTable';
import { STATE_WORDS, clampPercent, failureTitle, formatWhen, overallPercent, stateStatus } from './words';

const SOURCE_WORDS: Record<InstallProgress['source'], string> = {
  'agent-api': 'From the installer on the first node (rendezvous host)',
  cluster: 'From the cluster itself',
  none: 'Nothing answers yet',
};

function variantOf(state: ProgressState): ProgressVariant | undefined {
  return state === 'done' ? ProgressVariant.success : state === 'failed' ? ProgressVariant.danger : undefined;
}

export function StateLabel({ state, testid }: { state: ProgressState; testid?: string }) {
  const status = stateStatus(state);
  return (
    <Label
      isCompact
      {...(status ? { status } : { color: 'grey' as const })}
      {...(state === 'running' ? { icon: <InProgressIcon /> } : state === 'waiting' ? { icon: <PendingIcon /> } : {})}
      {...(testid ? { 'data-testid': testid } : {})}
      data-state={state}
    >
      {STATE_WORDS[state]}
    </Label>
  );
}

/** A bar when a percentage is known; otherwise the state and the stage in words. */
function Bar({ title, percent, state, stage, testid }: { title: string; percent: number | undefined; state: ProgressState; stage: string; testid: string }) {
  if (percent === undefined) {
    return (
      <div className="sk-cluster-bar sk-cluster-bar--words" data-testid={testid} data-state={state}>
        <div className="sk-cluster-bar__title">{title}</div>
        <div>
          <StateLabel state={state} /> {stage}
        </div>
      </div>
    );
  }
  const variant = variantOf(state);
  return (
    <div className="sk-cluster-bar" data-testid={testid} data-state={state}>
      <Progress
        title={title}
        value={percent}
        label={`${percent}%`}
        measureLocation={ProgressMeasureLocation.outside}
        size={ProgressSize.sm}
        helperText={stage}
        {...(variant ? { variant } : {})}
        aria-label={`${title}: ${percent}%, ${stage}`}
      />
    </div>
  );
}

function nodePercent(node: NodeInstallProgress): number | undefined {
  if (node.state === 'done') return 100;
  return node.percent === undefined ? undefined : clampPercent(node.percent);
}

/** Degraded first, then not available, then progressing, then the rest; by name inside each. */
export function operatorOrder(a: OperatorCondition, b: OperatorCondition): number {
  const rank = (o: OperatorCondition) => (o.degraded ? 0 : o.available !== true ? 1 : o.progressing ? 2 : 3);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

const yesNo = (v: boolean | undefined, good: boolean) =>
  v === undefined ? (
    <span className="sk-muted">—</span>
  ) : v === good ? (
    <span className="sk-cluster-yes">{v ? 'Yes' : 'No'}</span>
  ) : (
    <strong className="sk-cluster-no">{v ? 'Yes' : 'No'}</strong>
  );

export function OperatorsTable({ operators, testid = 'cluster-operators' }: { operators: readonly OperatorCondition[]; testid?: string }) {
  const [showAll, setShowAll] = useState(false);
  const sorted = [...operators].sort(operatorOrder);
  const attention = sorted.filter((o) => o.degraded || o.available !== true || o.progressing);
  const fine = sorted.length - attention.length;
  const table = (rows: readonly OperatorCondition[]) => (
    <CompactTable
      label="Cluster operators"
      rows={rows}
      rowKey={(o) => o.name}
      rowState={(o) => (o.degraded ? 'failed' : o.available !== true ? 'waiting' : o.progressing ? 'running' : 'done')}
      columns={[
        { title: 'Operator', cell: (o) => <span className="sk-cluster-mono">{o.name}</span> },
        { title: 'Available', cell: (o) => yesNo(o.available, true), className: 'sk-cluster-col--narrow' },
        { title: 'Progressing', cell: (o) => yesNo(o.progressing, false), className: 'sk-cluster-col--narrow' },
        { title: 'Degraded', cell: (o) => yesNo(o.degraded, false), className: 'sk-cluster-col--narrow' },
        { title: 'Version', cell: (o) => o.version ?? '—', className: 'sk-cluster-col--narrow' },
        { title: 'Message', cell: (o) => o.message ?? '' },
      ]}
    />
  );
  return (
    <div data-testid={testid}>
      <p className="sk-cluster-summary">
        {attention.length === 0 ? (
          <>
            <OkIcon /> All {plural(operators.length, 'operator')} are available and settled.
          </>
        ) : (
          <>
            <SeverityIcon severity={attention.some((o) => o.degraded) ? 'error' : 'info'} /> {attention.length} of {plural(operators.length, 'operator')}{' '}
            {attention.length === 1 ? 'needs' : 'need'} attention or {attention.length === 1 ? 'is' : 'are'} still working; {fine} settled.
          </>
        )}
      </p>
      {attention.length > 0 && table(attention)}
      {fine > 0 && (
        <ExpandableSection
          toggleText={showAll ? 'Hide the settled operators' : `Show the ${plural(fine, 'settled operator')}`}
          isExpanded={showAll}
          onToggle={(_e, open) => setShowAll(open)}
        >
          {table(sorted.filter((o) => !attention.includes(o)))}
        </ExpandableSection>
      )}
    </div>
  );
}

export function InstallProgressView({ progress }: { progress: InstallProgress }) {
  const percent = overallPercent(progress.overall, progress.nodes);
  return (
    <div className="sk-cluster-install" data-testid="cluster-install" data-state={progress.overall.state}>
      <p className="sk-muted sk-cluster-source">
        {SOURCE_WORDS[progress.source]} · updated {formatWhen(progress.at)}
      </p>
      <Bar title="The cluster" percent={percent} state={progress.overall.state} stage={progress.overall.message} testid="cluster-install-overall" />
      {progress.version && progress.version.desired && progress.version.current !== progress.version.desired && (
        <p className="sk-cluster-version" data-testid="cluster-install-version">
          Installing OpenShift {progress.version.desired}
          {progress.version.current ? ` (now ${progress.version.current})` : ''}.
          {progress.version.message && <span className="sk-muted"> {progress.version.message}</span>}
        </p>
      )}
      {progress.failure && (
        <div className="sk-cluster-failure" data-testid="cluster-install-failure">
          <SeverityIcon severity="error" /> <strong>{failureTitle(progress.failure)}.</strong> {progress.failure.message}
        </div>
      )}
      {progress.nodes.length > 0 && (
        <div className="sk-cluster-nodes" aria-label="Nodes">
          {progress.nodes.map((node) => (
            <Bar
              key={node.name}
              title={`${node.name}${node.role ? ` (${node.role.split(',').join(', ')})` : ''}`}
              percent={nodePercent(node)}
              state={node.state}
              stage={node.message ? `${node.stage}: ${node.message}` : node.stage}
              testid={`cluster-install-node-${node.name}`}
            />
          ))}
        </div>
      )}
      {progress.operators && progress.operators.length > 0 && <OperatorsTable operators={progress.operators} />}
    </div>
  );
}
