// One failing case per linter rule, built by breaking one thing in the good pair; each
// asserts the rule id, the file, a position and (where the installer has one) its wording.
import { describe, expect, it } from 'vitest';
import { LINT_RULE_IDS, lintInstallerInputs } from '../../../main/core/lint';
import { GOOD_AGENT, GOOD_INSTALL, lintChanged, type Change, type Doc } from './lint-helpers';

interface Case extends Change {
  name: string;
  id: string;
  severity?: 'error' | 'warning' | 'info';
  file: 'install-config.yaml' | 'agent-config.yaml';
  message: string | RegExp;
  path?: string;
}

const host = (doc: Doc, i: number) => doc.hosts[i];
const nm = (doc: Doc, i: number) => host(doc, i).networkConfig;

const CASES: Case[] = [
  // install-config: strict fields and schema
  { name: 'misspelt field', id: 'install.unknown-field', file: 'install-config.yaml', message: 'unknown field "hostPrefx"', path: '/networking/clusterNetwork/0/hostPrefx', installConfig: (d) => { d.networking.clusterNetwork[0].hostPrefx = 23; } },
  { name: 'unknown top-level field', id: 'install.unknown-field', file: 'install-config.yaml', message: 'unknown field "sshKeys"', installConfig: (d) => { d.sshKeys = d.sshKey; } },
  { name: 'wrong type (CRD)', id: 'install.schema', file: 'install-config.yaml', message: /\/controlPlane\/replicas must be integer/, installConfig: (d) => { d.controlPlane.replicas = 'three'; } },
  { name: 'machine pool without platform (defaulted by openshift-install)', id: 'install.schema', severity: 'warning', file: 'install-config.yaml', message: /missing required field "platform"/, installConfig: (d) => { delete d.compute[0].platform; } },
  { name: 'apiVersion', id: 'install.api-version', file: 'install-config.yaml', message: 'install-config version must be "v1"', installConfig: (d) => { d.apiVersion = 'v1beta4'; } },
  { name: 'unsupported platform', id: 'install.platform', file: 'install-config.yaml', message: 'platform: Unsupported value: "aws": supported values: "baremetal", "vsphere", "nutanix", "none", "external"', installConfig: (d) => { d.platform = { aws: { region: 'eu-west-1' } }; } },
  { name: 'no platform', id: 'install.platform', file: 'install-config.yaml', message: /Required value/, installConfig: (d) => { d.platform = {}; } },
  { name: 'control plane replicas 6', id: 'install.control-plane-replicas', file: 'install-config.yaml', message: 'ControlPlane.Replicas can only be set to 5, 4, 3, or 1. Found 6', installConfig: (d) => { d.controlPlane.replicas = 6; } },
  { name: 'control plane replicas missing: defaulted to 3, as the installer does', id: 'install.defaulted', severity: 'info', file: 'install-config.yaml', message: 'controlPlane.replicas defaulted to 3', installConfig: (d) => { delete d.controlPlane.replicas; } },
  { name: 'two control plane nodes without fencing', id: 'install.fencing', file: 'install-config.yaml', message: 'there should be exactly two fencing credentials to support the two node cluster, instead 0 credentials were found', installConfig: (d) => { d.controlPlane.replicas = 2; } },
  { name: 'field name in another case', id: 'install.field-case', severity: 'info', file: 'install-config.yaml', message: '"apiVips" is read as "apiVIPs"', installConfig: (d) => { d.platform.baremetal.apiVips = d.platform.baremetal.apiVIPs; delete d.platform.baremetal.apiVIPs; } },
  { name: 'deprecated apiVIP converted', id: 'install.deprecated-field', severity: 'warning', file: 'install-config.yaml', message: 'platform.baremetal.apiVIP is deprecated: write apiVIPs: [192.168.50.5]', installConfig: (d) => { d.platform.baremetal.apiVIP = d.platform.baremetal.apiVIPs[0]; delete d.platform.baremetal.apiVIPs; } },
  { name: 'deprecated apiVIP contradicting apiVIPs', id: 'install.deprecated-field', file: 'install-config.yaml', message: 'platform.baremetal.apiVIPs: Invalid value: "192.168.50.9": apiVIPs is deprecated; only apiVIP needs to be specified', installConfig: (d) => { d.platform.baremetal.apiVIP = '192.168.50.9'; } },
  { name: 'deprecated machineCIDR converted', id: 'install.deprecated-field', severity: 'warning', file: 'install-config.yaml', message: 'networking.machineCIDR is deprecated', installConfig: (d) => { d.networking.machineCIDR = d.networking.machineNetwork[0].cidr; delete d.networking.machineNetwork; } },
  { name: 'ppc64le on baremetal', id: 'install.architecture', file: 'install-config.yaml', message: 'platform: Invalid value: "baremetal": CPU architecture "ppc64le" only supports platform "none".', installConfig: (d) => { d.controlPlane.architecture = 'ppc64le'; } },
  { name: 'single node with a worker on platform none', id: 'install.single-node', file: 'install-config.yaml', message: 'Total number of compute replicas must be 0 when controlPlane.replicas is 1 for platform none or external. Found 2', installConfig: (d) => { d.platform = { none: {} }; d.controlPlane.replicas = 1; d.compute[0].replicas = 2; } },
  { name: 'duplicate BMC address', id: 'install.baremetal-hosts', file: 'install-config.yaml', message: 'platform.baremetal.hosts[1].bmc.address: Duplicate value: "redfish://10.0.0.1/x"', installConfig: (d) => { d.platform.baremetal.hosts = [{ name: 'a', bmc: { address: 'redfish://10.0.0.1/x' } }, { name: 'b', bmc: { address: 'redfish://10.0.0.1/x' } }]; } },
  { name: 'compute pool not named worker', id: 'install.compute', file: 'install-config.yaml', message: /Unsupported value: "workers"/, installConfig: (d) => { d.compute[0].name = 'workers'; } },
  { name: 'OpenShiftSDN', id: 'install.network-type', file: 'install-config.yaml', message: /Unsupported value: "OpenShiftSDN"/, installConfig: (d) => { d.networking.networkType = 'OpenShiftSDN'; } },
  { name: 'pull secret without auths', id: 'install.pull-secret', file: 'install-config.yaml', message: /auths required/, installConfig: (d) => { d.pullSecret = '{"auths":{}}'; } },
  { name: 'pull secret entry without auth', id: 'install.pull-secret', file: 'install-config.yaml', message: '"quay.io" requires either auth or credsStore', installConfig: (d) => { d.pullSecret = '{"auths":{"quay.io":{"email":"x@example.org"}}}'; } },
  { name: 'pull secret not JSON', id: 'install.pull-secret', file: 'install-config.yaml', message: /invalid character in JSON/, installConfig: (d) => { d.pullSecret = 'not json'; } },
  { name: 'pull secret left out', id: 'install.pull-secret', severity: 'info', file: 'install-config.yaml', message: /pullSecret is not set/, installConfig: (d) => { delete d.pullSecret; } },
  { name: 'SSH key not a key', id: 'install.ssh-key', file: 'install-config.yaml', message: 'sshKey: Invalid value: ssh: no key found', installConfig: (d) => { d.sshKey = 'AAAAC3Nza'; } },
  { name: 'ed25519 with FIPS', id: 'install.ssh-key', file: 'install-config.yaml', message: /FIPS/, installConfig: (d) => { d.fips = true; } },
  // networks
  { name: 'machine network host bits', id: 'install.cidr', file: 'install-config.yaml', message: 'invalid network address. got 192.168.50.9/24, expecting 192.168.50.0/24', installConfig: (d) => { d.networking.machineNetwork[0].cidr = '192.168.50.9/24'; } },
  { name: 'CIDR that does not parse', id: 'install.cidr', file: 'install-config.yaml', message: 'invalid CIDR address: 10.132.0.0/40', installConfig: (d) => { d.networking.clusterNetwork[0].cidr = '10.132.0.0/40'; } },
  { name: 'no machine network: defaulted to 10.0.0.0/16, so the VIPs fall outside it', id: 'install.defaulted', severity: 'info', file: 'install-config.yaml', message: 'networking.machineNetwork defaulted to 10.0.0.0/16', installConfig: (d) => { d.networking.machineNetwork = []; } },
  { name: 'VIPs outside the defaulted machine network', id: 'install.vip-outside-machine-network', file: 'install-config.yaml', message: 'IP expected to be in one of the machine networks: 10.0.0.0/16', installConfig: (d) => { delete d.networking.machineNetwork; } },
  { name: 'dual stack with an IPv6 API VIP first on an IPv4-first cluster', id: 'install.vips', file: 'install-config.yaml', message: 'clusterNetwork primary IP Family and primary IP family for the API VIP should match', installConfig: (d) => { d.networking.clusterNetwork.push({ cidr: 'fd01::/48', hostPrefix: 64 }); d.platform.baremetal.apiVIPs = ['fd00:50::5', '192.168.50.5']; } },
  { name: 'service network overlaps the cluster network', id: 'install.network-overlap', file: 'install-config.yaml', message: /serviceNetwork 10.133.0.0\/16 overlaps with clusterNetwork 10.132.0.0\/14/, installConfig: (d) => { d.networking.serviceNetwork = ['10.133.0.0/16']; } },
  { name: 'machine network inside the OVN join subnet', id: 'install.ovn-overlap', file: 'install-config.yaml', message: /OVN join subnet 100.64.0.0\/16/, installConfig: (d) => { d.networking.machineNetwork[0].cidr = '100.64.10.0/24'; } },
  { name: 'hostPrefix smaller than the CIDR prefix', id: 'install.host-prefix', file: 'install-config.yaml', message: 'cluster network host subnetwork prefix must not be larger size than CIDR 10.132.0.0/14', installConfig: (d) => { d.networking.clusterNetwork[0].hostPrefix = 12; } },
  { name: 'IPv6 hostPrefix not 64', id: 'install.host-prefix', file: 'install-config.yaml', message: /must be 64 for IPv6/, installConfig: (d) => { d.networking.clusterNetwork.push({ cidr: 'fd01::/48', hostPrefix: 56 }); } },
  { name: 'service network larger than /12', id: 'install.service-network', file: 'install-config.yaml', message: 'subnet size for IPv4 service network must be /12 or greater', installConfig: (d) => { d.networking.serviceNetwork = ['172.16.0.0/11']; } },
  { name: 'two IPv4 service networks', id: 'install.service-network', file: 'install-config.yaml', message: /only one service network/, installConfig: (d) => { d.networking.serviceNetwork.push('172.29.0.0/16'); } },
  // VIPs
  { name: 'VIP outside the machine network', id: 'install.vip-outside-machine-network', file: 'install-config.yaml', message: 'IP expected to be in one of the machine networks: 192.168.50.0/24', path: '/platform/baremetal/apiVIPs/0', installConfig: (d) => { d.platform.baremetal.apiVIPs = ['192.168.60.5']; } },
  { name: 'API VIP equals the Ingress VIP (compared as IPs)', id: 'install.vips-distinct', file: 'install-config.yaml', message: 'VIP for API must not be one of the Ingress VIPs', installConfig: (d) => { d.networking.machineNetwork.push({ cidr: 'fd00:50::/64' }); d.platform.baremetal.apiVIPs = ['fd00:50::5']; d.platform.baremetal.ingressVIPs = ['fd00:50:0::5']; } },
  { name: 'two API VIPs of one family', id: 'install.vips', file: 'install-config.yaml', message: 'If two API VIPs are given, one must be an IPv4 address, the other an IPv6', installConfig: (d) => { d.platform.baremetal.apiVIPs = ['192.168.50.5', '192.168.50.7']; } },
  { name: 'VIP not an IP', id: 'install.vips', file: 'install-config.yaml', message: '"192.168.50.256" is not a valid IP', installConfig: (d) => { d.platform.baremetal.ingressVIPs = ['192.168.50.256']; } },
  { name: 'no ingress VIP', id: 'install.vips', file: 'install-config.yaml', message: /Required value: must specify at least one VIP for the Ingress/, installConfig: (d) => { delete d.platform.baremetal.ingressVIPs; } },
  // mirrors, trust bundle, proxy
  { name: 'mirror source with a tag', id: 'install.image-digest-sources', file: 'install-config.yaml', message: /must be a repository/, installConfig: (d) => { d.imageDigestSources = [{ source: 'quay.io/openshift-release-dev/ocp-release:4.18.1', mirrors: ['m.example.org:8443/ocp/release'] }]; } },
  { name: 'imageContentSources and imageDigestSources together', id: 'install.image-digest-sources', file: 'install-config.yaml', message: /cannot set imageContentSources and imageDigestSources/, installConfig: (d) => { d.imageDigestSources = [{ source: 'quay.io/a/b', mirrors: ['m/a/b'] }]; d.imageContentSources = [{ source: 'quay.io/a/b', mirrors: ['m/a/b'] }]; } },
  { name: 'trust bundle that is no certificate', id: 'install.trust-bundle', file: 'install-config.yaml', message: /a certificate block does not parse/, installConfig: (d) => { d.additionalTrustBundle = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'; } },
  { name: 'proxy with an unsupported scheme', id: 'install.proxy', file: 'install-config.yaml', message: /proxy.httpProxy: Unsupported value: "https:\/\/p.example.org:3128"/, installConfig: (d) => { d.proxy = { httpProxy: 'https://p.example.org:3128' }; } },
  // agent-config: strict fields and identity
  { name: 'misspelt agent-config field', id: 'agent.unknown-field', file: 'agent-config.yaml', message: 'unknown field "rendevousIP"', path: '/rendevousIP', agentConfig: (d) => { d.rendevousIP = d.rendezvousIP; } },
  { name: 'misspelt host field', id: 'agent.unknown-field', file: 'agent-config.yaml', message: 'unknown field "macAdress"', agentConfig: (d) => { host(d, 0).interfaces[0].macAdress = 'x'; } },
  { name: 'wrong type', id: 'agent.schema', file: 'agent-config.yaml', message: /\/additionalNTPSources/, agentConfig: (d) => { d.additionalNTPSources = '192.168.50.3'; } },
  { name: 'agent-config apiVersion', id: 'agent.api-version', file: 'agent-config.yaml', message: /AgentConfig version must be "v1beta1"/, agentConfig: (d) => { d.apiVersion = 'v1'; } },
  { name: 'NTP source', id: 'agent.ntp-source', file: 'agent-config.yaml', message: 'NTP source is not a valid domain name nor a valid IP', agentConfig: (d) => { d.additionalNTPSources = ['ntp server!']; } },
  // hosts
  { name: 'host without interfaces', id: 'agent.host-interfaces', file: 'agent-config.yaml', message: 'hosts[1].interfaces: Required value: at least one interface must be defined for each node', agentConfig: (d) => { host(d, 1).interfaces = []; } },
  { name: 'interface without MAC', id: 'agent.mac-missing', file: 'agent-config.yaml', message: 'each interface must have a MAC address defined', agentConfig: (d) => { delete host(d, 0).interfaces[1].macAddress; } },
  { name: 'MAC that does not parse', id: 'agent.mac-invalid', file: 'agent-config.yaml', message: 'hosts[0].interfaces[0].macAddress: Invalid value: "000000": address 000000: invalid MAC address', agentConfig: (d) => { host(d, 0).interfaces[0].macAddress = '000000'; } },
  { name: 'MAC with hyphens', id: 'agent.mac-invalid', file: 'agent-config.yaml', message: 'is incorrectly formatted, use XX:XX:XX:XX:XX:XX format', agentConfig: (d) => { host(d, 0).interfaces[0].macAddress = '52-54-00-0a-01-01'; } },
  { name: 'multicast MAC', id: 'agent.mac-multicast', file: 'agent-config.yaml', message: 'expected unicast mac address, found multicast', agentConfig: (d) => { host(d, 2).interfaces[0].macAddress = '01:00:5e:00:00:01'; } },
  { name: 'MAC used on two hosts (any case)', id: 'agent.mac-duplicate', file: 'agent-config.yaml', message: 'hosts[2].interfaces[1].macAddress: Invalid value: "52:54:00:0A:01:02": duplicate MAC address found', path: '/hosts/2/interfaces/1/macAddress', agentConfig: (d) => { host(d, 2).interfaces[1].macAddress = '52:54:00:0A:01:02'; } },
  { name: 'interface listed twice on a host', id: 'agent.interface-duplicate', file: 'agent-config.yaml', message: 'MACs and Interfaces for host 0 must be unique', agentConfig: (d) => { host(d, 0).interfaces[1].name = 'eno1'; } },
  { name: 'unknown role', id: 'agent.host-role', file: 'agent-config.yaml', message: 'hosts[0].role: Unsupported value: "invalid-role": supported values: "master", "worker", "arbiter"', agentConfig: (d) => { host(d, 0).role = 'invalid-role'; } },
  { name: 'root device by-id', id: 'agent.root-device-name', file: 'agent-config.yaml', message: 'Device Name of root device hint must be path in /dev/ or /dev/disk/by-path/', agentConfig: (d) => { host(d, 1).rootDeviceHints.deviceName = '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4'; } },
  { name: 'root device hint with WWN extension', id: 'agent.root-device-wwn-extension', file: 'agent-config.yaml', message: 'hosts[1].rootDeviceHints.wwnWithExtension: Forbidden: WWN extensions are not supported in root device hints', agentConfig: (d) => { host(d, 1).rootDeviceHints = { wwnWithExtension: '0x1' }; } },
  { name: 'root device hint with WWN vendor extension', id: 'agent.root-device-wwn-extension', file: 'agent-config.yaml', message: 'WWN vendor extensions are not supported in root device hints', agentConfig: (d) => { host(d, 1).rootDeviceHints = { wwnVendorExtension: '0x1' }; } },
  { name: 'duplicate host names', id: 'agent.hostname-duplicate', file: 'agent-config.yaml', message: /host name edge-1 is used by hosts 0 and 2/, agentConfig: (d) => { host(d, 2).hostname = 'edge-1'; } },
  // rendezvous and networking
  { name: 'rendezvousIP not an IP', id: 'agent.rendezvous-ip', file: 'agent-config.yaml', message: '"not-a-valid-ip" is not a valid IP', agentConfig: (d) => { d.rendezvousIP = 'not-a-valid-ip'; } },
  { name: 'rendezvousIP on a worker', id: 'agent.rendezvous-ip', file: 'agent-config.yaml', message: "hosts[0].role: Forbidden: Host edge-1 has role 'worker' and has the rendezvousIP assigned to it. The rendezvousIP must be assigned to a control plane host.", path: '/hosts/0/role', agentConfig: (d) => { host(d, 0).role = 'worker'; } },
  { name: 'no rendezvousIP and no static address', id: 'agent.rendezvous-ip', file: 'agent-config.yaml', message: 'missing rendezvousIP in agent-config, at least one host networkConfig, or at least one NMStateConfig manifest', agentConfig: (d) => { delete d.rendezvousIP; for (const h of d.hosts) delete h.networkConfig; } },
  { name: 'rendezvousIP on no host', id: 'agent.rendezvous-ip-not-on-host', severity: 'warning', file: 'agent-config.yaml', message: /not a static address of any host in networkConfig: openshift-install accepts this/, agentConfig: (d) => { d.rendezvousIP = '192.168.50.99'; } },
  { name: 'more workers than compute replicas', id: 'agent.worker-count', file: 'agent-config.yaml', message: 'the number of worker hosts defined (1) exceeds the configured Compute replicas (0)', agentConfig: (d) => { host(d, 2).role = 'worker'; } },
  { name: 'installerArgs not a JSON list', id: 'agent.installer-args', file: 'agent-config.yaml', message: 'Hosts[0].Host: Forbidden: failed to parse installerArgs', agentConfig: (d) => { host(d, 0).installerArgs = '["foo" "bar"]'; } },
  { name: 'bootArtifactsBaseURL without a scheme', id: 'agent.boot-artifacts-url', file: 'agent-config.yaml', message: 'invalid URI "files.example.com/boot" (no scheme)', agentConfig: (d) => { d.bootArtifactsBaseURL = 'files.example.com/boot'; } },
  { name: 'agent field name in another case', id: 'agent.field-case', severity: 'info', file: 'agent-config.yaml', message: '"rendezvousIp" is read as "rendezvousIP"', agentConfig: (d) => { d.rendezvousIp = d.rendezvousIP; delete d.rendezvousIP; } },
  { name: 'more masters than replicas', id: 'agent.master-count', file: 'agent-config.yaml', message: 'the number of master hosts defined (3) exceeds the configured ControlPlane replicas (1)', installConfig: (d) => { d.controlPlane.replicas = 1; } },
  { name: 'fewer hosts than replicas', id: 'agent.master-count', severity: 'warning', file: 'agent-config.yaml', message: /not enough hosts found \(2\)/, agentConfig: (d) => { d.hosts.pop(); } },
  { name: 'host address outside the machine network', id: 'agent.host-outside-machine-network', severity: 'warning', file: 'agent-config.yaml', message: /edge-2 has no address in the machine network 192.168.50.0\/24/, agentConfig: (d) => { nm(d, 1).interfaces[3].ipv4.address[0].ip = '192.168.51.12'; } },
  { name: 'host uses a VIP', id: 'agent.vip-is-host-address', severity: 'warning', file: 'agent-config.yaml', message: /edge-3 uses 192.168.50.6, which is also a VIP/, agentConfig: (d) => { nm(d, 2).interfaces[3].ipv4.address[0].ip = '192.168.50.6'; } },
  { name: 'interface table name not in networkConfig', id: 'agent.interface-name-mismatch', severity: 'warning', file: 'agent-config.yaml', message: /interface ens1 of the interface table does not appear in networkConfig/, agentConfig: (d) => { host(d, 0).interfaces[0].name = 'ens1'; } },
  { name: 'NMState bond port that exists nowhere', id: 'nmstate.unknown-interface', file: 'agent-config.yaml', message: /port of bond bond0: eno9/, path: '/hosts/0/networkConfig/interfaces/2/link-aggregation/port/1', agentConfig: (d) => { nm(d, 0).interfaces[2]['link-aggregation'].port[1] = 'eno9'; } },
  { name: 'NMState VLAN on a missing base interface', id: 'nmstate.unknown-interface', file: 'agent-config.yaml', message: /base interface of VLAN bond0.50: bond1/, agentConfig: (d) => { nm(d, 0).interfaces[3].vlan['base-iface'] = 'bond1'; } },
  { name: 'NMState quoted MTU', id: 'nmstate.mtu-not-integer', file: 'agent-config.yaml', message: /mtu of bond0 must be an integer/, agentConfig: (d) => { nm(d, 0).interfaces[2].mtu = '1500'; } },
  { name: 'NMState interface name too long', id: 'nmstate.interface-name', file: 'agent-config.yaml', message: /longer than 15 characters/, agentConfig: (d) => { nm(d, 0).interfaces[3].name = 'bond0.50-cluster'; nm(d, 0).routes.config[0]['next-hop-interface'] = 'bond0.50-cluster'; } },
];

describe('the good pair', () => {
  it('has no findings at all', () => {
    expect(lintInstallerInputs({ installConfigText: GOOD_INSTALL, agentConfigText: GOOD_AGENT })).toEqual([]);
  });
});

describe.each(CASES)('$id: $name', (c) => {
  it(`reports ${c.severity ?? 'error'} in ${c.file} with a position`, () => {
    const found = lintChanged(c).filter((f) => f.id === c.id);
    expect(found.length, JSON.stringify(lintChanged(c), null, 1)).toBeGreaterThan(0);
    const match = found.find((f) =>
      f.file === c.file &&
      f.severity === (c.severity ?? 'error') &&
      (typeof c.message === 'string' ? f.message.includes(c.message) : c.message.test(f.message)) &&
      (c.path === undefined || f.path === c.path),
    );
    expect(match, JSON.stringify(found, null, 1)).toBeDefined();
    expect(match!.position?.line).toBeGreaterThan(0);
    expect(match!.step).toBe('export');
  });
});

// nmstate.* ids are covered case by case in test/unit/generate/install/nmstate.test.ts; the
// linter-level cases above show they reach agent-config findings with host paths.
// install.vsphere, install.nutanix, install.external, install.baremetal-provisioning: the real
// installer cases in test/fixtures/installer (corpus.test.ts) exercise them.
const COVERED_ELSEWHERE = new Set(['install.vsphere', 'install.nutanix', 'install.external', 'install.baremetal-provisioning', 'nmstate.not-a-document', 'nmstate.duplicate-interface', 'nmstate.reserved-name', 'nmstate.bond-ports', 'nmstate.vlan-mtu', 'nmstate.address', 'nmstate.ip-outside-subnet', 'nmstate.bridge-on-cluster-link']);

it('every linter rule id has a failing case here (or in the NMState tests)', () => {
  const tested = new Set(CASES.map((c) => c.id));
  expect(LINT_RULE_IDS.filter((id) => !tested.has(id) && !COVERED_ELSEWHERE.has(id))).toEqual([]);
});

it('every id a case produces is a documented rule id', () => {
  const known = new Set<string>(LINT_RULE_IDS);
  const produced = new Set(CASES.flatMap((c) => lintChanged(c).map((f) => f.id)));
  expect([...produced].filter((id) => !known.has(id))).toEqual([]);
});
