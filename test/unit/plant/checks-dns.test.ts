// DNS findings from the answers the nodes got, one broken answer at a time on plant-a.
import { describe, expect, it } from 'vitest';
import { findingsOf, only, plantInventories, plantOf, plantSite, resultOf } from './checks-fixture';

const DNS = '10.10.0.2';

function dnsFindings(change: (inv: ReturnType<typeof plantInventories>) => void) {
  const site = plantSite();
  const inventories = plantInventories(site);
  change(inventories);
  return findingsOf(site, inventories).filter((f) => f.id.startsWith('plant.dns-'));
}

describe('plant DNS checks', () => {
  it('find nothing when every server answers as planned', () => {
    expect(dnsFindings(() => {})).toEqual([]);
  });

  it('plant.dns-record-missing: a missing *.apps record, once for all three nodes, under the server', () => {
    const findings = dnsFindings((inv) => {
      for (const node of inv) {
        Object.assign(resultOf(plantOf(node), 'dns', (r) => r.server === DNS && r.name.startsWith('sitekit-check.apps.')), { status: 'NXDOMAIN', answers: [] });
      }
    });
    expect(findings).toEqual([
      {
        id: 'plant.dns-record-missing',
        severity: 'error',
        path: '/cluster/dnsServers/0',
        step: 'site',
        message:
          'The plant DNS 10.10.0.2 has no A record for *.apps.acp.plant-a.example.com (asked sitekit-check.apps.acp.plant-a.example.com, answer NXDOMAIN; seen from acp-1, acp-2 and acp-3): add a wildcard A record *.apps.acp.plant-a.example.com pointing to 10.10.0.6.',
      },
    ]);
  });

  it('plant.dns-record-missing: the node resolvers lack api-int, under /cluster/dnsServers', () => {
    const [f] = dnsFindings((inv) => {
      Object.assign(resultOf(plantOf(inv[1]!), 'dns', (r) => r.server === 'node' && r.name.startsWith('api-int.')), { status: 'not-found', answers: [] });
    });
    expect(f).toMatchObject({ id: 'plant.dns-record-missing', path: '/cluster/dnsServers' });
    expect(f!.message).toBe(
      "The node's own resolvers (10.10.0.2 in /etc/resolv.conf) find no A record for api-int.acp.plant-a.example.com (asked api-int.acp.plant-a.example.com, answer not found; seen from acp-2): add an A record api-int.acp.plant-a.example.com pointing to 10.10.0.5 on the DNS server the node asks, or point the node at the plan's DNS servers (10.10.0.2).",
    );
  });

  it('plant.dns-record-wrong: api answers another address', () => {
    const [f] = dnsFindings((inv) => {
      for (const node of inv) resultOf(plantOf(node), 'dns', (r) => r.server === DNS && r.name.startsWith('api.')).answers = ['10.10.0.99'];
    });
    expect(f).toMatchObject({ id: 'plant.dns-record-wrong', severity: 'error', path: '/cluster/dnsServers/0' });
    expect(f!.message).toBe(
      'The plant DNS 10.10.0.2 resolves api.acp.plant-a.example.com to 10.10.0.99, not to 10.10.0.5 (asked api.acp.plant-a.example.com, answer 10.10.0.99; seen from acp-1, acp-2 and acp-3): change the A record api.acp.plant-a.example.com to 10.10.0.5 (remove 10.10.0.99).',
    );
  });

  it('plant.dns-wildcard: the cluster domain answers any name (the Assisted Installer refuses it)', () => {
    const [f] = dnsFindings((inv) => {
      for (const node of inv) Object.assign(resultOf(plantOf(node), 'dns', (r) => r.server === DNS && r.name.startsWith('validateNoWildcardDNS.')), { status: 'NOERROR', answers: ['10.10.0.6'] });
    });
    expect(f).toMatchObject({ id: 'plant.dns-wildcard', severity: 'error', path: '/cluster/dnsServers/0' });
    expect(f!.message).toContain('The plant DNS 10.10.0.2 answers for any name under acp.plant-a.example.com (asked validateNoWildcardDNS.acp.plant-a.example.com, answer 10.10.0.6;');
    expect(f!.message).toContain('remove the wildcard record *.acp.plant-a.example.com (only *.apps.acp.plant-a.example.com may be a wildcard)');
  });

  it('plant.dns-base-wildcard: a wildcard over the base domain is a warning', () => {
    const [f] = dnsFindings((inv) => {
      Object.assign(resultOf(plantOf(inv[0]!), 'dns', (r) => r.server === DNS && r.name.startsWith('validatenowildcarddns-sitekit.')), { status: 'NOERROR', answers: ['192.0.2.80'] });
    });
    expect(f).toMatchObject({ id: 'plant.dns-base-wildcard', severity: 'warning' });
    expect(f!.message).toContain('answers for any name under plant-a.example.com (asked validatenowildcarddns-sitekit.plant-a.example.com, answer 192.0.2.80; seen from acp-1)');
  });

  it('plant.dns-record-missing: the mirror registry\'s name, under the server that lacks it', () => {
    const findings = dnsFindings((inv) => {
      for (const i of inv) {
        const plant = plantOf(i);
        const req = plant.requests.find((r) => r.kind === 'dns' && r.server === '10.10.0.2' && r.name === 'mirror.plant-a.example.com')!;
        Object.assign(plant.dns.find((d) => d.requestId === req.id)!, { status: 'NXDOMAIN', answers: [] });
      }
    });
    expect(findings.map((f) => [f.id, f.severity, f.path])).toEqual([['plant.dns-record-missing', 'error', '/cluster/dnsServers/0']]);
    expect(findings[0]!.message).toBe(
      'The plant DNS 10.10.0.2 has no A record for mirror.plant-a.example.com, the mirror registry (asked mirror.plant-a.example.com, answer NXDOMAIN; seen from acp-1, acp-2 and acp-3): add an A record mirror.plant-a.example.com pointing to the mirror registry\'s address: the nodes pull every image from it.',
    );
  });

  it('plant.dns-node-name: a missing forward record and a PTR naming another host', () => {
    const findings = dnsFindings((inv) => {
      for (const node of inv) {
        Object.assign(resultOf(plantOf(node), 'dns', (r) => r.server === DNS && r.name === 'acp-2.acp.plant-a.example.com'), { status: 'NXDOMAIN', answers: [] });
        resultOf(plantOf(node), 'dns', (r) => r.server === DNS && r.type === 'PTR' && r.name === '10.10.0.13').answers = ['old-host.plant-a.example.com.'];
      }
    });
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['plant.dns-node-name', 'warning'],
      ['plant.dns-node-name', 'warning'],
    ]);
    expect(findings[0]!.message).toContain(
      "has no A record for acp-2.acp.plant-a.example.com (asked acp-2.acp.plant-a.example.com, answer NXDOMAIN; seen from acp-1, acp-2 and acp-3): add an A record acp-2.acp.plant-a.example.com pointing to 10.10.0.12 (acp-2's planned address on the cluster network).",
    );
    expect(findings[1]!.message).toBe(
      "The plant DNS 10.10.0.2 names acp-3's address 10.10.0.13 old-host.plant-a.example.com, not acp-3 (asked PTR 10.10.0.13, answer old-host.plant-a.example.com; seen from acp-1, acp-2 and acp-3): change the PTR record 13.0.10.10.in-addr.arpa to acp-3.acp.plant-a.example.com: a node that takes its name from reverse DNS would otherwise be called old-host.",
    );
  });

  it('plant.dns-server-silent: one finding per server that timed out, with the number of questions', () => {
    const findings = dnsFindings((inv) => {
      const plant = plantOf(inv[2]!);
      const ids = new Set(plant.requests.filter((r) => r.kind === 'dns' && r.server === DNS).map((r) => r.id));
      for (const r of plant.dns) if (ids.has(r.requestId)) Object.assign(r, { status: 'timeout', answers: [] });
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'plant.dns-server-silent', severity: 'error', path: '/cluster/dnsServers/0' });
    expect(findings[0]!.message).toBe(
      'The plant DNS 10.10.0.2 did not answer (asked api.acp.plant-a.example.com and 11 more questions, no answer within the time limit; seen from acp-3): check that 10.10.0.2 runs a DNS server and that the cluster network 10.10.0.0/24 reaches it on port 53 (UDP and TCP).',
    );
  });

  it('plant.dns-not-checked: dig missing on the node, and questions of a changed plan', () => {
    const site = plantSite();
    const inventories = plantInventories(site);
    for (const r of plantOf(inventories[0]!).dns) if (r.tool === 'dig') Object.assign(r, { tool: 'dig', status: 'no-tool', answers: [], message: 'dig is not installed' });
    site.cluster.dnsServers.push('10.10.0.54'); // planned after the probe
    const findings = findingsOf(site, inventories).filter((f) => f.id.startsWith('plant.dns-'));
    expect(findings.map((f) => f.id)).toEqual(['plant.dns-not-checked', 'plant.dns-not-checked']);
    expect(findings.every((f) => f.severity === 'info' && f.path === '/cluster/dnsServers')).toBe(true);
    expect(findings[0]!.message).toBe(
      'The DNS records were not checked (e.g. api.acp.plant-a.example.com of 10.10.0.2: dig is not installed; seen from acp-1): install dig (bind-utils on RHEL, dnsutils on Debian) on the node, or probe from an image that has it, then probe again.',
    );
    expect(findings[1]!.message).toBe(
      'The DNS records were not checked (e.g. api.acp.plant-a.example.com of 10.10.0.54: the capture did not ask it (the plan changed after the probe); seen from acp-1, acp-2 and acp-3): probe the nodes again.',
    );
  });

  it('judges an old answer against the current plan: a changed Ingress VIP makes the *.apps answer wrong', () => {
    const site = plantSite();
    const inventories = plantInventories(site);
    site.cluster.ingressVIPs = ['10.10.0.7'];
    const wrong = only(findingsOf(site, inventories), 'plant.dns-record-wrong');
    expect(wrong.map((f) => f.path)).toEqual(['/cluster/dnsServers/0', '/cluster/dnsServers']);
    expect(wrong[0]!.message).toContain('change the wildcard A record *.apps.acp.plant-a.example.com to 10.10.0.7 (remove 10.10.0.6)');
  });
});
