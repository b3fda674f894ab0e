import { Alert, Button, Card, CardBody, CardHeader, CardTitle, Label, Title } from '@patternfly/react-core';
import type { SiteDocument } from '../../../main/contract/api';
import { STEPS, STEP_TITLES, type Finding, type Step } from '../../../main/core/validation/finding';
import { SeverityIcon, SeverityLabel, plural } from './icons';

function groupByStep(findings: readonly Finding[]): Array<[Step, Finding[]]> {
  const groups = new Map<Step, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.step) ?? [];
    list.push(f);
    groups.set(f.step, list);
  }
  return STEPS.filter((s) => groups.has(s)).map((s) => [s, groups.get(s)!]);
}

/** One finding: message (a link to its field when `onSelect` is given), what to do, where. */
export function FindingItem({
  finding,
  onShowLine,
  onSelect,
}: {
  finding: Finding;
  onShowLine?: (line: number) => void;
  onSelect?: (path: string) => void;
}) {
  const line = finding.position?.line;
  return (
    <li className={`sk-finding sk-finding--${finding.severity}`} data-testid="finding" data-rule={finding.id}>
      <div className="sk-finding__icon">
        <SeverityIcon severity={finding.severity} />
      </div>
      <div className="sk-finding__body">
        <div className="sk-finding__message">
          {onSelect ? (
            <Button
              variant="link"
              isInline
              className="sk-finding__go"
              onClick={() => onSelect(finding.path)}
              data-testid="finding-go"
              title="Go to the field"
            >
              {finding.message}
            </Button>
          ) : (
            finding.message
          )}
        </div>
        {finding.hint && (
          <div className="sk-finding__hint">
            <strong>What to do:</strong> {finding.hint}
          </div>
        )}
        <div className="sk-finding__meta">
          <SeverityLabel severity={finding.severity} />
          <code className="sk-finding__path" title="Where in site.yaml">
            {finding.path || '/'}
          </code>
          {line !== undefined && onShowLine && (
            <Button variant="link" isInline size="sm" onClick={() => onShowLine(line)} aria-label={`Show line ${line} in the editor`}>
              line {line}
            </Button>
          )}
          <span className="sk-finding__rule">{finding.id}</span>
        </div>
      </div>
    </li>
  );
}

export function FindingsPanel({
  doc,
  outdated,
  onShowLine,
  onSelect,
  plain,
}: {
  doc: SiteDocument;
  /** The text was edited after this check. */
  outdated: boolean;
  /** Shows the line in the YAML editor. */
  onShowLine?: (line: number) => void;
  /** Takes the technician to the field. */
  onSelect?: (path: string) => void;
  /** Without the card frame (inside a drawer). */
  plain?: boolean;
}) {
  const { errors, warnings, infos } = doc.summary;
  const groups = groupByStep(doc.findings);
  return (
    <Card isFullHeight isPlain={plain} data-testid="findings">
      <CardHeader>
        <CardTitle component="h2">
          Findings{' '}
          <span className="sk-counts" data-testid="finding-counts">
            {doc.status === 'unusable' ? (
              <Label isCompact status="danger" data-testid="error-count">
                not readable
              </Label>
            ) : (
              <>
                <Label isCompact status={errors ? 'danger' : 'success'} data-testid="error-count">
                  {plural(errors, 'error')}
                </Label>
                <Label
                  isCompact
                  status={warnings ? 'warning' : undefined}
                  color={warnings ? undefined : 'grey'}
                  data-testid="warning-count"
                >
                  {plural(warnings, 'warning')}
                </Label>
                {infos > 0 && (
                  <Label isCompact color="blue">
                    {plural(infos, 'note')}
                  </Label>
                )}
              </>
            )}
          </span>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {outdated && (
          <Alert
            variant="info"
            isInline
            isPlain
            title="Checking your latest change…"
            className="sk-gap"
          />
        )}
        {doc.status === 'unusable' && (
          <Alert variant="danger" isInline title="The text is not readable YAML" className="sk-gap" data-testid="unusable">
            {doc.error}
            {doc.position && (
              <>
                {' '}
                <Button variant="link" isInline onClick={() => onShowLine?.(doc.position!.line)}>
                  (line {doc.position.line})
                </Button>
              </>
            )}
          </Alert>
        )}
        {doc.status === 'invalid' && (
          <Alert
            variant="danger"
            isInline
            isPlain
            className="sk-gap"
            data-testid="findings-format-errors"
            title={
              doc.partial
                ? 'Some fields do not match the site format. They are listed below, with what the other checks found in the rest of the plan; those may change once the fields are fixed.'
                : 'Some fields do not match the site format; they are listed below.'
            }
          />
        )}
        {doc.findings.length === 0 && doc.status !== 'unusable' && (
          <Alert variant="success" isInline title="No problems found in the plan" data-testid="no-findings">
            The plan passes every check. Whether the site is ready also needs the discovered hardware, the secrets, the
            bundle and the export: see the readiness checklist.
          </Alert>
        )}
        {errors === 0 && doc.findings.length > 0 && doc.status === 'ok' && (
          <Alert variant="success" isInline isPlain className="sk-gap" title="No errors. Read the remaining points below before going on." data-testid="no-errors" />
        )}
        {groups.map(([step, findings]) => (
          <section key={step} className="sk-step" data-testid={`findings-step-${step}`} aria-label={STEP_TITLES[step]}>
            <Title headingLevel="h3" size="md" className="sk-step__title">
              {STEP_TITLES[step]}
              <span className="sk-step__count">
                {findings.map((f) => f.severity).includes('error') && <SeverityIcon severity="error" />} {plural(findings.length, 'finding')}
              </span>
            </Title>
            <ul className="sk-findings">
              {findings.map((f, i) => (
                <FindingItem key={`${f.id}-${f.path}-${i}`} finding={f} onShowLine={onShowLine} onSelect={onSelect} />
              ))}
            </ul>
          </section>
        ))}
      </CardBody>
    </Card>
  );
}
