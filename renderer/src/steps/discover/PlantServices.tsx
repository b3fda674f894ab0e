// "Plant services": per node, what Sitekit asked the plant's DNS servers, registry, time servers
// and gateway from that node, and what came back (core/plant/describe.ts, shared with the
// report). The findings with what to fix are under the plan fields and in the list above; this
// panel is the evidence behind them.
import { Card, CardBody, CardHeader, CardTitle, Content, Icon, Title } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import OutlinedQuestionCircleIcon from '@patternfly/react-icons/dist/esm/icons/outlined-question-circle-icon';
import type { InventoryView } from '../../../../main/contract/api';
import { describePlant, plantFactsOf, type PlantMark, type PlantTable, type PlantView } from '../../../../main/core/plant/describe';
import type { Site } from '../../../../main/core/site/schema';
import { plural } from '../../components/icons';

const MARK_WORDS: Record<PlantMark, string> = { ok: 'as planned', bad: 'problem', warn: 'worth a look', unknown: 'not checked' };

function MarkIcon({ mark }: { mark: PlantMark }) {
  switch (mark) {
    case 'ok':
      return (
        <Icon status="success" size="sm" aria-label={MARK_WORDS.ok}>
          <CheckCircleIcon />
        </Icon>
      );
    case 'bad':
      return (
        <Icon status="danger" size="sm" aria-label={MARK_WORDS.bad}>
          <ExclamationCircleIcon />
        </Icon>
      );
    case 'warn':
      return (
        <Icon status="warning" size="sm" aria-label={MARK_WORDS.warn}>
          <ExclamationTriangleIcon />
        </Icon>
      );
    default:
      return (
        <Icon size="sm" aria-label={MARK_WORDS.unknown} className="sk-muted">
          <OutlinedQuestionCircleIcon />
        </Icon>
      );
  }
}

/** `12 as planned, 1 problem, 3 not checked`. */
export function plantSummary(view: PlantView): string {
  const m = view.marks;
  return [
    m.bad && plural(m.bad, 'problem'),
    m.warn && `${m.warn} worth a look`,
    m.ok && `${m.ok} as planned`,
    m.unknown && `${m.unknown} not checked`,
  ]
    .filter(Boolean)
    .join(', ');
}

function PlantTableView({ table, node }: { table: PlantTable; node: string }) {
  return (
    <div className="sk-plant__table" data-testid={`discover-plant-${node}-${table.id}`}>
      <Title headingLevel="h4" size="md" className="sk-plant__title">
        {table.title}
      </Title>
      <div className="sk-plant__scroll">
        <table className="sk-plant__grid">
          <thead>
            <tr>
              <th scope="col">Asked</th>
              {table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={`${row.asked}-${i}`}>
                <th scope="row">
                  <span className="sk-plant__asked">{row.asked}</span>
                  {row.expect && <span className="sk-plant__expect">expect {row.expect}</span>}
                </th>
                {row.cells.map((cell, j) => (
                  <td key={j} className={`sk-plant__cell sk-plant__cell--${cell.mark}`}>
                    <MarkIcon mark={cell.mark} /> {cell.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.note && <p className="sk-plant__note">{table.note}</p>}
    </div>
  );
}

function NodePlant({ node, view, open, collectedAt }: { node: string; view: PlantView; open: boolean; collectedAt: string }) {
  const summary = plantSummary(view);
  return (
    <details className="sk-plant__node" open={open} data-testid={`discover-plant-${node}`}>
      <summary>
        <Title headingLevel="h3" size="md" className="sk-plant__summary">
          <span className="sk-discover-node__name">{node}</span>
          <span className="sk-muted">{summary}</span>
        </Title>
      </summary>
      <div className="sk-plant__tables">
        {view.tables.map((t) => (
          <PlantTableView key={t.id} table={t} node={node} />
        ))}
      </div>
      <p className="sk-plant__note">
        Asked {new Date(collectedAt).toLocaleString()}
        {view.missingTools.length > 0 &&
          `. The node lacks ${view.missingTools.join(', ')}: the checks that need ${view.missingTools.length === 1 ? 'it' : 'them'} were not made`}
        .
      </p>
    </details>
  );
}

export interface PlantServicesProps {
  site: Site;
  /** The stored inventories (probe.inventories), in plan order. */
  inventories: readonly InventoryView[];
  /** The plan's node names, in order. */
  hostnames: readonly string[];
}

export function PlantServices({ site, inventories, hostnames }: PlantServicesProps) {
  const views = hostnames.flatMap((node) => {
    const inv = inventories.find((i) => i.node === node);
    const facts = inv ? plantFactsOf(inv) : undefined;
    return inv && facts ? [{ node, collectedAt: inv.collectedAt, view: describePlant(site, facts, inv.collectedAt) }] : [];
  });
  const older = hostnames.filter((n) => inventories.some((i) => i.node === n) && !views.some((v) => v.node === n));
  if (views.length === 0 && older.length === 0) return null;
  // Open the nodes with something to fix; when all is well, only the first.
  const withProblems = views.filter((v) => v.view.marks.bad + v.view.marks.warn > 0).map((v) => v.node);
  const openNodes = new Set(withProblems.length ? withProblems : views.slice(0, 1).map((v) => v.node));
  return (
    <Card data-testid="discover-plant">
      <CardHeader>
        <CardTitle component="h2">Plant services, as each node sees them</CardTitle>
      </CardHeader>
      <CardBody>
        <Content component="p" className="sk-plant__intro">
          From every node Sitekit asked the planned DNS servers and the node’s own resolvers for the cluster’s names, the registry
          for its certificate and images, the time servers, the gateway, and whether the VIPs are still free. What to fix is listed
          with the findings and under the plan fields.
          {site.cluster.mirror &&
            ' The registry login is the mirror’s entry of the stored pull secret, held in the node’s memory during the check and never written.'}
        </Content>
        {older.length > 0 && (
          <Content component="p" className="sk-muted" data-testid="discover-plant-older">
            {older.join(', ')}: discovered before Sitekit checked the plant’s services. Discover again to check them.
          </Content>
        )}
        {views.map((v) => (
          <NodePlant key={v.node} node={v.node} view={v.view} collectedAt={v.collectedAt} open={openNodes.has(v.node)} />
        ))}
      </CardBody>
    </Card>
  );
}
