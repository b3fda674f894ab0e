// Section 4: networks, the VIPs, and every node's addresses (host, BMC, live-image SSH).
import { effectiveLayout, networkMtu } from '../../site/model';
import type { ReportContext } from '../context';
import { esc } from '../escape';
import { ROLE_COLORS } from '../plan';
import { dash, kv, section, table } from './frame';

export function ipPlanSection(ctx: ReportContext): string {
  const { site } = ctx;
  const c = site.cluster;
  const carriedOn = (name: string) => {
    const devices = new Set<string>();
    for (const node of site.nodes) {
      for (const u of effectiveLayout(site, node).uplinks) {
        if (u.networks.includes(name)) devices.add(`${u.device}${u.bridge ? ` → ${u.bridge}` : ''}`);
      }
    }
    return devices.size ? [...devices].map((d) => `<code>${esc(d)}</code>`).join(', ') : '<span class="muted">out of band</span>';
  };
  const networks = table(
    ['Network', 'Role', 'VLAN', 'Subnet', 'Gateway', 'MTU', 'Carried on'],
    site.networks.map((n) => [
      `<strong>${esc(n.name)}</strong>${n.description ? `<br><span class="muted">${esc(n.description)}</span>` : ''}`,
      `<span class="badge" style="background:${ROLE_COLORS[n.role]}">${esc(n.role)}</span>`,
      esc(n.vlan),
      `<code>${esc(n.subnet)}</code>`,
      n.gateway ? `<code>${esc(n.gateway)}</code>` : '<span class="muted">none</span>',
      esc(networkMtu(n)),
      carriedOn(n.name),
    ]),
  );
  const fqdn = `${c.name}.${c.baseDomain}`;
  const vips = kv([
    ['API VIP', `${c.apiVIPs.map((v) => `<code>${esc(v)}</code>`).join(', ')} <span class="muted">api.${esc(fqdn)}, api-int.${esc(fqdn)}</span>`],
    ['Ingress VIP', `${c.ingressVIPs.map((v) => `<code>${esc(v)}</code>`).join(', ')} <span class="muted">*.apps.${esc(fqdn)}</span>`],
    ['Cluster network', `<code>${esc(c.clusterNetwork.cidr)}</code> (host prefix /${esc(c.clusterNetwork.hostPrefix)})`],
    ['Service network', `<code>${esc(c.serviceNetwork)}</code>`],
  ]);
  const hostNets = site.networks.filter((n) => n.role !== 'bmc');
  const nodes = table(
    ['Node', ...hostNets.map((n) => n.name), 'BMC', 'SSH (live image)'],
    site.nodes.map((node) => [
      `<strong>${esc(node.hostname)}</strong>${node.rack ? `<br><span class="muted">rack ${esc(node.rack)}</span>` : ''}${node.zone ? `<br><span class="muted">zone ${esc(node.zone)}</span>` : ''}`,
      ...hostNets.map((n) => (node.addresses[n.name] ? `<code>${esc(node.addresses[n.name])}</code>` : dash)),
      node.bmc ? `<code class="wrap-any">${esc(node.bmc.address)}</code>${node.bmc.credentials ? `<br><span class="muted">credentials: ${esc(node.bmc.credentials.secretRef)}</span>` : ''}` : dash,
      node.ssh ? `<code>${esc(`${node.ssh.user ? `${node.ssh.user}@` : ''}${node.ssh.host}${node.ssh.port ? `:${node.ssh.port}` : ''}`)}</code>` : dash,
    ]),
    'nodes',
  );
  return section(4, 'ip-plan', 'IP plan', `<h3>Networks</h3>${networks}<h3>Virtual IPs and cluster networks</h3>${vips}<h3>Node addresses</h3>${nodes}`);
}
