// Shapes the installer accepts that a JSON-schema reading would not: dual stack in either
// order, single-stack IPv6, a user-managed load balancer, platform none without VIPs, an
// install-config that leaves the networks and pools to the installer's defaults. Each starts
// from the good pair (install-config alone where the agent-config's static IPv4 addresses
// would not fit) and must lint without errors.
import { describe, expect, it } from 'vitest';
import { lintInstallerInputs } from '../../../main/core/lint';
import { GOOD_INSTALL, lintChanged, type Doc } from './lint-helpers';
import YAML from 'yaml';

const errorsOf = (findings: { severity: string; message: string }[]) => findings.filter((f) => f.severity === 'error').map((f) => f.message);

function installOnly(change: (d: Doc) => void) {
  const doc = YAML.parse(GOOD_INSTALL) as Doc;
  change(doc);
  return lintInstallerInputs({ installConfigText: YAML.stringify(doc) });
}

describe('accepted like openshift-install accepts them', () => {
  it('dual stack, IPv4 first: two service networks, VIPs of both families', () => {
    const findings = lintChanged({
      installConfig: (d) => {
        d.networking.machineNetwork.push({ cidr: 'fd00:50::/64' });
        d.networking.clusterNetwork.push({ cidr: 'fd01::/48', hostPrefix: 64 });
        d.networking.serviceNetwork.push('fd02::/112');
        d.platform.baremetal.apiVIPs.push('fd00:50::5');
        d.platform.baremetal.ingressVIPs.push('fd00:50::6');
      },
    });
    expect(errorsOf(findings)).toEqual([]);
  });

  it('dual stack, IPv6 first', () => {
    const findings = installOnly((d) => {
      d.networking.machineNetwork.unshift({ cidr: 'fd00:50::/64' });
      d.networking.clusterNetwork.unshift({ cidr: 'fd01::/48', hostPrefix: 64 });
      d.networking.serviceNetwork.unshift('fd02::/112');
      d.platform.baremetal.apiVIPs.unshift('fd00:50::5');
      d.platform.baremetal.ingressVIPs.unshift('fd00:50::6');
    });
    expect(errorsOf(findings)).toEqual([]);
  });

  it('single-stack IPv6', () => {
    const findings = installOnly((d) => {
      d.networking.machineNetwork = [{ cidr: 'fd00:50::/64' }];
      d.networking.clusterNetwork = [{ cidr: 'fd01::/48', hostPrefix: 64 }];
      d.networking.serviceNetwork = ['fd02::/112'];
      d.platform.baremetal.apiVIPs = ['fd00:50::5'];
      d.platform.baremetal.ingressVIPs = ['fd00:50::6'];
    });
    expect(errorsOf(findings)).toEqual([]);
  });

  it('a user-managed load balancer lifts "VIP inside a machine network" and "VIPs distinct"', () => {
    const findings = lintChanged({
      installConfig: (d) => {
        d.platform.baremetal.loadBalancer = { type: 'UserManaged' };
        d.platform.baremetal.apiVIPs = ['10.99.0.5'];
        d.platform.baremetal.ingressVIPs = ['10.99.0.5'];
      },
    });
    expect(errorsOf(findings)).toEqual([]);
    const without = lintChanged({ installConfig: (d) => void (d.platform.baremetal.apiVIPs = ['10.99.0.5']) });
    expect(errorsOf(without).join('\n')).toContain('IP expected to be in one of the machine networks');
  });

  it('platform none needs no VIPs', () => {
    const findings = lintChanged({ installConfig: (d) => void (d.platform = { none: {} }) });
    expect(errorsOf(findings)).toEqual([]);
  });

  it('an install-config that leaves networks and machine pools to the installer, with a note for each default', () => {
    const findings = installOnly((d) => {
      delete d.networking;
      delete d.controlPlane;
      delete d.compute;
      d.platform.baremetal.apiVIPs = ['10.0.0.5'];
      d.platform.baremetal.ingressVIPs = ['10.0.0.6'];
    });
    expect(errorsOf(findings)).toEqual([]);
    const notes = findings.filter((f) => f.id === 'install.defaulted').map((f) => f.message);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('machineNetwork defaulted to 10.0.0.0/16'),
        expect.stringContaining('networkType defaulted to OVNKubernetes'),
        expect.stringContaining('serviceNetwork defaulted to 172.30.0.0/16'),
        expect.stringContaining('clusterNetwork defaulted to 10.128.0.0/14'),
        expect.stringContaining('controlPlane defaulted: 3 replicas'),
        expect.stringContaining('compute defaulted'),
      ]),
    );
    expect(findings.filter((f) => f.id === 'install.defaulted').every((f) => f.severity === 'info')).toBe(true);
  });

  it('a renamed key keeps its position in the file as written', () => {
    const findings = lintChanged({
      installConfig: (d) => {
        d.platform.baremetal.apiVips = ['192.168.60.5'];
        delete d.platform.baremetal.apiVIPs;
      },
    });
    const outside = findings.find((f) => f.id === 'install.vip-outside-machine-network')!;
    expect(outside.path).toBe('/platform/baremetal/apiVips/0');
    expect(outside.position?.line).toBeGreaterThan(0);
  });
});
