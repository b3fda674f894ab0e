// The happy path end to end: plant-a installed as planned (test/kube/fixtures), the GitOps
// bootstrap through every wave with the operators, Argo CD and its Sync hook Jobs played by the
// plant-a scenario, then one verification with the real client: everything is fine — every
// check against the plan ok (the MACs from the NodeNetworkStates nmstate's handler reports),
// every operator available, ODF ready, every Application synced and healthy, no drift, no HA
// finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import type { LiveVerification } from '../../../main/core/cluster/types';
import { verifyCluster } from '../../../main/core/cluster/verify';
import { clientFor } from '../../kube/scenarios/cluster';
import { startLivePlantA, type LivePlantA } from './live-plant-a';

let live: LivePlantA;
let verification: LiveVerification;

beforeAll(async () => {
  live = await startLivePlantA();
  const client = clientFor(live.server);
  const bootstrap = await runBootstrap(client, live.scenario.files, live.scenario.site);
  await live.scenario.idle();
  expect(bootstrap.state, JSON.stringify(bootstrap.stages.filter((s) => s.state !== 'done'), null, 2)).toBe('done');
  verification = await verifyCluster(client, live.scenario.site);
}, 120_000);

afterAll(async () => {
  await live?.close();
});

describe('verify after a full plant-a bootstrap', () => {
  it('says the cluster is fine', () => {
    expect(verification.state).toBe('ok');
    expect(verification.openshiftVersion).toBe('4.18.9');
    expect(verification.nodes.map((n) => `${n.name} ${n.ready} ${n.schedulable}`)).toEqual(['acp-1 true true', 'acp-2 true true', 'acp-3 true true']);
  });

  it('every check against the plan is ok, the MACs of every NIC included', () => {
    const notOk = verification.checks.filter((c) => c.state !== 'ok');
    expect(notOk, JSON.stringify(notOk, null, 2)).toEqual([]);
    const site = live.scenario.site;
    const macs = verification.checks.filter((c) => c.id === 'node.mac');
    expect(macs.map((c) => c.actual)).toEqual(site.nodes.flatMap((n) => n.interfaces.map((i) => `${i.name} ${i.mac.toUpperCase()}`)));
    expect(verification.checks.find((c) => c.id === 'masters.schedulable')?.actual).toBe('mastersSchedulable: true');
  });

  it('every operator available, ODF ready, every Application synced and healthy', () => {
    expect(verification.operators.length).toBeGreaterThan(0);
    expect(verification.operators.filter((o) => o.available !== true || o.degraded === true)).toEqual([]);
    expect(verification.odf).toMatchObject({ phase: 'Ready', cephHealth: 'HEALTH_OK' });
    expect(verification.odf?.message).toBeUndefined();
    expect(verification.applications.map((a) => a.name)).toEqual(['site-local-storage', 'site-nmstate', 'site-odf', 'site-operators', 'site-root', 'site-virtualization']);
    expect(verification.applications.filter((a) => a.sync !== 'Synced' || a.health !== 'Healthy' || a.message)).toEqual([]);
  });

  it('no drift: every bundle object and what the Sync hooks set are as the bundle says', () => {
    const { drift } = verification;
    expect(drift.objects.filter((o) => o.state !== 'same')).toEqual([]);
    expect(drift.summary).toEqual({ same: drift.objects.length, different: 0, missing: 0, unknown: 0 });
    const hookEffects = drift.objects.filter((o) => o.kind === 'Node' || o.kind === 'Console').map((o) => `${o.kind} ${o.name}`);
    expect(hookEffects).toEqual(['Node acp-1', 'Node acp-2', 'Node acp-3', 'Console cluster']);
  });

  it('no HA finding', () => {
    expect(verification.ha).toEqual([]);
  });

  it('the node network states show what the day-2 policies set', () => {
    const state = live.server.store.get({ apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', name: 'acp-2' });
    const interfaces = (state?.status as { currentState: { interfaces: { name: string; ipv4?: { address?: { ip: string }[] } }[] } }).currentState.interfaces;
    expect(interfaces.find((i) => i.name === 'bond0.30')?.ipv4?.address).toEqual([{ ip: '10.30.0.12', 'prefix-length': 24 }]);
    expect(interfaces.map((i) => i.name)).toContain('br-vm');
  });
});
