// One card per node: where its probe is (live, from probe.progress events), how long it took,
// and the outcome in plain words with what to do. Host-key questions are asked inside the card.
import { Button, Card, CardBody, CardHeader, CardTitle, Label, ProgressStep, ProgressStepper, Spinner } from '@patternfly/react-core';
import type { ProbeNodeResult } from '../../../../main/contract/api';
import type { Site } from '../../../../main/core/site/schema';
import { OkIcon, SeverityIcon } from '../../components/icons';
import type { NodePhase, NodeRun } from './discover-store';
import { HostKeyPrompt } from './HostKeyPrompt';
import { PHASE_STEPS, PHASE_WORDS, adviceFor, formatDuration } from './words';

const ORDER: Record<NodePhase, number> = { queued: 0, connecting: 1, authenticating: 2, collecting: 3, parsing: 4, done: 5, failed: 5 };

/** `user@host:port` the probe uses for a node (the probe's default user is core). */
export function sshTarget(site: Site | undefined, hostname: string): string | undefined {
  const ssh = site?.nodes.find((n) => n.hostname === hostname)?.ssh;
  if (!ssh) return undefined;
  const host = ssh.host.includes(':') && !ssh.host.startsWith('[') ? `[${ssh.host}]` : ssh.host;
  return `${ssh.user ?? 'core'}@${host}:${ssh.port ?? 22}`;
}

function PhaseSteps({ row }: { row: NodeRun }) {
  // A failure is drawn on the step it stopped at.
  const reached = row.phase === 'failed' ? Math.max(1, ORDER[row.reached]) : ORDER[row.phase];
  return (
    <ProgressStepper isCompact aria-label={`Progress of ${row.node}`} className="sk-discover__steps">
      {PHASE_STEPS.map(({ phase, label }) => {
        const n = ORDER[phase];
        let variant: 'success' | 'info' | 'pending' | 'warning' | 'danger' = 'pending';
        // A key seen for the first time is a question, not a failure.
        if (row.phase === 'failed' && n === reached) variant = row.status === 'host-key-unknown' ? 'warning' : 'danger';
        else if (n < reached || (n === reached && row.phase === 'done')) variant = 'success';
        else if (n === reached) variant = 'info';
        const id = `sk-discover-${row.node}-${phase}`;
        return (
          <ProgressStep key={phase} id={id} titleId={`${id}-title`} variant={variant} isCurrent={n === reached && row.phase !== 'done'}>
            {label}
          </ProgressStep>
        );
      })}
    </ProgressStepper>
  );
}

export interface NodeCardProps {
  hostname: string;
  target?: string;
  row?: NodeRun;
  result?: ProbeNodeResult;
  now: number;
  viaJump: boolean;
  busy: boolean;
  canRun: boolean;
  sitePath?: string;
  /** Fingerprint the technician trusted for this node's latest run. */
  trustedFingerprint?: string;
  /** When the stored inventory of this node was collected (an earlier run, or an imported capture). */
  discoveredAt?: { at: string; source: 'ssh' | 'import' };
  onTrust(node: string): void;
  onRetry(node: string): void;
}

export function NodeCard({
  hostname,
  target,
  row,
  result,
  now,
  viaJump,
  busy,
  canRun,
  sitePath,
  trustedFingerprint,
  discoveredAt,
  onTrust,
  onRetry,
}: NodeCardProps) {
  const active = row !== undefined && row.phase !== 'done' && row.phase !== 'failed';
  const finished = row !== undefined && !active;
  const elapsed =
    row === undefined ? undefined : active ? (row.phase === 'queued' ? undefined : now - row.startedAt) : (row.endedAt ?? now) - row.startedAt;
  // The result of this node's latest run; while it runs again, the old one is hidden.
  const shown = finished ? result : undefined;
  const failed = shown !== undefined && shown.status !== 'ok';
  const advice = !failed
    ? undefined
    : !target && shown.status === 'error'
      ? { title: 'No SSH address', todo: 'Add the node’s SSH address in the Nodes step, save, and discover again.' }
      : adviceFor(shown, viaJump);
  const hostKey = shown && (shown.status === 'host-key-unknown' || shown.status === 'host-key-changed');

  let state: React.ReactNode;
  if (!row && discoveredAt) {
    // Not run in this session, but known from an earlier run: say when, not "not discovered".
    state = (
      <Label isCompact color="green">
        {discoveredAt.source === 'import' ? 'Imported' : 'Discovered'} {shortTime(discoveredAt.at)}
      </Label>
    );
  } else if (!row) {
    state = (
      <Label isCompact color="grey">
        Not discovered yet
      </Label>
    );
  } else if (active) {
    state = (
      <Label isCompact status="info" icon={row.phase === 'queued' ? undefined : <Spinner size="sm" aria-label="Working" />}>
        {PHASE_WORDS[row.phase]}
        {row.phase === 'queued' ? '' : '…'}
      </Label>
    );
  } else if (shown?.status === 'ok' || (!shown && row.phase === 'done')) {
    state = (
      <Label isCompact status="success">
        Done
      </Label>
    );
  } else {
    state = (
      <Label isCompact status={hostKey && shown?.status === 'host-key-unknown' ? 'warning' : 'danger'}>
        {advice?.title ?? 'Failed'}
      </Label>
    );
  }

  return (
    <Card isCompact className={`sk-discover-node sk-discover-node--${row?.phase ?? 'idle'}`} data-testid={`discover-node-${hostname}`} data-phase={row?.phase ?? 'idle'} data-status={shown?.status ?? ''}>
      <CardHeader>
        <CardTitle component="h3">
          <span className="sk-discover-node__name">{hostname}</span> {state}
        </CardTitle>
        {target && <div className="sk-discover-node__target">{target}</div>}
      </CardHeader>
      <CardBody>
        {row && <PhaseSteps row={row} />}
        {elapsed !== undefined && (
          <div className="sk-discover-node__time" data-testid="discover-elapsed">
            {active ? `${PHASE_WORDS[row!.phase]} · ${formatDuration(elapsed)}` : `${shown?.status === 'ok' ? 'Collected in' : 'Stopped after'} ${formatDuration(elapsed)}`}
          </div>
        )}
        {shown?.status === 'ok' && (
          <div className="sk-discover-node__outcome">
            <div>
              <OkIcon /> {shown.message}
            </div>
          </div>
        )}
        {failed && !hostKey && advice && (
          <div className="sk-discover-node__outcome">
            <div>
              <SeverityIcon severity="error" /> <strong>{advice.title}.</strong> {advice.todo}
            </div>
            <div className="sk-discover-node__detail">{shown.message}</div>
            <Button variant="secondary" size="sm" isDisabled={busy || !canRun} onClick={() => onRetry(hostname)}>
              Try this node again
            </Button>
          </div>
        )}
        {hostKey && (
          <HostKeyPrompt
            result={shown}
            viaJump={viaJump}
            busy={busy || !canRun}
            {...(sitePath ? { sitePath } : {})}
            {...(trustedFingerprint ? { trustedFingerprint } : {})}
            onTrust={() => onTrust(hostname)}
            onRetry={() => onRetry(hostname)}
          />
        )}
        {!row && !target && (
          <div className="sk-muted">The plan gives no SSH address for this node (Nodes step); it cannot be discovered.</div>
        )}
      </CardBody>
    </Card>
  );
}

/** "2 Dec 16:46": when a stored inventory was collected, in the laptop's time zone. */
function shortTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
