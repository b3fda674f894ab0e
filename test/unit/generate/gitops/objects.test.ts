// Every object of every example's GitOps tree, as written to disk (the YAML text parsed
// back), passes the checks of issue 3 §4: its CRD schema in strict mode (or the core
// metadata checks), the NMState checks for NNCPs, the CNI checks for NADs.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkCniConfig, validateObject } from '../../../../main/core/crd';
import { gitopsFiles } from '../../../../main/core/generate/gitops';
import { checkNmState, day2NetworkState } from '../../../../main/core/generate/nmstate';
import { examples } from './examples';

/** Kinds the tree may contain without a shipped CRD schema (core kinds and two operator kinds). */
const NO_SCHEMA = new Set(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Job', 'ConfigMap', 'MultiClusterEngine', 'IngressController']);

for (const ex of examples()) {
  for (const addons of [false, true]) {
    const site = structuredClone(ex.site);
    if (addons && site.gitops) site.gitops.addons = ['hosted-control-planes'];
    describe(`${ex.name}${addons ? ' + hosted-control-planes' : ''}`, () => {
      const { files, issues } = gitopsFiles(site);
      const parsed = files.flatMap((file) =>
        YAML.parseAllDocuments(file.content).map((doc) => ({ file: file.path, object: doc.toJS() as Record<string, unknown> & { kind: string; apiVersion: string; metadata: { name: string } } })),
      );
      const states = new Map<string, unknown>(site.nodes.map((n) => [n.hostname, day2NetworkState(site, n)]));

      it('the generator reports no issue (a disconnected plan without imported oc-mirror results: only the note that the mirror layout is guessed)', () => {
        const guessed = site.cluster.mirror !== undefined && site.cluster.mirror.ocMirror === undefined;
        expect(issues.filter((i) => i.id !== 'generate.mirror-guessed')).toEqual([]);
        expect(issues.filter((i) => i.id === 'generate.mirror-guessed').map((i) => i.severity)).toEqual(guessed ? ['info'] : []);
        expect(parsed.length).toBeGreaterThan(20);
      });

      it('every object validates against its CRD schema in strict mode, or passes the core checks', () => {
        const failures: string[] = [];
        for (const { file, object } of parsed) {
          const result = validateObject(object, { strict: true });
          for (const e of result.errors) failures.push(`${file} ${object.kind}/${object.metadata?.name} ${e.path}: ${e.message}`);
          if (result.schema === undefined && !NO_SCHEMA.has(object.kind)) failures.push(`${file}: no schema for ${object.kind}`);
        }
        expect(failures).toEqual([]);
      });

      it('every NNCP desiredState passes checkNmState', () => {
        const nncps = parsed.filter((p) => p.object.kind === 'NodeNetworkConfigurationPolicy');
        expect(nncps).toHaveLength(site.nodes.length);
        for (const { object } of nncps) {
          const spec = object.spec as { nodeSelector: Record<string, string>; desiredState: unknown };
          const node = site.nodes.find((n) => n.hostname === spec.nodeSelector['kubernetes.io/hostname']);
          expect(node).toBeDefined();
          expect(checkNmState(spec.desiredState, { site, node }).filter((i) => i.severity === 'error')).toEqual([]);
        }
      });

      it('every NAD CNI config passes the CNI checks', () => {
        const nads = parsed.filter((p) => p.object.kind === 'NetworkAttachmentDefinition');
        expect(nads.length).toBe((site.virtualization.vmNetworks ?? []).length + (site.odf.storageNetwork ? 1 : 0));
        for (const { object } of nads) expect(checkCniConfig(object, { site, states }), object.metadata.name).toEqual([]);
      });
    });
  }
}
