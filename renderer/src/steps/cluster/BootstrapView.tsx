// The GitOps bootstrap as it happens: every stage in order (apply the operator, wait for it,
// the repository credentials, the Argo CD instance, the root Application, then each wave),
// with the objects it applied and what each answered, and for a wave the objects it waits for
// with their state and message. A failed item says why and what to do.
import { Button, ExpandableSection, Label } from '@patternfly/react-core';
import { useRef, useState } from 'react';
import type { AppliedObject, ApplyOutcome, BootstrapProgress, BootstrapStage, ProgressItem } from '../../../../main/core/cluster/types';
import { SeverityIcon, plural } from '../../components/icons';
import { CompactTable } from './CompactTable';
import { StateLabel } from './InstallProgressView';
import { OUTCOME_WORDS, failureTitle, formatWhen, objectName } from './words';

const OUTCOME_STATUS: Record<ApplyOutcome, 'success' | 'danger' | 'warning' | 'info' | undefined> = {
  created: 'success',
  changed: 'info',
  unchanged: undefined,
  conflict: 'danger',
  failed: 'danger',
  skipped: 'warning',
};

function OutcomeLabel({ outcome }: { outcome: ApplyOutcome }) {
  const status = OUTCOME_STATUS[outcome];
  return (
    <Label isCompact {...(status ? { status } : { color: 'grey' as const })} data-outcome={outcome}>
      {OUTCOME_WORDS[outcome]}
    </Label>
  );
}

function AppliedTable({ applied, stage }: { applied: readonly AppliedObject[]; stage: string }) {
  return (
    <CompactTable
      label={`Objects applied by ${stage}`}
      testid={`cluster-stage-${stage}-applied`}
      rows={applied}
      rowKey={(o, i) => `${objectName(o)}-${i}`}
      rowState={(o) => (o.outcome === 'conflict' || o.outcome === 'failed' ? 'failed' : undefined)}
      fixed
      columns={[
        { title: 'Object', cell: (o) => <span className="sk-cluster-mono">{objectName(o)}</span>, width: '32%' },
        { title: 'Result', cell: (o) => <OutcomeLabel outcome={o.outcome} />, width: '8.5rem' },
        { title: 'From', cell: (o) => <span className="sk-cluster-mono">{o.file ?? ''}</span>, width: '28%' },
        {
          title: 'Message',
          cell: (o) => (
            <>
              {o.message}
              {o.conflicts && o.conflicts.length > 0 && (
                <ul className="sk-cluster-conflicts">
                  {o.conflicts.map((c) => (
                    <li key={`${c.field}-${c.manager}`}>
                      <span className="sk-cluster-mono">{c.field}</span> is set by <strong>{c.manager}</strong>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

function ItemsTable({ items, stage }: { items: readonly ProgressItem[]; stage: string }) {
  return (
    <CompactTable
      label={`What ${stage} waits for`}
      testid={`cluster-stage-${stage}-items`}
      rows={items}
      rowKey={(o, i) => `${objectName(o)}-${i}`}
      rowState={(o) => o.state}
      fixed
      columns={[
        { title: 'Object', cell: (o) => <span className="sk-cluster-mono">{objectName(o)}</span>, width: '38%' },
        { title: 'State', cell: (o) => <StateLabel state={o.state} />, width: '9rem' },
        {
          title: 'Message',
          cell: (o) => (
            <>
              {o.message}
              {o.fix && (
                <div className="sk-cluster-fix">
                  <strong>What to do:</strong> {o.fix}
                </div>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

/** `3 of 5 ready` for a wave, `2 created, 1 unchanged` for an apply. */
export function stageCounts(stage: BootstrapStage): string {
  if (stage.items?.length) {
    const done = stage.items.filter((i) => i.state === 'done').length;
    const failed = stage.items.filter((i) => i.state === 'failed').length;
    return `${done} of ${stage.items.length} ready${failed ? `, ${failed} failed` : ''}`;
  }
  if (stage.applied?.length) {
    const counts = new Map<ApplyOutcome, number>();
    for (const a of stage.applied) counts.set(a.outcome, (counts.get(a.outcome) ?? 0) + 1);
    return [...counts].map(([o, n]) => `${n} ${OUTCOME_WORDS[o].toLowerCase()}`).join(', ');
  }
  return '';
}

function Stage({
  stage,
  index,
  open,
  onToggle,
  itemRef,
}: {
  stage: BootstrapStage;
  index: number;
  open: boolean;
  onToggle(open: boolean): void;
  itemRef(element: HTMLLIElement | null): void;
}) {
  const details = (stage.applied?.length ?? 0) + (stage.items?.length ?? 0) > 0;
  const counts = stageCounts(stage);
  const objects = (stage.applied?.length ?? 0) + (stage.items?.length ?? 0);
  return (
    <li ref={itemRef} tabIndex={-1} className={`sk-cluster-stage sk-cluster-stage--${stage.state}`} data-testid={`cluster-stage-${stage.id}`} data-state={stage.state}>
      <div className="sk-cluster-stage__head">
        <span className="sk-cluster-stage__number" aria-hidden="true">
          {index + 1}
        </span>
        <span className="sk-cluster-stage__title">{stage.title}</span>
        <StateLabel state={stage.state} />
      </div>
      {stage.message && <div className="sk-cluster-stage__message">{stage.message}</div>}
      {details && (
        <ExpandableSection
          toggleText={open ? `Hide the objects (${counts})` : `Show the ${plural(objects, 'object')} (${counts})`}
          isExpanded={open}
          onToggle={(_e, v) => onToggle(v)}
          className="sk-cluster-stage__details"
        >
          {stage.applied && stage.applied.length > 0 && <AppliedTable applied={stage.applied} stage={stage.id} />}
          {stage.items && stage.items.length > 0 && <ItemsTable items={stage.items} stage={stage.id} />}
        </ExpandableSection>
      )}
    </li>
  );
}

/** A stage shows its objects by itself while it runs or when something in it needs attention. */
export function opensByItself(stage: BootstrapStage): boolean {
  return (
    stage.state === 'running' ||
    stage.state === 'failed' ||
    (stage.applied ?? []).some((a) => a.outcome === 'conflict' || a.outcome === 'failed') ||
    (stage.items ?? []).some((i) => i.state === 'failed')
  );
}

export function BootstrapView({ progress }: { progress: BootstrapProgress }) {
  // The technician's own open/close wins over the automatic choice.
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const items = useRef(new Map<string, HTMLLIElement>());
  const done = progress.stages.filter((s) => s.state === 'done').length;
  const failed = progress.stages.find((s) => s.state === 'failed');
  const goToFailed = () => {
    const element = failed && items.current.get(failed.id);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  };
  return (
    <div className="sk-cluster-bootstrap" data-testid="cluster-bootstrap" data-state={progress.state}>
      <p className="sk-cluster-summary" data-testid="cluster-bootstrap-summary">
        <StateLabel state={progress.state} /> {done} of {plural(progress.stages.length, 'stage')} done · {plural(progress.requests, 'request')} to
        the API · updated {formatWhen(progress.at)}
        {failed && (
          <>
            {' '}
            <Button variant="link" isInline onClick={goToFailed} data-testid="cluster-bootstrap-go-failed">
              Go to “{failed.title}”, which failed
            </Button>
          </>
        )}
      </p>
      {progress.notices?.map((notice) => (
        <p key={notice} className="sk-cluster-notice" data-testid="cluster-bootstrap-notice">
          <SeverityIcon severity="info" /> {notice}
        </p>
      ))}
      {progress.failure && (
        <div className="sk-cluster-failure" data-testid="cluster-bootstrap-failure">
          <SeverityIcon severity="error" /> <strong>{failureTitle(progress.failure)}.</strong> {progress.failure.message}
        </div>
      )}
      <ol className="sk-cluster-stages">
        {progress.stages.map((stage, i) => (
          <Stage
            key={stage.id}
            stage={stage}
            index={i}
            open={chosen[stage.id] ?? opensByItself(stage)}
            onToggle={(open) => setChosen((c) => ({ ...c, [stage.id]: open }))}
            itemRef={(element) => {
              if (element) items.current.set(stage.id, element);
              else items.current.delete(stage.id);
            }}
          />
        ))}
      </ol>
    </div>
  );
}

/** The buttons under the bootstrap: start, stop, again. */
export function BootstrapActions({
  running,
  cancelling,
  started,
  blocked,
  onStart,
  onCancel,
}: {
  running: boolean;
  cancelling: boolean;
  started: boolean;
  blocked?: string;
  onStart(): void;
  onCancel(): void;
}) {
  return (
    <div className="sk-cluster-actions">
      <Button
        variant={started && !running ? 'secondary' : 'primary'}
        isDisabled={running || blocked !== undefined}
        isLoading={running || undefined}
        onClick={onStart}
        data-testid="cluster-bootstrap-start"
      >
        {running ? 'Bootstrapping…' : started ? 'Run the bootstrap again' : 'Bootstrap GitOps'}
      </Button>
      {running && (
        <Button variant="secondary" isDanger isDisabled={cancelling} onClick={onCancel} data-testid="cluster-bootstrap-cancel">
          {cancelling ? 'Stopping…' : 'Stop'}
        </Button>
      )}
    </div>
  );
}
