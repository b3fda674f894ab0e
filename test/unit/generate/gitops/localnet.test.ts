// VM VLANs on the cluster bond (issue 11 §1): OVN localnet bridge mappings in each node's
// NNCP and ovn-k8s-cni-overlay localnet NADs; the machine-network guard every NNCP passes;
// the HyperConverged of a disconnected site.
import { describe, expect, it } from 'vitest';
import { checkCniConfig, validateObject } from '../../../../main/core/crd';
import { checkGenerated } from '../../../../main/core/generate/bundle/checks';
import { gitopsFiles, gitopsTree, type GenerateIssue, type K8sObject } from '../../../../main/core/generate/gitops';
import { safePolicies } from '../../../../main/core/generate/gitops/nmstate';
import { DISCONNECTED_BOOT_SOURCES } from '../../../../main/core/generate/gitops/virtualization';
import { checkNmState, day2NetworkState, machineNetworkIssues } from '../../../../main/core/generate/nmstate';
import { siteSchema, type Site } from '../../../../main/core/site/schema';
import { validateSite } from '../../../../main/core/validation/engine';
import { toSharedBond } from '../../../helpers/example-site';
import { example, find, objectsOf } from './examples';

/** plant-a with the cluster network untagged on bond0 and both VM VLANs on the same bond. */
function sharedBond(): Site {
  const s = example('plant-a');
  toSharedBond(s);
  return siteSchema.parse(s);
}

const configOf = (nad: K8sObject) => JSON.parse((nad.spec as { config: string }).config) as Record<string, unknown>;

describe('localnet on the cluster bond', () => {
  const site = sharedBond();
  const tree = gitopsTree(site);

  it('the plan validates without errors and the generator reports nothing', () => {
    expect(validateSite(site).filter((f) => f.severity === 'error')).toEqual([]);
    expect(tree.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it("each node's NNCP keeps the storage VLAN on bond0 and maps vm-prod and vm-ot to br-ex, with no Linux bridge", () => {
    const policies = find(site, 'NodeNetworkConfigurationPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual(['acp-1-day2', 'acp-2-day2', 'acp-3-day2']);
    for (const policy of policies) {
      const state = (policy.spec as { desiredState: { interfaces: { name: string; type: string }[]; ovn: unknown } }).desiredState;
      expect(state.interfaces.map((i) => `${i.name} ${i.type}`)).toEqual(['bond0.30 vlan']);
      expect(state.ovn).toEqual({
        'bridge-mappings': [
          { localnet: 'vm-prod', bridge: 'br-ex', state: 'present' },
          { localnet: 'vm-ot', bridge: 'br-ex', state: 'present' },
        ],
      });
    }
  });

  it('each VM network gets an ovn-k8s-cni-overlay localnet NAD in default with its VLAN and MTU', () => {
    const nad = find(site, 'NetworkAttachmentDefinition', 'vm-prod')[0]!;
    expect(nad.metadata.namespace).toBe('default');
    expect(nad.metadata.annotations?.['k8s.v1.cni.cncf.io/resourceName']).toBeUndefined();
    expect(configOf(nad)).toEqual({
      cniVersion: '0.3.1',
      name: 'vm-prod',
      type: 'ovn-k8s-cni-overlay',
      topology: 'localnet',
      vlanID: 100,
      mtu: 1500,
      netAttachDefName: 'default/vm-prod',
    });
    expect(configOf(find(site, 'NetworkAttachmentDefinition', 'vm-ot')[0]!)).toMatchObject({ vlanID: 110, netAttachDefName: 'default/vm-ot' });
  });

  it('every object passes the bundle checks: CRD schemas (strict), NMState and CNI checks', () => {
    expect(checkGenerated(site, tree.documents)).toEqual([]);
  });

  it('the CNI check refuses a localnet no node maps, and a VLAN no network has', () => {
    const states = new Map<string, unknown>(site.nodes.map((n) => [n.hostname, day2NetworkState(site, n)]));
    const nad = structuredClone(find(site, 'NetworkAttachmentDefinition', 'vm-prod')[0]!);
    nad.spec = { config: JSON.stringify({ ...configOf(nad), name: 'vm-lab', vlanID: 999 }) };
    const errors = checkCniConfig(nad, { site, states }).map((e) => `${e.path} ${e.message}`);
    expect(errors).toEqual([
      '/spec/config#/name localnet "vm-lab" has no ovn.bridge-mappings entry in the NMState policy of acp-1',
      '/spec/config#/name localnet "vm-lab" has no ovn.bridge-mappings entry in the NMState policy of acp-2',
      '/spec/config#/name localnet "vm-lab" has no ovn.bridge-mappings entry in the NMState policy of acp-3',
      '/spec/config#/vlanID vlanID 999 is not the VLAN of any planned network',
    ]);
  });

  it('checkNmState refuses a mapping to a bridge that is neither br-ex nor a declared OVS bridge', () => {
    const node = site.nodes[0]!;
    const state = day2NetworkState(site, node);
    state.ovn!['bridge-mappings'][1]!.bridge = 'br-vm';
    state.ovn!['bridge-mappings'].push({ localnet: 'vm-prod', bridge: 'br-ex', state: 'present' });
    expect(checkNmState(state, { site, node }).map((i) => `${i.id} ${i.path}`)).toEqual([
      'nmstate.bridge-mapping /ovn/bridge-mappings/1/bridge',
      'nmstate.bridge-mapping /ovn/bridge-mappings/2/localnet',
    ]);
  });

  it('a node with only localnet mappings (no storage VLAN) still gets its NNCP', () => {
    const s = sharedBond();
    s.odf.storageNetwork = undefined;
    s.networks = s.networks.filter((n) => n.role !== 'storage');
    s.layout.uplinks[0]!.networks = ['cluster', 'vm-prod', 'vm-ot'];
    for (const n of s.nodes) delete n.addresses.storage;
    const policies = objectsOf(gitopsTree(s).documents).filter((o) => o.object.kind === 'NodeNetworkConfigurationPolicy');
    expect(policies).toHaveLength(3);
  });
});

describe('machine-network guard (the last safety net of every NNCP)', () => {
  const site = example('plant-a'); // cluster VLAN 10 on bond0 = ens1f0 + ens1f1
  const node = site.nodes[0]!;
  const policy = (desiredState: unknown): K8sObject => ({
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: 'hand-made' },
    spec: { nodeSelector: { 'kubernetes.io/hostname': node.hostname }, desiredState },
  });
  const paths = (desiredState: unknown) => machineNetworkIssues(desiredState, site, node).map((i) => i.path);

  it('refuses a hand-built NNCP that puts bond0 into a Linux bridge, and says why', () => {
    const bad = policy({
      interfaces: [{ name: 'br-vm', type: 'linux-bridge', state: 'up', bridge: { port: [{ name: 'bond0', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 100 }] } }] } }],
    });
    const issues: GenerateIssue[] = [];
    expect(safePolicies(site, [bad], issues)).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ id: 'generate.nncp-refused', severity: 'error', message: expect.stringMatching(/hand-made was not written: \/spec\/desiredState\/interfaces\/0\/bridge\/port\/0\/name: bridge br-vm takes bond0 as a port; .*cut the node off/) }),
    ]);
  });

  it('refuses every way of touching the machine-network links', () => {
    expect(paths({ interfaces: [{ name: 'bond0', type: 'bond', state: 'up', mtu: 9000 }] })).toEqual(['/interfaces/0/name']);
    expect(paths({ interfaces: [{ name: 'bond0.10', type: 'vlan', state: 'absent' }] })).toEqual(['/interfaces/0/name']);
    expect(paths({ interfaces: [{ name: 'ens1f1', type: 'ethernet', state: 'down' }] })).toEqual(['/interfaces/0/name']);
    expect(paths({ interfaces: [{ name: 'br-ex', type: 'ovs-bridge', state: 'up' }] })).toEqual(['/interfaces/0/name']);
    expect(paths({ interfaces: [{ name: 'bond9', type: 'bond', state: 'up', 'link-aggregation': { mode: 'active-backup', port: ['ens1f0', 'ens2f0'] } }] })).toEqual([
      '/interfaces/0/link-aggregation/port/0',
    ]);
    expect(paths({ interfaces: [{ name: 'v10', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 10 } }] })).toEqual(['/interfaces/0/vlan/id']);
    expect(paths({ interfaces: [{ name: 'x.5', type: 'vlan', state: 'up', vlan: { 'base-iface': 'ens1f0', id: 5 } }] })).toEqual(['/interfaces/0/vlan/base-iface']);
    expect(paths({ interfaces: [], routes: { config: [{ destination: '0.0.0.0/0', 'next-hop-address': '10.10.0.254', 'next-hop-interface': 'br-ex' }] } })).toEqual([
      '/routes/config/0/next-hop-interface',
    ]);
  });

  it('lets through a VLAN on top of bond0, OVN bridge mappings and the VM bridge on its own NIC', () => {
    expect(paths(day2NetworkState(site, node))).toEqual([]);
    expect(paths({ interfaces: [{ name: 'bond0.30', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', id: 30 } }], ovn: { 'bridge-mappings': [{ localnet: 'vm-prod', bridge: 'br-ex', state: 'present' }] } })).toEqual([]);
    const issues: GenerateIssue[] = [];
    expect(safePolicies(site, [policy(day2NetworkState(site, node))], issues)).toHaveLength(1);
    expect(issues).toEqual([]);
  });

  it('the generator writes no NNCP for the plan of the issue (bridge br-vm on the cluster bond), with --force or not', () => {
    const s = example('plant-a');
    s.layout.uplinks = [{ device: 'bond0', networks: ['cluster', 'storage', 'vm-prod', 'vm-ot'], bridge: 'br-vm' }];
    const { files, issues } = gitopsFiles(s);
    expect(files.filter((f) => f.path.startsWith('gitops/nmstate/acp-'))).toEqual([]);
    expect(issues.filter((i) => i.id === 'generate.nncp-refused')).toHaveLength(3);
    expect(validateSite(s).map((f) => f.id)).toContain('vmnet.bridge-on-cluster-link');
  });

  it('a policy without a hostname selector is checked against every node', () => {
    const all = policy({ interfaces: [{ name: 'bond0', type: 'bond', state: 'up' }] });
    (all.spec as Record<string, unknown>).nodeSelector = { 'node-role.kubernetes.io/worker': '' };
    const issues: GenerateIssue[] = [];
    expect(safePolicies(site, [all], issues)).toEqual([]);
    expect(issues).toHaveLength(3);
  });
});

describe('HyperConverged on a disconnected site', () => {
  it('turns the common boot image import off and tells the technician what to do instead', () => {
    const site = example('plant-a'); // has cluster.mirror
    const doc = gitopsTree(site).documents.find((d) => d.path === 'virtualization/hyperconverged.yaml')!;
    expect(doc.objects[0]!.spec).toEqual({ enableCommonBootImageImport: false });
    expect(validateObject(doc.objects[0], { strict: true }).errors).toEqual([]);
    expect(doc.comment).toBe(DISCONNECTED_BOOT_SOURCES);
    const text = gitopsFiles(site).files.find((f) => f.path === 'gitops/virtualization/hyperconverged.yaml')!.content;
    expect(text).toMatch(/# Disconnected site: spec.enableCommonBootImageImport is false/);
    expect(text).toMatch(/# .*virtctl image-upload/);
    expect(text).toMatch(/enableCommonBootImageImport: false/);
  });

  it('leaves the spec empty on a connected site', () => {
    const site = example('plant-a');
    delete site.cluster.mirror;
    const doc = gitopsTree(site).documents.find((d) => d.path === 'virtualization/hyperconverged.yaml')!;
    expect(doc.objects[0]!.spec).toEqual({});
    expect(doc.comment).toBeUndefined();
  });
});
