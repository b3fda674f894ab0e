// Plan edits the probe proposes (MACs, NIC names, boot disk hint, ODF devices): a list to
// review, with what each one writes and, when it replaces something typed in the plan, what
// is there now. Nothing is written until the technician applies it.
import { Alert, Button, Card, CardBody, CardHeader, CardTitle, Checkbox, Label, Title } from '@patternfly/react-core';
import type { PlanProposal } from '../../../../main/contract/api';
import { plural } from '../../components/icons';
import type { AppliedEdits } from './discover-store';
import { proposalNode, showValue } from './words';

/** Proposals by node, the shared layout ('*') last. */
export function groupProposals(proposals: readonly PlanProposal[], hostnames: readonly string[]): Array<[string, PlanProposal[]]> {
  const groups = new Map<string, PlanProposal[]>();
  for (const p of proposals) groups.set(p.node, [...(groups.get(p.node) ?? []), p]);
  const order = [...hostnames, ...[...groups.keys()].filter((k) => k !== '*' && !hostnames.includes(k)), '*'];
  return order.filter((k) => groups.has(k)).map((k) => [k, groups.get(k)!]);
}

export interface ProposalsProps {
  proposals: readonly PlanProposal[];
  selected: readonly string[];
  hostnames: readonly string[];
  applied?: AppliedEdits;
  applying: boolean;
  /** Why nothing can be applied now (unsaved edits, no file); undefined when it can. */
  blocked?: string;
  onToggle(id: string, on: boolean): void;
  onSelect(ids: string[]): void;
  onApply(ids: string[]): void;
}

export function Proposals({ proposals, selected, hostnames, applied, applying, blocked, onToggle, onSelect, onApply }: ProposalsProps) {
  const blanks = proposals.filter((p) => !p.replaces).map((p) => p.id);
  const replacing = proposals.filter((p) => p.replaces).length;
  const disabled = applying || blocked !== undefined;
  const chosen = proposals.filter((p) => selected.includes(p.id)).map((p) => p.id);

  return (
    <Card data-testid="discover-proposals">
      <CardHeader
        actions={{
          hasNoOffset: true,
          actions: (
            <>
              <Button variant="primary" isDisabled={disabled || chosen.length === 0} isLoading={applying} onClick={() => onApply(chosen)} data-testid="discover-apply-selected">
                Apply selected ({chosen.length})
              </Button>
              <Button variant="secondary" isDisabled={disabled || blanks.length === 0} onClick={() => onApply(blanks)} data-testid="discover-apply-all">
                Apply all blanks ({blanks.length})
              </Button>
            </>
          ),
        }}
      >
        <CardTitle component="h2">Proposed changes to the plan</CardTitle>
      </CardHeader>
      <CardBody>
        {applied && applied.proposals.length > 0 && (
          <Alert isInline variant="success" title={`Written into ${applied.path}`} className="sk-gap" data-testid="discover-applied">
            <ul className="sk-discover-applied">
              {applied.proposals.map((p) => (
                <li key={p.id}>
                  {proposalNode(p)}: <code>{p.path}</code> = <code>{showValue(p.proposed)}</code>
                  {p.replaces && <span className="sk-muted"> (was {showValue(p.current)})</span>}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {proposals.length === 0 ? (
          <p className="sk-muted" data-testid="discover-proposals-none">
            {applied ? 'Nothing else to fill in.' : 'The plan already has every value the discovery can fill in.'}
          </p>
        ) : (
          <>
            <p className="sk-gap">
              Sitekit can fill these values into the plan from what it found: {plural(blanks.length, 'empty field')}
              {replacing ? `, and ${plural(replacing, 'value')} that would replace what is typed in the plan (check those first)` : ''}. Nothing
              changes until you apply; applying writes the site file and keeps its comments.
            </p>
            {blocked && (
              <Alert isInline isPlain variant="info" title={blocked} className="sk-gap" data-testid="discover-apply-blocked" />
            )}
            <div className="sk-discover-proposals__select">
              <Button variant="link" isInline isDisabled={disabled} onClick={() => onSelect(proposals.map((p) => p.id))}>
                Select all
              </Button>
              <Button variant="link" isInline isDisabled={disabled} onClick={() => onSelect(blanks)}>
                Select blanks only
              </Button>
              <Button variant="link" isInline isDisabled={disabled || chosen.length === 0} onClick={() => onSelect([])}>
                Select none
              </Button>
            </div>
            {groupProposals(proposals, hostnames).map(([node, list]) => (
              <section key={node} className="sk-discover-proposals__group">
                <Title headingLevel="h3" size="md">
                  {proposalNode({ node })}
                </Title>
                <ul className="sk-discover-proposals">
                  {list.map((p) => {
                    const id = `sk-proposal-${p.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
                    return (
                      <li
                        key={p.id}
                        className={`sk-discover-proposal${p.replaces ? ' sk-discover-proposal--replaces' : ''}`}
                        data-testid="discover-proposal"
                        data-id={p.id}
                      >
                        <Checkbox
                          id={id}
                          isChecked={selected.includes(p.id)}
                          isDisabled={disabled}
                          onChange={(_e, on) => onToggle(p.id, on)}
                          aria-label={`Select ${p.path} on ${proposalNode(p)}`}
                        />
                        <div className="sk-discover-proposal__body">
                          <div className="sk-discover-proposal__field">
                            <code title="Field in site.yaml">{p.path}</code>
                            {p.replaces && (
                              <Label isCompact status="warning" data-testid="discover-replaces">
                                replaces your value
                              </Label>
                            )}
                          </div>
                          <div className="sk-discover-proposal__values">
                            <span className="sk-muted">{p.replaces ? 'New value' : 'Value'}</span>
                            <code className="sk-discover-proposal__value">{showValue(p.proposed)}</code>
                            {p.replaces && (
                              <>
                                <span className="sk-muted">now in the plan</span>
                                <code className="sk-discover-proposal__value sk-discover-proposal__value--old">{showValue(p.current)}</code>
                              </>
                            )}
                          </div>
                          <div className="sk-discover-proposal__reason">{p.reason}</div>
                        </div>
                        <Button variant="secondary" size="sm" isDisabled={disabled} onClick={() => onApply([p.id])} aria-label={`Apply ${p.path} on ${proposalNode(p)}`}>
                          Apply
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </>
        )}
      </CardBody>
    </Card>
  );
}
