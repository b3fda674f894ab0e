import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
} from '@patternfly/react-core';
import type { Finding } from '../../../main/core/validation/finding';
import type { Site } from '../../../main/core/site/schema';
import { SeverityIcon } from './icons';

function Item({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId}>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

/** Worst finding whose path is `prefix` or below it. */
function worstAt(findings: readonly Finding[], prefix: string): Finding | undefined {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings
    .filter((f) => f.path === prefix || f.path.startsWith(`${prefix}/`))
    .sort((a, b) => rank[a.severity] - rank[b.severity])[0];
}

function Flag({ finding }: { finding?: Finding }) {
  if (!finding) return null;
  return (
    <span className="sk-flag" title={finding.message}>
      <SeverityIcon severity={finding.severity} />
    </span>
  );
}

export function SiteCard({ site }: { site: Site }) {
  const c = site.cluster;
  return (
    <Card isFullHeight>
      <CardHeader>
        <CardTitle component="h2">Site</CardTitle>
      </CardHeader>
      <CardBody>
        <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: '11ch' }}>
          <Item term="Site name" testId="overview-site-name">
            {site.metadata.name}
          </Item>
          <Item term="Location">{site.metadata.location ?? <span className="sk-muted">not given</span>}</Item>
          <Item term="Cluster" testId="overview-cluster">
            <code>{c.name}</code> in <code>{c.baseDomain}</code>
          </Item>
          <Item term="API address">
            <code>api.{c.name}.{c.baseDomain}</code> → {c.apiVIPs.join(', ')}
          </Item>
          <Item term="Apps address">
            <code>*.apps.{c.name}.{c.baseDomain}</code> → {c.ingressVIPs.join(', ')}
          </Item>
          <Item term="OpenShift" testId="overview-openshift">
            {c.openshiftVersion}
            {c.mirror && (
              <Label isCompact color="purple" className="sk-inline-label">
                disconnected: mirror {c.mirror.registry}
              </Label>
            )}
          </Item>
          <Item term="DNS / NTP">
            {c.dnsServers.join(', ')} / {c.ntpServers.join(', ')}
          </Item>
        </DescriptionList>
      </CardBody>
    </Card>
  );
}

export function NodesCard({ site, findings }: { site: Site; findings: readonly Finding[] }) {
  const clusterNet = site.networks.find((n) => n.role === 'cluster')?.name;
  const storageNet = site.networks.find((n) => n.role === 'storage')?.name;
  const placed = site.nodes.some((n) => n.rack || n.zone);
  return (
    <Card isFullHeight>
      <CardHeader>
        <CardTitle component="h2">
          Nodes <span className="sk-muted">({site.nodes.length} of 3)</span>
        </CardTitle>
      </CardHeader>
      <CardBody>
        <table className="pf-v6-c-table pf-m-compact sk-table" aria-label="Nodes" data-testid="nodes-table">
          <thead className="pf-v6-c-table__thead">
            <tr className="pf-v6-c-table__tr">
              <th className="pf-v6-c-table__th" scope="col">Node</th>
              <th className="pf-v6-c-table__th" scope="col">Cluster IP</th>
              {storageNet && (
                <th className="pf-v6-c-table__th" scope="col">Storage IP</th>
              )}
              {placed && (
                <th className="pf-v6-c-table__th" scope="col">Rack / zone</th>
              )}
            </tr>
          </thead>
          <tbody className="pf-v6-c-table__tbody">
            {site.nodes.map((node, i) => (
              <tr className="pf-v6-c-table__tr" key={`${node.hostname}-${i}`}>
                <td className="pf-v6-c-table__td sk-nowrap" data-label="Node">
                  <Flag finding={worstAt(findings, `/nodes/${i}`)} />
                  <strong>{node.hostname}</strong>
                </td>
                <td className="pf-v6-c-table__td" data-label="Cluster IP">
                  {(clusterNet && node.addresses[clusterNet]) ?? <span className="sk-muted">missing</span>}
                </td>
                {storageNet && (
                  <td className="pf-v6-c-table__td" data-label="Storage IP">
                    {node.addresses[storageNet] ?? <span className="sk-muted">missing</span>}
                  </td>
                )}
                {placed && (
                  <td className="pf-v6-c-table__td" data-label="Rack / zone">
                    {[node.rack && `rack ${node.rack}`, node.zone && `zone ${node.zone}`].filter(Boolean).join(', ') || (
                      <span className="sk-muted">—</span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}

const ROLE_TEXT = { cluster: 'Cluster', storage: 'Storage (ODF)', vm: 'VM traffic', bmc: 'BMC' } as const;

export function NetworksCard({ site, findings }: { site: Site; findings: readonly Finding[] }) {
  return (
    <Card isFullHeight>
      <CardHeader>
        <CardTitle component="h2">Networks</CardTitle>
      </CardHeader>
      <CardBody>
        <table className="pf-v6-c-table pf-m-compact sk-table" aria-label="Networks" data-testid="networks-table">
          <thead className="pf-v6-c-table__thead">
            <tr className="pf-v6-c-table__tr">
              <th className="pf-v6-c-table__th" scope="col">Name</th>
              <th className="pf-v6-c-table__th" scope="col">Use</th>
              <th className="pf-v6-c-table__th" scope="col">VLAN</th>
              <th className="pf-v6-c-table__th" scope="col">Subnet</th>
              <th className="pf-v6-c-table__th" scope="col">MTU</th>
            </tr>
          </thead>
          <tbody className="pf-v6-c-table__tbody">
            {site.networks.map((net, i) => (
              <tr className="pf-v6-c-table__tr" key={`${net.name}-${i}`}>
                <td className="pf-v6-c-table__td sk-nowrap" data-label="Name">
                  <Flag finding={worstAt(findings, `/networks/${i}`)} />
                  <strong>{net.name}</strong>
                </td>
                <td className="pf-v6-c-table__td" data-label="Use">
                  {ROLE_TEXT[net.role]}
                </td>
                <td className="pf-v6-c-table__td" data-label="VLAN">
                  {net.vlan === 'untagged' ? <span className="sk-muted">untagged</span> : net.vlan}
                </td>
                <td className="pf-v6-c-table__td" data-label="Subnet">
                  {net.subnet}
                  {net.gateway ? <span className="sk-muted"> via {net.gateway}</span> : null}
                </td>
                <td className="pf-v6-c-table__td" data-label="MTU">
                  {net.mtu ?? 1500}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}
