// What the verification found on the live cluster: nodes, the plan checks, operators, ODF,
// the Argo CD applications, drift against the bundle and the HA readiness of the workloads.
// Every table puts what needs attention first; "all fine" is said in words, not only by colour.
import { ExpandableSection, Label, Progress, ProgressMeasureLocation, ProgressSize, Title } from '@patternfly/react-core';
import { Fragment, useState, type ReactNode } from 'react';
import type { DriftObject, DriftResult, HaFinding, HaSources, LiveVerification } from '../../../../main/core/cluster/types';
import { OkIcon, SeverityIcon, SeverityLabel, plural } from '../../components/icons';
import { CompactTable } from './CompactTable';
import { OperatorsTable } from './InstallProgressView';
import { PlanChecks } from './PlanChecks';
import { DRIFT_WORDS, formatBytes, formatWhen, objectName } from './words';

function Part({ title, children, testid }: { title: string; children: ReactNode; testid: string }) {
  return (
    <section className="sk-cluster-part" data-testid={testid} aria-label={title}>
      <Title headingLevel="h4" size="md" className="sk-cluster-part__title">
        {title}
      </Title>
      {children}
    </section>
  );
}

const DRIFT_STATUS = { same: 'success', different: 'danger', missing: 'danger', unknown: 'warning' } as const;

/** A name or path that may wrap after its `/` and `:` (inside a part only when it cannot fit otherwise). */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/:])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** An object in a narrow column: its kind on one line, namespace/name under it. */
function ObjectCell({ object, children }: { object: { kind: string; name: string; namespace?: string | undefined }; children?: ReactNode }) {
  return (
    <div className="sk-cluster-mono">
      <div>{object.kind}</div>
      <Breakable text={`${object.namespace ? `${object.namespace}/` : ''}${object.name}`} />
      {children}
    </div>
  );
}

export function driftSummary(drift: DriftResult): string {
  const { same, different, missing, unknown } = drift.summary;
  const parts = [`${same} the same as the bundle`];
  if (different) parts.push(`${different} different`);
  if (missing) parts.push(`${missing} missing`);
  if (unknown) parts.push(`${unknown} could not be read`);
  return parts.join(', ');
}

function DriftDetails({ object }: { object: DriftObject }) {
  if (object.differences.length === 0) return <>{object.message ?? ''}</>;
  return (
    <>
      {object.message && <div>{object.message}</div>}
      <dl className="sk-cluster-diff">
        {object.differences.map((d) => (
          <div key={d.path} className="sk-cluster-diff__item">
            <dt className="sk-cluster-mono">{d.path}</dt>
            <dd>
              bundle <code className="sk-cluster-diff__value">{d.expected}</code>, cluster <code className="sk-cluster-diff__value">{d.actual}</code>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function DriftTable({ drift }: { drift: DriftResult }) {
  const [showSame, setShowSame] = useState(false);
  const off = drift.objects.filter((o) => o.state !== 'same');
  const same = drift.objects.filter((o) => o.state === 'same');
  const table = (rows: readonly DriftObject[], testid: string) => (
    <CompactTable
      label="Bundle objects compared with the cluster"
      testid={testid}
      rows={rows}
      rowKey={(o, i) => `${objectName(o)}-${i}`}
      rowState={(o) => (o.state === 'same' ? 'done' : o.state === 'unknown' ? 'unknown' : 'failed')}
      fixed
      columns={[
        { title: 'Object', cell: (o) => <ObjectCell object={o} />, width: '26%' },
        {
          title: 'State',
          cell: (o) => (
            <Label isCompact status={DRIFT_STATUS[o.state]}>
              {DRIFT_WORDS[o.state]}
            </Label>
          ),
          width: '10.5rem',
        },
        { title: 'Kept in line by', cell: (o) => (o.managedBy === 'nobody' ? <em>nobody (Argo CD does not watch it)</em> : o.managedBy), width: '18%' },
        { title: 'Differences', cell: (o) => <DriftDetails object={o} /> },
      ]}
    />
  );
  return (
    <div data-testid="cluster-drift" data-different={drift.summary.different + drift.summary.missing}>
      <p className="sk-cluster-summary" data-testid="cluster-drift-summary">
        {off.length ? <SeverityIcon severity="warning" /> : <OkIcon />} {plural(drift.objects.length, 'object')} of the bundle: {driftSummary(drift)}.{' '}
        <span className="sk-muted">Checked {formatWhen(drift.at)}.</span>
      </p>
      {off.length > 0 && table(off, 'cluster-drift-off')}
      {same.length > 0 && (
        <ExpandableSection
          toggleText={showSame ? 'Hide the objects that are the same' : `Show the ${plural(same.length, 'object')} that are the same`}
          isExpanded={showSame}
          onToggle={(_e, v) => setShowSame(v)}
        >
          {table(same, 'cluster-drift-same')}
        </ExpandableSection>
      )}
    </div>
  );
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** `verify.ts` ends a long list of what was left out with this line instead of a path. */
const MORE_LEFT_OUT = /^and \d+ more left out$/;

/**
 * What the HA findings were drawn from: the live cluster, and the sites-repository folder when
 * one was given (how many manifest files, and what was left out of it with why).
 */
export function HaSourcesNote({ sources }: { sources: HaSources }) {
  const [showSkipped, setShowSkipped] = useState(false);
  if (sources.manifestsDir === undefined) {
    return (
      <p className="sk-muted sk-cluster-ha-sources" data-testid="cluster-ha-sources" data-folder="none">
        Checked on the live cluster only. Give a folder of the sites repository above to check its manifests too.
      </p>
    );
  }
  const skipped = sources.skipped ?? [];
  const more = skipped.find((line) => MORE_LEFT_OUT.test(line));
  const listed = skipped.filter((line) => line !== more);
  const leftOut = listed.length + Number(more?.match(/\d+/)?.[0] ?? 0);
  return (
    <div className="sk-cluster-ha-sources" data-testid="cluster-ha-sources" data-folder={sources.manifestsDir}>
      <p>
        {sources.live ? 'Checked on the live cluster and in ' : 'Checked in '}
        <span className="sk-cluster-mono">{sources.manifestsDir}</span> ({plural(sources.files ?? 0, 'manifest file')} read
        {leftOut > 0 ? `, ${leftOut} left out` : ''}). A finding from the folder names its file and line there.
      </p>
      {listed.length > 0 && (
        <ExpandableSection
          toggleText={showSkipped ? 'Hide what was left out' : `Show the ${leftOut} left out and why`}
          isExpanded={showSkipped}
          onToggle={(_e, v) => setShowSkipped(v)}
          data-testid="cluster-ha-skipped"
        >
          <ul className="sk-cluster-ha-skipped">
            {listed.map((line) => {
              // `path[:line]: why` — the path in code font, the reason in words.
              const at = line.indexOf(': ');
              return (
                <li key={line}>
                  {at > 0 ? (
                    <>
                      <span className="sk-cluster-mono">{line.slice(0, at)}</span>: {line.slice(at + 2)}
                    </>
                  ) : (
                    line
                  )}
                </li>
              );
            })}
            {more && <li className="sk-muted">{more}.</li>}
          </ul>
        </ExpandableSection>
      )}
    </div>
  );
}

/** Where a finding is: on the cluster, or the file and line in the sites-repository folder. */
function whereWords(where: string): string {
  return where === 'live' ? 'on the cluster' : `in ${where}`;
}

export function HaFindings({ findings, sources }: { findings: readonly HaFinding[]; sources?: HaSources }) {
  const note = sources ? <HaSourcesNote sources={sources} /> : null;
  if (findings.length === 0) {
    return (
      <>
        {note}
        <p className="sk-cluster-summary" data-testid="cluster-ha">
          <OkIcon /> Nothing found that would stop a node from being drained and rebooted during an update.
        </p>
      </>
    );
  }
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <div data-testid="cluster-ha">
      {note}
      <p className="sk-cluster-summary">
        <SeverityIcon severity={errors ? 'error' : 'warning'} /> {plural(findings.length, 'finding')}
        {errors ? ` (${plural(errors, 'error')})` : ''}. On three nodes every update drains and reboots each node in turn: these
        workloads would stop or block it.
      </p>
      <CompactTable
        label="HA readiness findings"
        rows={sorted}
        rowKey={(f, i) => `${f.rule}-${objectName(f.object)}-${i}`}
        rowState={(f) => (f.severity === 'error' ? 'failed' : f.severity === 'warning' ? 'unknown' : undefined)}
        fixed
        columns={[
          { title: 'Severity', cell: (f) => <SeverityLabel severity={f.severity} />, width: '7.5rem' },
          {
            title: 'Workload',
            width: '32%',
            cell: (f) => (
              <ObjectCell object={f.object}>
                <div className="sk-muted" data-testid="cluster-ha-where">
                  <Breakable text={whereWords(f.where)} />
                </div>
              </ObjectCell>
            ),
          },
          {
            title: 'Finding',
            cell: (f) => (
              <>
                {f.message}
                <div className="sk-cluster-fix">
                  <strong>What to do:</strong> {f.fix}
                </div>
                {f.alsoFlaggedBy && f.alsoFlaggedBy.length > 0 && <div className="sk-muted">Also reported by {f.alsoFlaggedBy.join(', ')}.</div>}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

function Odf({ odf }: { odf: NonNullable<LiveVerification['odf']> }) {
  const used = odf.usedBytes !== undefined && odf.capacityBytes ? Math.round((odf.usedBytes / odf.capacityBytes) * 100) : undefined;
  const healthy = odf.cephHealth === 'HEALTH_OK' && (odf.phase === undefined || odf.phase === 'Ready');
  return (
    <div data-testid="cluster-odf" data-healthy={healthy ? 'yes' : 'no'}>
      <p className="sk-cluster-summary">
        {healthy ? <OkIcon /> : <SeverityIcon severity="warning" />} Storage cluster {odf.phase ?? 'phase not known'}, Ceph{' '}
        {odf.cephHealth ?? 'health not known'}.{odf.message && <span className="sk-muted"> {odf.message}</span>}
      </p>
      {odf.capacityBytes !== undefined && (
        <Progress
          title="Capacity used"
          value={used ?? 0}
          label={`${formatBytes(odf.usedBytes)} of ${formatBytes(odf.capacityBytes)}`}
          measureLocation={ProgressMeasureLocation.outside}
          size={ProgressSize.sm}
          className="sk-cluster-odf-bar"
          aria-label={`Capacity used: ${formatBytes(odf.usedBytes)} of ${formatBytes(odf.capacityBytes)}`}
        />
      )}
    </div>
  );
}

export function VerifyView({ verification, drift }: { verification: LiveVerification; drift?: DriftResult }) {
  const v = verification;
  const shownDrift = drift ?? v.drift;
  const notReady = v.nodes.filter((n) => !n.ready).length;
  const appsOff = v.applications.filter((a) => a.sync !== 'Synced' || a.health !== 'Healthy').length;
  return (
    <div className="sk-cluster-verify" data-testid="cluster-verify" data-state={v.state}>
      <Part title="Nodes" testid="cluster-verify-nodes">
        <p className="sk-cluster-summary">
          {notReady ? <SeverityIcon severity="error" /> : <OkIcon />} {v.nodes.length - notReady} of {plural(v.nodes.length, 'node')} ready.
        </p>
        <CompactTable
          label="Nodes"
          rows={v.nodes}
          rowKey={(n) => n.name}
          rowState={(n) => (n.ready ? 'done' : 'failed')}
          columns={[
            { title: 'Node', cell: (n) => <span className="sk-cluster-mono">{n.name}</span>, className: 'sk-cluster-col--narrow' },
            { title: 'Ready', cell: (n) => (n.ready ? 'Yes' : <strong className="sk-cluster-no">No</strong>), className: 'sk-cluster-col--narrow' },
            { title: 'Roles', cell: (n) => n.roles.join(', ') },
            {
              title: 'Addresses',
              // One address a line, never broken inside.
              cell: (n) => n.addresses.map((a) => <div key={a} className="sk-cluster-mono sk-cluster-nowrap">{a}</div>),
            },
            { title: 'Runs workloads', cell: (n) => (n.schedulable ? 'Yes' : <strong className="sk-cluster-no">No (cordoned)</strong>) },
          ]}
        />
      </Part>
      <Part title="Compared with the plan" testid="cluster-verify-checks">
        <PlanChecks checks={v.checks} testid="cluster-verify-checklist" />
      </Part>
      <Part title="Cluster operators" testid="cluster-verify-operators">
        <OperatorsTable operators={v.operators} testid="cluster-verify-operator-table" />
      </Part>
      <Part title="Storage (ODF)" testid="cluster-verify-odf">
        {v.odf ? <Odf odf={v.odf} /> : <p className="sk-muted">No storage cluster found.</p>}
      </Part>
      <Part title="Argo CD applications" testid="cluster-verify-apps">
        {v.applications.length === 0 ? (
          <p className="sk-muted">No applications found: bootstrap GitOps first.</p>
        ) : (
          <>
            <p className="sk-cluster-summary">
              {appsOff ? <SeverityIcon severity="warning" /> : <OkIcon />} {v.applications.length - appsOff} of{' '}
              {plural(v.applications.length, 'application')} synced and healthy.
            </p>
            <CompactTable
              label="Argo CD applications"
              rows={v.applications}
              rowKey={(a) => a.name}
              rowState={(a) => (a.sync === 'Synced' && a.health === 'Healthy' ? 'done' : 'failed')}
              columns={[
                { title: 'Application', cell: (a) => <span className="sk-cluster-mono">{a.name}</span> },
                { title: 'Sync', cell: (a) => a.sync ?? '—', className: 'sk-cluster-col--narrow' },
                { title: 'Health', cell: (a) => a.health ?? '—', className: 'sk-cluster-col--narrow' },
                { title: 'Message', cell: (a) => a.message ?? '' },
              ]}
            />
          </>
        )}
      </Part>
      <Part title="Drift: the cluster compared with the bundle" testid="cluster-verify-drift">
        <DriftTable drift={shownDrift} />
      </Part>
      <Part title="HA readiness of the workloads" testid="cluster-verify-ha">
        <HaFindings findings={v.ha} {...(v.haSources ? { sources: v.haSources } : {})} />
      </Part>
    </div>
  );
}
