import { describe, expect, it } from 'vitest';
import { checkCniConfig } from '../../../main/core/crd';
import { day2NetworkState } from '../../../main/core/generate/nmstate';
import { exampleSite } from '../../helpers/example-site';

const site = exampleSite();
const states = new Map<string, unknown>(site.nodes.map((n) => [n.hostname, day2NetworkState(site, n)]));
const context = { site, states };

function nad(config: unknown, name = 'net', namespace = 'default') {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name, namespace },
    spec: { config: typeof config === 'string' ? config : JSON.stringify(config) },
  };
}

const bridge = { cniVersion: '0.3.1', name: 'net', type: 'bridge', bridge: 'br-vm', vlan: 100 };
const macvlan = {
  cniVersion: '0.3.1',
  name: 'net',
  type: 'macvlan',
  master: 'bond0.30',
  mode: 'bridge',
  ipam: { type: 'whereabouts', range: '10.30.0.0/24', exclude: ['10.30.0.11/32'] },
};
const messages = (config: unknown) => checkCniConfig(nad(config), context).map((e) => e.message).join('\n');

describe('NAD CNI config checks', () => {
  it('passes a VM bridge NAD and an ODF macvlan NAD of the example', () => {
    expect(checkCniConfig(nad(bridge), context)).toEqual([]);
    expect(checkCniConfig(nad(macvlan), context)).toEqual([]);
  });

  it('reports a config that is not JSON, or not a string', () => {
    expect(messages('{"cniVersion": ')).toContain('not valid JSON');
    expect(checkCniConfig({ spec: {} }, context)[0]!.message).toContain('spec.config is missing');
  });

  it('reports an unknown cniVersion, type, and a name that differs from the NAD', () => {
    expect(messages({ ...bridge, cniVersion: '9.9' })).toContain('cniVersion "9.9"');
    expect(messages({ ...bridge, type: 'ipvlan' })).toContain('CNI type "ipvlan"');
    expect(messages({ ...bridge, name: 'other' })).toContain('should equal the NAD name');
  });

  it('reports a bridge the NMState policies do not create', () => {
    expect(messages({ ...bridge, bridge: 'br-typo' })).toContain('bridge "br-typo" is not a linux-bridge in the NMState policy of acp-1');
  });

  it('reports a VLAN out of range, not planned, or not trunked on the bridge', () => {
    expect(messages({ ...bridge, vlan: 5000 })).toContain('must be an integer 1–4094');
    expect(messages({ ...bridge, vlan: 999 })).toContain('not the VLAN of any planned network');
    expect(messages({ ...bridge, vlan: 30 })).toContain('not in the trunk VLANs of bridge "br-vm"');
  });

  it('reports IPAM on a VM bridge NAD', () => {
    expect(messages({ ...bridge, ipam: { type: 'whereabouts', range: '10.100.0.0/24' } })).toContain('IPAM in a VM bridge NAD is not supported');
  });

  it('reports a macvlan master the NMState policies do not create, and a bad mode', () => {
    expect(messages({ ...macvlan, master: 'eth9' })).toContain('master "eth9" is not an interface');
    expect(messages({ ...macvlan, mode: 'fast' })).toContain('macvlan mode "fast"');
  });

  it('reports IPAM ranges outside the planned subnets and exclusions outside the range', () => {
    expect(messages({ ...macvlan, ipam: { type: 'whereabouts', range: '192.168.0.0/24' } })).toContain('not inside any planned network');
    expect(messages({ ...macvlan, ipam: { type: 'whereabouts', range: '10.30.0.0/16' } })).toContain('not inside any planned network');
    expect(messages({ ...macvlan, ipam: { type: 'whereabouts', range: '10.30.0.0/24', exclude: ['10.31.0.1/32'] } })).toContain('not a CIDR inside the range');
    expect(messages({ ...macvlan, ipam: { type: 'whereabouts', range: 'nope' } })).toContain('is not a CIDR');
    expect(messages({ ...macvlan, ipam: { type: 'whereabouts', ipRanges: [], range: '10.30.0.0/24' } })).toContain('not "ipRanges"');
  });

  it('checks ovn-k8s-cni-overlay names and topology', () => {
    const overlay = { cniVersion: '0.3.1', name: 'net', type: 'ovn-k8s-cni-overlay', topology: 'layer2', netAttachDefName: 'default/net' };
    expect(checkCniConfig(nad(overlay), context)).toEqual([]);
    expect(messages({ ...overlay, netAttachDefName: 'x/y', topology: 'flat' })).toMatch(/netAttachDefName[\s\S]*topology/);
  });
});
