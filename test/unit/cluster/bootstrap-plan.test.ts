// planBootstrap: the bootstrap's stages read from the bundle's own files, in the manual order
// written on gitops/bootstrap/04-root-application.yaml.
import { describe, expect, it } from 'vitest';
import { initialStages } from '../../../main/core/cluster/bootstrap/run';
import { BootstrapPlanError, bundleGitopsFiles, planBootstrap } from '../../../main/core/cluster/bootstrap/plan';
import { generateBundle } from '../../../main/core/generate/bundle';
import { exampleSite, mutate } from '../../helpers/example-site';

const summary = (objects: { object: { kind: string; metadata: { name: string } } }[]) => objects.map((o) => `${o.object.kind} ${o.object.metadata.name}`);

describe('planBootstrap', () => {
  it('plans plant-a from the files generateBundle writes', () => {
    const bundle = generateBundle(exampleSite(), { toolVersion: 'test', now: new Date('2026-01-01T00:00:00Z'), force: true });
    expect(bundle.refused).toBe(false);
    const plan = planBootstrap(bundle.files);

    expect(summary(plan.operator)).toEqual([
      'OperatorHub cluster',
      'CatalogSource redhat-operators-disconnected',
      'ImageDigestMirrorSet sitekit-operator-mirror',
      'ImageTagMirrorSet sitekit-tag-mirror',
      'Namespace openshift-gitops-operator',
      'OperatorGroup openshift-gitops-operator',
      'Subscription openshift-gitops-operator',
      'ClusterRoleBinding openshift-gitops-argocd-application-controller-cluster-admin',
    ]);
    expect(plan.operator.map((o) => o.file)).toContain('gitops/bootstrap/00-mirror.yaml');
    expect(plan.gitopsSubscription).toEqual({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: 'openshift-gitops-operator', namespace: 'openshift-gitops-operator' });
    expect(plan.argocdInstance).toEqual({ apiVersion: 'argoproj.io/v1beta1', kind: 'ArgoCD', name: 'openshift-gitops', namespace: 'openshift-gitops' });
    expect(summary(plan.argocdSettings)).toEqual(['ArgoCD openshift-gitops']);
    expect(plan.gitServerCa).toEqual([]);
    expect(summary(plan.root)).toEqual(['AppProject acp-site', 'Application site-root']);
    expect(plan.rootApplication.name).toBe('site-root');

    expect(plan.waves.map((w) => [w.wave, w.applications.map((a) => `${a.ref.name}→${a.folder}`)])).toEqual([
      [0, ['site-operators→operators']],
      [1, ['site-nmstate→nmstate']],
      [2, ['site-local-storage→local-storage']],
      [3, ['site-odf→odf']],
      [4, ['site-virtualization→virtualization']],
    ]);
    const objectsOf = (wave: number) => plan.waves.find((w) => w.wave === wave)!.applications[0]!.objects;
    expect(objectsOf(0).filter((o) => o.object.kind === 'Subscription').map((o) => o.object.metadata.name)).toEqual([
      'local-storage-operator',
      'kubernetes-nmstate-operator',
      'odf-operator',
      'hco-operatorhub',
    ]);
    expect(summary(objectsOf(1)).filter((s) => s.startsWith('NodeNetworkConfigurationPolicy'))).toEqual([
      'NodeNetworkConfigurationPolicy acp-1-day2',
      'NodeNetworkConfigurationPolicy acp-2-day2',
      'NodeNetworkConfigurationPolicy acp-3-day2',
    ]);
    expect(objectsOf(2).every((o) => o.file.startsWith('gitops/local-storage/'))).toBe(true);
    expect(summary(objectsOf(4))).toEqual(['HyperConverged kubevirt-hyperconverged', 'NetworkAttachmentDefinition vm-ot', 'NetworkAttachmentDefinition vm-prod']);
  });

  it('gives the stages in the order of the manual bootstrap', () => {
    const stages = initialStages(planBootstrap(bundleGitopsFiles(exampleSite())));
    expect(stages.map((s) => `${s.id}: ${s.title}`)).toEqual([
      'apply-operator: Install the GitOps operator',
      'wait-csv: Wait for the GitOps operator',
      'apply-credentials: Repository credentials',
      'apply-argocd: Argo CD settings',
      'apply-root: AppProject and root Application',
      'wave-0: Wave 0: site-operators',
      'wave-1: Wave 1: site-nmstate',
      'wave-2: Wave 2: site-local-storage',
      'wave-3: Wave 3: site-odf',
      'wave-4: Wave 4: site-virtualization',
    ]);
    expect(stages.every((s) => s.state === 'waiting')).toBe(true);
  });

  it('connected site without ODF: no mirror objects, fewer waves; a Git server CA is its own object', () => {
    const site = mutate((s) => {
      delete s.cluster.mirror;
      s.odf.enabled = false;
      delete s.odf.storageNetwork;
      s.gitops!.caBundle = exampleSite().cluster.mirror!.caBundle;
    });
    const plan = planBootstrap(bundleGitopsFiles(site));
    expect(plan.operator.map((o) => o.object.kind)).toEqual(['Namespace', 'OperatorGroup', 'Subscription', 'ClusterRoleBinding']);
    expect(summary(plan.gitServerCa)).toEqual(['ConfigMap argocd-tls-certs-cm']);
    expect(plan.waves.map((w) => w.applications[0]!.ref.name)).toEqual(['site-operators', 'site-nmstate', 'site-virtualization']);
  });

  it('orders waves by the sync-wave annotation of the Applications, not by file name', () => {
    const files = bundleGitopsFiles(exampleSite()).map((f) =>
      f.path === 'gitops/apps/nmstate.yaml' ? { ...f, content: f.content.replace('argocd.argoproj.io/sync-wave: "1"', 'argocd.argoproj.io/sync-wave: "9"') } : f,
    );
    expect(planBootstrap(files).waves.map((w) => w.wave)).toEqual([0, 2, 3, 4, 9]);
  });

  it('refuses a bundle without its bootstrap files, naming the file', () => {
    const files = bundleGitopsFiles(exampleSite()).filter((f) => f.path !== 'gitops/bootstrap/04-root-application.yaml');
    expect(() => planBootstrap(files)).toThrow(BootstrapPlanError);
    expect(() => planBootstrap(files)).toThrow('The bundle has no gitops/bootstrap/04-root-application.yaml: generate the bundle again.');
    const broken = bundleGitopsFiles(exampleSite()).map((f) => (f.path === 'gitops/bootstrap/03-appproject.yaml' ? { ...f, content: 'kind: [' } : f));
    expect(() => planBootstrap(broken)).toThrow(/gitops\/bootstrap\/03-appproject\.yaml is not valid YAML/);
  });
});
