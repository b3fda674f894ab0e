// The Argo CD instance settings of the bundle (gitops/bootstrap/argocd/): the partial ArgoCD
// `openshift-gitops` with the health checks, and the Git server CA only when the plan has one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../../../main/core/crd';
import { checkGenerated } from '../../../../main/core/generate/bundle/checks';
import { gitopsFiles, gitopsTree } from '../../../../main/core/generate/gitops';
import {
  APPLICATION_HEALTH,
  HYPERCONVERGED_HEALTH,
  LOCAL_VOLUME_HEALTH,
  RESOURCE_HEALTH_CHECKS,
} from '../../../../main/core/generate/gitops/argocd-health-checks';
import { argocdInstance, gitServerCaConfigMap, gitServerHost } from '../../../../main/core/generate/gitops/argocd-instance';
import { bootstrapDocuments } from '../../../../main/core/generate/gitops/bootstrap';
import { example } from './examples';

const CA = readFileSync(fileURLToPath(new URL('../../../fixtures/argocd/test-git-ca.pem', import.meta.url)), 'utf8');

function withCa(repoURL = 'https://git.plant-c.local:8443/ot/sites.git') {
  const site = example('plant-a');
  site.gitops!.repoURL = repoURL;
  site.gitops!.caBundle = CA;
  return site;
}

/** Blocks opened by if/for/function/while minus `end`s: 0 for a script whose blocks all close. */
function openBlocks(lua: string): number {
  const code = lua.replace(/--[^\n]*/g, '').replace(/"[^"\n]*"/g, '""');
  const opened = (code.match(/\b(if|for|while|function)\b/g) ?? []).length;
  return opened - (code.match(/\bend\b/g) ?? []).length;
}

describe('partial ArgoCD instance', () => {
  it('names the default instance and validates against the ArgoCD v1beta1 CRD in strict mode', () => {
    const instance = argocdInstance(withCa());
    expect(instance).toMatchObject({ apiVersion: 'argoproj.io/v1beta1', kind: 'ArgoCD', metadata: { name: 'openshift-gitops', namespace: 'openshift-gitops' } });
    expect(Object.keys(instance.metadata)).toEqual(['name', 'namespace']); // partial: nothing else of the operator's
    expect(validateObject(instance, { strict: true }).errors).toEqual([]);
  });

  it('is really checked against the schema (a wrong shape is reported)', () => {
    const broken = argocdInstance(example('plant-a'));
    (broken.spec as Record<string, unknown>).resourceHealthChecks = { group: 'argoproj.io' };
    (broken.spec as Record<string, unknown>).resourceHealthCheck = [];
    expect(validateObject(broken, { strict: true }).errors).toEqual(
      expect.arrayContaining([
        { path: '/spec/resourceHealthChecks', message: 'must be array' },
        { path: '/spec/resourceHealthCheck', message: 'unknown field "resourceHealthCheck"' },
      ]),
    );
  });

  it('carries the Application, LocalVolume and HyperConverged health checks, no built-in ones', () => {
    const spec = argocdInstance(example('plant-a')).spec as { resourceHealthChecks: Array<{ group: string; kind: string; check: string }> };
    expect(spec.resourceHealthChecks.map((c) => `${c.group}/${c.kind}`)).toEqual([
      'argoproj.io/Application',
      'local.storage.openshift.io/LocalVolume',
      'hco.kubevirt.io/HyperConverged',
    ]);
    expect(spec.resourceHealthChecks.map((c) => c.check)).toEqual([APPLICATION_HEALTH, LOCAL_VOLUME_HEALTH, HYPERCONVERGED_HEALTH]);
    for (const builtIn of ['Subscription', 'StorageCluster', 'NodeNetworkConfigurationPolicy']) {
      expect(spec.resourceHealthChecks.some((c) => c.kind === builtIn)).toBe(false);
    }
  });

  it('health checks read what each operator documents and close every block', () => {
    for (const { check } of RESOURCE_HEALTH_CHECKS) {
      expect(openBlocks(check)).toBe(0);
      expect(check).toMatch(/return /);
      expect(check).not.toMatch(/\b(require|os\.|io\.|string\.|table\.)/); // Argo CD runs them without the standard libraries
    }
    expect(APPLICATION_HEALTH).toContain('obj.status.health.status');
    expect(APPLICATION_HEALTH).toMatch(/status = "Progressing"/); // until the child reports a health
    expect(LOCAL_VOLUME_HEALTH).toMatch(/condition\.type == "Available"/);
    for (const type of ['Available', 'Progressing', 'Degraded']) expect(HYPERCONVERGED_HEALTH).toContain(`condition.type == "${type}"`);
  });

  it('has no tls section without a CA', () => {
    expect((argocdInstance(example('plant-a')).spec as Record<string, unknown>).tls).toBeUndefined();
  });
});

describe('Git server CA', () => {
  it('is keyed by the host name only (no scheme, port or path) in argocd-tls-certs-cm and in tls.initialCerts', () => {
    const site = withCa();
    const cm = gitServerCaConfigMap(site)!;
    expect(cm).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'argocd-tls-certs-cm', namespace: 'openshift-gitops', labels: { 'app.kubernetes.io/name': 'argocd-tls-certs-cm', 'app.kubernetes.io/part-of': 'argocd' } } });
    expect(cm.data).toEqual({ 'git.plant-c.local': `${CA.trim()}\n` });
    expect((argocdInstance(site).spec as { tls: unknown }).tls).toEqual({ initialCerts: { 'git.plant-c.local': `${CA.trim()}\n` } });
    expect(validateObject(argocdInstance(site), { strict: true }).errors).toEqual([]);
  });

  it('is left out without a CA, for http:// and for an IPv6 host', () => {
    expect(gitServerCaConfigMap(example('plant-a'))).toBeUndefined();
    expect(gitServerCaConfigMap(withCa('http://git.plant-c.local/ot/sites.git'))).toBeUndefined();
    expect(gitServerHost('https://[fd00::5]/ot/sites.git')).toBeUndefined();
    expect(gitServerHost('https://10.20.0.5:3000/ot/sites.git')).toBe('10.20.0.5');
    expect(gitServerHost('https://Git.Plant-C.example.com/ot/sites.git')).toBe('git.plant-c.example.com');
  });

  it('goes to bootstrap/argocd/ only when the plan has a CA; the root bootstrap folder is unchanged', () => {
    const paths = (site: ReturnType<typeof example>) => bootstrapDocuments(site).map((d) => d.path);
    expect(paths(example('plant-a')).filter((p) => p.startsWith('bootstrap/argocd/'))).toEqual(['bootstrap/argocd/argocd-instance.yaml']);
    expect(paths(withCa()).filter((p) => p.startsWith('bootstrap/argocd/'))).toEqual([
      'bootstrap/argocd/argocd-instance.yaml',
      'bootstrap/argocd/git-server-ca.yaml',
    ]);
    // `oc apply -f gitops/bootstrap/` is not recursive: the instance settings are never applied before the instance exists.
    expect(paths(withCa()).filter((p) => /^bootstrap\/[^/]+$/.test(p)).some((p) => p.includes('argocd'))).toBe(false);
  });

  it('the generated files pass the bundle checks and say how to apply them', () => {
    const site = withCa();
    expect(checkGenerated(site, gitopsTree(site).documents).filter((i) => i.message.includes('bootstrap/argocd'))).toEqual([]);
    const file = gitopsFiles(site).files.find((f) => f.path === 'gitops/bootstrap/argocd/argocd-instance.yaml')!;
    expect(file.content).toContain('oc apply --server-side --field-manager=sitekit -f gitops/bootstrap/argocd/');
    expect(file.content).toContain("-o jsonpath='{.status.phase}'");
  });
});
