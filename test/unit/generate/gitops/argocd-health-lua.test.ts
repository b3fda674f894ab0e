// The bundle's Argo CD health checks, executed: each Lua script in ArgoCD.spec.resourceHealthChecks
// runs on live objects the way the Argo CD controller runs it (test/helpers/argocd-health-lua.ts),
// and must say what Argo CD should say for that object. The objects and where their shapes come
// from: test/fixtures/argocd/health/ (SOURCES.md). The expected health follows the sources, not
// the scripts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESOURCE_HEALTH_CHECKS } from '../../../../main/core/generate/gitops/argocd-health-checks';
import { runHealthCheck, type HealthStatus } from '../../../helpers/argocd-health-lua';

type LiveObject = { apiVersion: string; kind: string };

function fixture(name: string): Record<string, LiveObject> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../../fixtures/argocd/health/${name}.json`, import.meta.url)), 'utf8'));
}

/** The check the ArgoCD instance configures for the object's group and kind, as Argo CD picks it. */
function checkFor(obj: LiveObject): string {
  const group = obj.apiVersion.split('/')[0];
  const found = RESOURCE_HEALTH_CHECKS.find((c) => c.group === group && c.kind === obj.kind);
  if (!found) throw new Error(`no health check for ${group}/${obj.kind}`);
  return found.check;
}

function healthOf(obj: LiveObject): HealthStatus {
  return runHealthCheck(checkFor(obj), obj);
}

const applications = fixture('application');
const localVolumes = fixture('local-volume');
const hyperConvergeds = fixture('hyperconverged');

describe('the health runner behaves like Argo CD (util/lua/lua.go)', () => {
  it('passes the resource as `obj`: fields by name, arrays from 1, null as nil, numbers and booleans as such', () => {
    const script = `
      local ok = obj.spec.items[1] == "a" and obj.spec.items[2] == "b" and #obj.spec.items == 2
        and obj.spec.count == 3 and obj.spec.on == true and obj.spec.gone == nil
        and obj.spec.nested[1].name == "x"
      if ok then return { status = "Healthy", message = "decoded" } end
      return { status = "Degraded", message = "not decoded" }`;
    const obj = { spec: { items: ['a', 'b'], count: 3, on: true, gone: null, nested: [{ name: 'x' }] } };
    expect(runHealthCheck(script, obj)).toEqual({ status: 'Healthy', message: 'decoded' });
  });

  it('opens no string, os or io library (checks from argocd-cm run without the standard libraries)', () => {
    expect(() => runHealthCheck('return { status = string.format("%s", "Healthy") }', {})).toThrow(/global 'string'/);
    expect(() => runHealthCheck('return { status = ("healthy"):upper() }', {})).toThrow(/attempt to index a string/);
    expect(() => runHealthCheck('return { status = os.date() }', {})).toThrow(/global 'os'/);
    expect(runHealthCheck('local t = {} table.insert(t, "Healthy") return { status = t[1] }', {}).status).toBe('Healthy');
  });

  it('turns a status Argo CD does not know into Unknown and fails on a result that is not a table', () => {
    expect(runHealthCheck('return { status = "Healty" }', {})).toEqual({ status: 'Unknown', message: 'Lua returned an invalid health status' });
    expect(() => runHealthCheck('return "Healthy"', {})).toThrow('expect table output from Lua script, not string');
    expect(() => runHealthCheck('local hs = {}', {})).toThrow('expect table output from Lua script, not nil');
  });
});

describe('every configured check runs', () => {
  it('has live objects for each group/kind in resourceHealthChecks, and each check runs on all of them', () => {
    const kinds = new Set([...Object.values(applications), ...Object.values(localVolumes), ...Object.values(hyperConvergeds)].map((o) => `${o.apiVersion.split('/')[0]}/${o.kind}`));
    expect([...kinds].sort()).toEqual(RESOURCE_HEALTH_CHECKS.map((c) => `${c.group}/${c.kind}`).sort());
  });

  it('uses nothing of Lua 5.3 that Argo CD (gopher-lua, Lua 5.1) does not have', () => {
    for (const { kind, check } of RESOURCE_HEALTH_CHECKS) {
      const code = check.replace(/--[^\n]*/g, '').replace(/"[^"\n]*"/g, '""');
      expect(code, kind).not.toMatch(/\/\/|\bgoto\b|::|<<|>>|&|\||~(?!=)|\butf8\./);
    }
  });
});

describe('argoproj.io/Application: as healthy as the child Application reports itself (health.md "Argocd App")', () => {
  it.each([
    ['healthy', 'Healthy'],
    ['progressing', 'Progressing'],
    ['degraded', 'Degraded'],
    ['missing', 'Missing'],
    ['noStatus', 'Progressing'], // just applied: the wave must wait, not pass
    ['noHealth', 'Progressing'], // status written, health not computed yet
  ])('%s → %s', (name, status) => {
    expect(healthOf(applications[name]!)).toEqual({ status, message: '' });
  });
});

describe('local.storage.openshift.io/LocalVolume: by its one Available condition (localvolume_controller.go)', () => {
  it('Available True "Ready" → Healthy', () => {
    expect(healthOf(localVolumes.available!)).toEqual({ status: 'Healthy', message: 'Ready' });
  });

  it('Available False → Degraded, with the operator\'s error for the technician', () => {
    expect(healthOf(localVolumes.failed!)).toEqual({
      status: 'Degraded',
      message: 'error syncing local storage: error creating storageClass localblock: storageclasses.storage.k8s.io "localblock" is forbidden',
    });
  });

  it.each(['noConditions', 'noStatus'])('%s (operator has not reported yet) → Progressing', (name) => {
    expect(healthOf(localVolumes[name]!)).toEqual({ status: 'Progressing', message: 'Waiting for the Local Storage Operator' });
  });
});

describe('hco.kubevirt.io/HyperConverged: the HCO condition matrix (docs/conditions.md)', () => {
  it('Available True, Progressing False, Degraded False → Healthy', () => {
    expect(healthOf(hyperConvergeds.available!)).toEqual({ status: 'Healthy', message: 'Reconcile completed successfully' });
  });

  it('Degraded True, Progressing False ("requires human intervention") → Degraded', () => {
    expect(healthOf(hyperConvergeds.degraded!)).toEqual({ status: 'Degraded', message: 'KubeVirt is degraded: virt-handler daemonset has no ready pods' });
  });

  it.each([
    ['initializing', 'Initializing HyperConverged cluster'], // "Operator is deploying the component"
    ['progressing', 'KubeVirt is progressing: Deploying version 1.5.2 with registry registry.redhat.io/container-native-virtualization'], // "upgrading or healing"
    ['degradedHealing', 'KubeVirt is progressing: virt-handler rolling out'], // "failed state and an operator is healing"
  ])('%s (Progressing True) → Progressing', (name, message) => {
    expect(healthOf(hyperConvergeds[name]!)).toEqual({ status: 'Progressing', message });
  });

  it('Available False with nothing progressing or degraded → Progressing, saying which component is not available', () => {
    expect(healthOf(hyperConvergeds.notAvailable!)).toEqual({ status: 'Progressing', message: 'CDI is not available: CDI deployment not ready' });
  });

  it('no conditions yet → Progressing', () => {
    expect(healthOf(hyperConvergeds.noStatus!)).toEqual({ status: 'Progressing', message: 'Waiting for OpenShift Virtualization to deploy' });
  });
});
