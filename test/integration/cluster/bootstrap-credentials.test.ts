// The repository credentials stage: the Secret built by argocd-secrets.ts from the password the
// caller hands in (never shown anywhere), the Git server CA in argocd-tls-certs-cm, and what
// happens without a password.
import { afterEach, describe, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import type { BootstrapProgress } from '../../../main/core/cluster/types';
import type { Site } from '../../../main/core/site/schema';
import { startPlantACluster, type PlantACluster } from '../../kube/scenarios/cluster';
import { plantASite } from '../../kube/scenarios/plant-a';

const PASSWORD = 'rEad-0nly-T0ken-4-argo';
const SECRET = { apiVersion: 'v1', kind: 'Secret', name: 'acp-site-repository', namespace: 'openshift-gitops' };

function privateRepoSite(): Site {
  const site = plantASite();
  site.gitops = {
    ...site.gitops!,
    credentials: { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } },
    caBundle: site.cluster.mirror!.caBundle,
  };
  return site;
}

let cluster: PlantACluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const stage = (progress: BootstrapProgress, id: string) => progress.stages.find((s) => s.id === id)!;

describe('runBootstrap repository credentials', () => {
  it('applies the repository Secret and the Git server CA; the password appears in no progress', async () => {
    cluster = await startPlantACluster({ site: privateRepoSite() });
    const told: BootstrapProgress[] = [];
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, { repoPassword: PASSWORD, onProgress: (p) => told.push(p) });

    expect(result.state).toBe('done');
    expect(stage(result, 'apply-credentials').applied).toEqual([
      { ...SECRET, outcome: 'created', file: 'secret store' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'argocd-tls-certs-cm', namespace: 'openshift-gitops', outcome: 'changed', file: 'gitops/bootstrap/argocd/git-server-ca.yaml' },
    ]);
    const stored = cluster.server.store.get(SECRET)!;
    expect((stored.metadata as { labels: Record<string, string> }).labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    const data = stored.data as Record<string, string>;
    expect(Buffer.from(data.password!, 'base64').toString('utf8')).toBe(PASSWORD);
    expect(Buffer.from(data.username!, 'base64').toString('utf8')).toBe('argocd-reader');
    const certs = cluster.server.store.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'argocd-tls-certs-cm', namespace: 'openshift-gitops' })!;
    expect(Object.keys(certs.data as object)).toEqual(['git.example.com']);

    const everything = JSON.stringify([told, result]);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(Buffer.from(PASSWORD).toString('base64'));

    // Again with the password: unchanged. Without it: the Secret on the cluster is kept as it is.
    const again = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, { repoPassword: PASSWORD });
    expect(stage(again, 'apply-credentials').applied!.map((a) => a.outcome)).toEqual(['unchanged', 'unchanged']);
    const without = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);
    expect(without.state).toBe('done');
    expect(stage(without, 'apply-credentials').applied![0]).toMatchObject({ ...SECRET, outcome: 'skipped', message: 'Already on the cluster; not changed (no password was handed in).' });
  });

  it('without a password and without a Secret on the cluster, stops and says which secret to store', async () => {
    cluster = await startPlantACluster({ site: privateRepoSite() });
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);

    expect(result.state).toBe('failed');
    const credentials = stage(result, 'apply-credentials');
    expect(credentials.state).toBe('failed');
    expect(credentials.message).toContain('as argocd-reader, but no password was handed in');
    expect(credentials.message).toContain('store the password (gitops-repo-password)');
    expect(stage(result, 'apply-argocd').state).toBe('waiting');
    expect(cluster.server.store.get(SECRET)).toBeUndefined();
  });
});
