import { describe, expect, it } from 'vitest';
import { exampleSite, findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  { id: 'nodes.count', severity: 'error', path: '/nodes', name: 'two nodes', change: (s) => void s.nodes.pop(), message: /2 nodes/ },
  {
    id: 'nodes.count',
    severity: 'error',
    path: '/nodes',
    name: 'four nodes',
    change: (s) => {
      const extra = structuredClone(s.nodes[2]!);
      extra.hostname = 'acp-4';
      s.nodes.push(extra);
    },
  },
  { id: 'nodes.hostname-invalid', severity: 'error', path: '/nodes/1/hostname', name: 'upper case', change: (s) => void (s.nodes[1]!.hostname = 'ACP-2'), message: /upper-case/ },
  { id: 'nodes.hostname-invalid', severity: 'error', path: '/nodes/2/hostname', name: 'FQDN', change: (s) => void (s.nodes[2]!.hostname = 'acp-3.plant-a.example.com') },
  { id: 'nodes.hostname-invalid', severity: 'error', path: '/nodes/0/hostname', name: '64 characters', change: (s) => void (s.nodes[0]!.hostname = 'a'.repeat(64)) },
  { id: 'nodes.hostname-invalid', severity: 'error', path: '/nodes/0/hostname', name: 'trailing hyphen', change: (s) => void (s.nodes[0]!.hostname = 'acp-') },
  { id: 'nodes.hostname-reserved', severity: 'error', path: '/nodes/0/hostname', name: 'localhost', change: (s) => void (s.nodes[0]!.hostname = 'localhost') },
  { id: 'nodes.hostname-reserved', severity: 'error', path: '/nodes/1/hostname', name: 'localhost6', change: (s) => void (s.nodes[1]!.hostname = 'localhost6') },
  {
    id: 'nodes.hostname-duplicate',
    severity: 'error',
    path: '/nodes/2/hostname',
    name: 'third node named like the first',
    change: (s) => void (s.nodes[2]!.hostname = 'acp-1'),
    message: /Nodes 1 and 3 .*acp-1/,
  },
  {
    id: 'nodes.bmc-duplicate',
    severity: 'error',
    path: '/nodes/1/bmc/address',
    name: 'copied BMC address',
    change: (s) => void (s.nodes[1]!.bmc = structuredClone(s.nodes[0]!.bmc)),
    message: /acp-2 .* acp-1/,
  },
]);

describe('nodes rules', () => {
  it('accepts exactly 63 characters', () => {
    expect(findingsOf(mutate((s) => void (s.nodes[0]!.hostname = 'a'.repeat(63))), 'nodes.hostname-invalid')).toEqual([]);
  });
  it('reports a reserved name once, not also as invalid', () => {
    const site = mutate((s) => void (s.nodes[0]!.hostname = 'localhost.localdomain'));
    expect(findingsOf(site, 'nodes.hostname-reserved')).toHaveLength(1);
    expect(findingsOf(site, 'nodes.hostname-invalid')).toEqual([]);
  });
  it('does not fault nodes without BMC', () => {
    const site = exampleSite();
    for (const n of site.nodes) delete n.bmc;
    expect(findingsOf(site, 'nodes.bmc-duplicate')).toEqual([]);
  });
});
