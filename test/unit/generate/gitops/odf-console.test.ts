// ODF and the web console: StorageSystem only for ODF ≤ 4.18 (manifests.md §3.3), valid
// against its CRD; the odf-console plugin enabled by a Sync hook Job that adds it only when
// missing and never drops another plugin (the script is run here against a stand-in `oc`).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateObject } from '../../../../main/core/crd';
import { gitopsTree } from '../../../../main/core/generate/gitops';
import { ENABLE_PLUGIN_SCRIPT } from '../../../../main/core/generate/gitops/odf-console';
import type { Site } from '../../../../main/core/site/schema';
import { example, find } from './examples';

const at = (version: string): Site => {
  const site = example('plant-a');
  site.cluster.openshiftVersion = version;
  return site;
};

describe('StorageSystem', () => {
  it.each(['4.16', '4.17', '4.18', '4.18.9'])('ODF %s: one StorageSystem for ocs-storagecluster, valid against the odf-operator CRD', (version) => {
    const systems = find(at(version), 'StorageSystem');
    expect(systems).toHaveLength(1);
    const system = systems[0]!;
    expect(system.apiVersion).toBe('odf.openshift.io/v1alpha1');
    expect(system.metadata).toMatchObject({ name: 'ocs-storagecluster-storagesystem', namespace: 'openshift-storage' });
    expect(system.spec).toEqual({ kind: 'storagecluster.ocs.openshift.io/v1', name: 'ocs-storagecluster', namespace: 'openshift-storage' });
    const result = validateObject(system, { strict: true });
    expect(result.schema).toBe('odf.openshift.io/storagesystem_v1alpha1.json');
    expect(result.errors).toEqual([]);
  });

  it.each(['4.19', '4.20', '4.21'])('ODF %s: no StorageSystem (the controller is gone)', (version) => {
    expect(find(at(version), 'StorageSystem')).toEqual([]);
  });

  it('the CRD refuses a wrong kind, so the check is real', () => {
    const [system] = find(at('4.18'), 'StorageSystem');
    const bad = { ...system!, spec: { ...(system!.spec as object), kind: 'storagecluster.ocs.openshift.io/v2' } };
    expect(validateObject(bad, { strict: true }).errors.map((e) => e.path)).toContain('/spec/kind');
  });

  it('ODF off: no StorageSystem and no console plugin Job', () => {
    const site = at('4.18');
    site.odf.enabled = false;
    expect(find(site, 'StorageSystem')).toEqual([]);
    expect(find(site, 'Job', 'sitekit-odf-console-plugin')).toEqual([]);
  });
});

describe('odf-console plugin', () => {
  const site = example('plant-a');
  const doc = gitopsTree(site).documents.find((d) => d.path === 'odf/console-plugin.yaml')!;

  it('is a Sync hook Job with the oc image, re-created before each sync, allowed only get/patch on consoles/cluster', () => {
    const job = doc.objects.find((o) => o.kind === 'Job')!;
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const container = (job.spec as { template: { spec: { containers: { image: string; command: string[]; args: string[] }[] } } }).template.spec.containers[0]!;
    expect(container.image).toBe('registry.redhat.io/openshift4/ose-cli-rhel9:v4.18');
    expect(container.command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
    expect(container.args).toEqual(['odf-console']);
    const role = doc.objects.find((o) => o.kind === 'ClusterRole')!;
    expect(role.rules).toEqual([{ apiGroups: ['operator.openshift.io'], resources: ['consoles'], resourceNames: ['cluster'], verbs: ['get', 'patch'] }]);
    // The Console object itself is never in the tree: Argo CD would own its atomic plugin list.
    expect(find(site, 'Console')).toEqual([]);
    for (const object of doc.objects) expect(validateObject(object, { strict: true }).errors).toEqual([]);
  });

  describe('the script, against a stand-in oc', () => {
    const bash = spawnSync('bash', ['--version']).status === 0;
    const dir = mkdtempSync(path.join(tmpdir(), 'sitekit-console-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    // The stand-in answers `oc get ... -o jsonpath=...` from $STATE (resourceVersion, then one
    // plugin per line) and records the arguments of `oc patch` in $PATCHES.
    const oc = path.join(dir, 'oc');
    writeFileSync(
      oc,
      [
        '#!/bin/bash',
        'if [ "$1" = get ]; then cat "$STATE"; exit 0; fi',
        'if [ "$1" = patch ]; then printf "%s\\n" "$@" >> "$PATCHES"; exit 0; fi',
        'exit 3',
      ].join('\n'),
    );
    chmodSync(oc, 0o755);

    function run(state: string): { status: number | null; patch?: Record<string, unknown>; args: string[] } {
      const stateFile = path.join(dir, 'state');
      const patches = path.join(dir, 'patches');
      writeFileSync(stateFile, state);
      writeFileSync(patches, '');
      const result = spawnSync('bash', ['-c', ENABLE_PLUGIN_SCRIPT, 'enable-console-plugin', 'odf-console'], {
        env: { PATH: `${dir}:${process.env.PATH}`, STATE: stateFile, PATCHES: patches },
        encoding: 'utf8',
      });
      const args = readFileSync(patches, 'utf8').split('\n').filter(Boolean);
      const p = args.indexOf('-p');
      return { status: result.status, args, ...(p >= 0 ? { patch: JSON.parse(args[p + 1]!) as Record<string, unknown> } : {}) };
    }

    it.skipIf(!bash)('adds odf-console after the plugins already enabled, conditional on the resourceVersion read', () => {
      const { status, patch, args } = run('4711\nkubevirt-plugin\nmonitoring-plugin\n');
      expect(status).toBe(0);
      expect(args.slice(0, 4)).toEqual(['patch', 'consoles.operator.openshift.io', 'cluster', '--type=merge']);
      expect(patch).toEqual({ metadata: { resourceVersion: '4711' }, spec: { plugins: ['kubevirt-plugin', 'monitoring-plugin', 'odf-console'] } });
    });

    it.skipIf(!bash)('no plugin list yet: the list becomes [odf-console]', () => {
      expect(run('12\n').patch).toEqual({ metadata: { resourceVersion: '12' }, spec: { plugins: ['odf-console'] } });
    });

    it.skipIf(!bash)('already enabled: nothing is patched (idempotent on every sync)', () => {
      const { status, args } = run('99\nodf-console\nkubevirt-plugin\n');
      expect(status).toBe(0);
      expect(args).toEqual([]);
    });

    it.skipIf(!bash)('a plugin whose name only contains odf-console does not count as it', () => {
      expect(run('5\nodf-console-extra\n').patch).toEqual({ metadata: { resourceVersion: '5' }, spec: { plugins: ['odf-console-extra', 'odf-console'] } });
    });

    it.skipIf(!bash)('an odd entry with a quote is kept, escaped, not lost', () => {
      expect(run('6\nweird"name\n').patch).toEqual({ metadata: { resourceVersion: '6' }, spec: { plugins: ['weird"name', 'odf-console'] } });
    });
  });
});
