// The live cluster against the plan, from plain objects (the fixtures of test/kube/fixtures):
// every check ok on an installed plant-a, each kind of difference named with what to do, and
// "unknown" with the reason while a source is not there yet.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../main/core/cluster/client';
import { checkLiveAgainstPlan } from '../../../main/core/cluster/install/plan-check';
import type { LiveCheck } from '../../../main/core/cluster/types';
import { exampleSite, mutate } from '../../helpers/example-site';
import { installedPlantA, one, schedulerObject } from './install-live-objects';

const site = exampleSite();

function byId(checks: LiveCheck[], id: string, node?: string): LiveCheck[] {
  return checks.filter((c) => c.id === id && (node === undefined || c.node === node));
}

function only(checks: LiveCheck[], id: string, node?: string, title?: string): LiveCheck {
  const found = byId(checks, id, node).filter((c) => title === undefined || c.title === title);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function nodeNamed(nodes: KubeObject[], name: string): KubeObject {
  const node = nodes.find((n) => n.metadata.name === name);
  if (!node) throw new Error(`no node ${name}`);
  return node;
}

describe('plan check on an installed plant-a', () => {
  it('is ok everywhere: version, the three names, IPs, every MAC (bond ports by their own MAC), roles, schedulable masters, VIPs', () => {
    const checks = checkLiveAgainstPlan(site, installedPlantA(site));
    expect(checks.filter((c) => c.state !== 'ok')).toEqual([]);
    expect(checks).toHaveLength(1 + 1 + 3 + 15 + 3 + 1 + 2);
    expect(only(checks, 'cluster.version')).toMatchObject({ expected: '4.18', actual: '4.18.9' });
    expect(only(checks, 'node.names')).toMatchObject({ expected: 'acp-1, acp-2, acp-3', actual: 'acp-1, acp-2, acp-3' });
    expect(only(checks, 'node.ip', 'acp-2')).toMatchObject({ expected: '10.10.0.12', actual: '10.10.0.12' });
    // ens1f1 is a bond0 port: its current MAC is the bond's, its own is permanent-mac-address.
    expect(only(checks, 'node.mac', 'acp-1', 'MAC of ens1f1 on acp-1')).toMatchObject({ state: 'ok', actual: 'ens1f1 B4:96:91:A1:01:01' });
    expect(only(checks, 'node.roles', 'acp-3').actual).toBe('control-plane, master, worker');
    expect(only(checks, 'vip.api')).toMatchObject({ expected: '10.10.0.5', actual: '10.10.0.5' });
    expect(only(checks, 'vip.ingress')).toMatchObject({ expected: '10.10.0.6', actual: '10.10.0.6' });
  });
});

describe('plan check differences', () => {
  it('names another release, and an x.y.z plan that is not exactly what runs', () => {
    const live = installedPlantA(site);
    const older = only(checkLiveAgainstPlan(mutate((s) => (s.cluster.openshiftVersion = '4.17')), live), 'cluster.version');
    expect(older).toMatchObject({ state: 'mismatch', expected: '4.17', actual: '4.18.9' });
    expect(older.note).toMatch(/agent ISO was made with another openshift-install/);
    const patch = only(checkLiveAgainstPlan(mutate((s) => (s.cluster.openshiftVersion = '4.18.3')), live), 'cluster.version');
    expect(patch.state).toBe('mismatch');
    expect(only(checkLiveAgainstPlan(mutate((s) => (s.cluster.openshiftVersion = '4.18.9')), live), 'cluster.version').state).toBe('ok');
  });

  it('names a node that has not joined and one the plan does not know', () => {
    const live = installedPlantA(site);
    const stranger = nodeNamed(live.nodes!, 'acp-3');
    stranger.metadata.name = 'localhost.localdomain';
    const checks = checkLiveAgainstPlan(site, live);
    const names = only(checks, 'node.names');
    expect(names).toMatchObject({ state: 'mismatch', actual: 'acp-1, acp-2, localhost.localdomain' });
    expect(names.note).toMatch(/^acp-3 has not joined.*; localhost\.localdomain is not in the plan/);
    expect(only(checks, 'node.ip', 'acp-3')).toMatchObject({ state: 'unknown', note: 'acp-3 has not joined the cluster yet.' });
    expect(only(checks, 'node.roles', 'acp-3').state).toBe('unknown');
  });

  it('accepts a node registered under its FQDN', () => {
    const live = installedPlantA(site);
    nodeNamed(live.nodes!, 'acp-2').metadata.name = 'acp-2.acp.plant-a.example.com';
    const checks = checkLiveAgainstPlan(site, live);
    expect(only(checks, 'node.names').state).toBe('ok');
    expect(only(checks, 'node.ip', 'acp-2').state).toBe('ok');
  });

  it('names an address the node took that is not the planned one', () => {
    const live = installedPlantA(site);
    const status = nodeNamed(live.nodes!, 'acp-2').status as { addresses: { type: string; address: string }[] };
    status.addresses = [{ type: 'InternalIP', address: '10.10.0.112' }, { type: 'Hostname', address: 'acp-2' }];
    const ip = only(checkLiveAgainstPlan(site, live), 'node.ip', 'acp-2');
    expect(ip).toMatchObject({ state: 'mismatch', expected: '10.10.0.12', actual: '10.10.0.112' });
    expect(ip.note).toMatch(/nodes\[\]\.addresses\.cluster/);
  });

  it('tells swapped NIC names from a wrong MAC, and finds a NIC the plan calls by another name', () => {
    const live = installedPlantA(site);
    const swapped = mutate((s) => {
      const nics = s.nodes[1]!.interfaces;
      const [a, b] = [nics.find((n) => n.name === 'eno1')!, nics.find((n) => n.name === 'ens1f0')!];
      [a.mac, b.mac] = [b.mac, a.mac];
    });
    const swap = checkLiveAgainstPlan(swapped, live);
    const eno1 = only(swap, 'node.mac', 'acp-2', 'MAC of eno1 on acp-2');
    expect(eno1).toMatchObject({ state: 'mismatch', expected: 'eno1 b4:96:91:a1:02:00', actual: 'eno1 3C:EC:EF:10:02:01' });
    expect(eno1.note).toBe('On acp-2 b4:96:91:a1:02:00 belongs to ens1f0, not eno1: the plan swapped the NIC names; fix nodes[].interfaces of acp-2.');

    const typo = checkLiveAgainstPlan(mutate((s) => (s.nodes[2]!.interfaces[0]!.mac = '3c:ec:ef:10:03:99')), live);
    expect(only(typo, 'node.mac', 'acp-3', 'MAC of eno1 on acp-3').note).toMatch(/has 3C:EC:EF:10:03:01, not 3c:ec:ef:10:03:99: fix the MAC in the plan/);

    const renamed = checkLiveAgainstPlan(mutate((s) => (s.nodes[0]!.interfaces[0]!.name = 'eno1np0')), live);
    expect(only(renamed, 'node.mac', 'acp-1', 'MAC of eno1np0 on acp-1')).toMatchObject({
      state: 'mismatch',
      actual: 'eno1 3C:EC:EF:10:01:01',
      note: 'The NIC with 3c:ec:ef:10:01:01 is called eno1 on acp-1, not eno1np0: fix the interface name in the plan.',
    });
  });

  it('names a node that is not a worker and masters that are not schedulable', () => {
    const live = installedPlantA(site);
    delete nodeNamed(live.nodes!, 'acp-1').metadata.labels!['node-role.kubernetes.io/worker'];
    live.scheduler = schedulerObject(false);
    const checks = checkLiveAgainstPlan(site, live);
    expect(only(checks, 'node.roles', 'acp-1')).toMatchObject({ state: 'mismatch', actual: 'control-plane, master' });
    const schedulable = only(checks, 'masters.schedulable');
    expect(schedulable).toMatchObject({ state: 'mismatch', actual: 'mastersSchedulable: false' });
    expect(schedulable.note).toMatch(/set spec\.mastersSchedulable to true/);
  });

  it('falls back to the worker labels when the Scheduler cannot be read', () => {
    const live = installedPlantA(site);
    delete live.scheduler;
    expect(only(checkLiveAgainstPlan(site, live), 'masters.schedulable')).toMatchObject({
      state: 'ok',
      actual: 'worker role on 3 of 3 nodes (Scheduler not readable)',
    });
  });

  it('names VIPs the cluster holds that are not the planned ones, and a platform that keeps none', () => {
    const live = installedPlantA(site);
    const baremetal = (live.infrastructure!.status as { platformStatus: { baremetal: Record<string, unknown> } }).platformStatus.baremetal;
    baremetal.ingressIPs = ['10.10.0.7'];
    const ingress = only(checkLiveAgainstPlan(site, live), 'vip.ingress');
    expect(ingress).toMatchObject({ state: 'mismatch', expected: '10.10.0.6', actual: '10.10.0.7' });
    expect(ingress.note).toMatch(/cluster\.ingressVIPs/);

    // The same address written another way (IPv6 not in RFC 5952 form) is the same VIP.
    const v6 = mutate((s) => (s.cluster.apiVIPs = ['2001:db8::5']));
    const v6Live = installedPlantA(site);
    const v6Baremetal = (v6Live.infrastructure!.status as { platformStatus: { baremetal: Record<string, unknown> } }).platformStatus.baremetal;
    v6Baremetal.apiServerInternalIPs = ['2001:0DB8:0:0:0:0:0:0005'];
    expect(only(checkLiveAgainstPlan(v6, v6Live), 'vip.api').state).toBe('ok');

    const none = installedPlantA(site);
    none.infrastructure = { ...one('plant-a/infrastructure.yaml'), status: { platform: 'None', platformStatus: { type: 'None' } } };
    expect(only(checkLiveAgainstPlan(site, none), 'vip.api')).toMatchObject({ state: 'mismatch', actual: 'platform None' });
  });
});

describe('plan check before the sources are there', () => {
  it('says unknown, with why, for every check of an empty cluster', () => {
    const checks = checkLiveAgainstPlan(site, {
      unavailable: { nodeNetworkStates: 'The NMState operator is not installed yet (a GitOps wave installs it): the MACs can be checked after that wave.' },
    });
    expect(checks.every((c) => c.state === 'unknown' && c.note && c.actual === '(not known yet)')).toBe(true);
    // One MAC check per node while NMState is not there, with the reason given.
    expect(byId(checks, 'node.mac').map((c) => c.title)).toEqual(['MACs of acp-1', 'MACs of acp-2', 'MACs of acp-3']);
    expect(byId(checks, 'node.mac')[0]!.note).toMatch(/NMState operator is not installed yet/);
    expect(only(checks, 'cluster.version').note).toBe('The cluster version operator has not reported a version yet.');
  });

  it('checks the MACs of the nodes nmstate has reported and waits for the others', () => {
    const live = installedPlantA(site);
    live.nodeNetworkStates = live.nodeNetworkStates!.filter((s) => s.metadata.name === 'acp-1');
    const checks = checkLiveAgainstPlan(site, live);
    expect(byId(checks, 'node.mac', 'acp-1').every((c) => c.state === 'ok')).toBe(true);
    expect(only(checks, 'node.mac', 'acp-2')).toMatchObject({ state: 'unknown', note: 'NMState has not reported acp-2 yet (its NodeNetworkState is missing).' });
  });

  it('reads the version of a cluster still installing from its desired version', () => {
    const live = installedPlantA(site);
    live.clusterVersion = one('plant-a/clusterversion-installing.yaml');
    expect(only(checkLiveAgainstPlan(site, live), 'cluster.version')).toMatchObject({ state: 'ok', actual: '4.18.9' });
  });
});
