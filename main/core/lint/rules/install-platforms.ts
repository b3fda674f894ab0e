// install-config rules of openshift-install that depend on the platform and the topology, in
// its words (installer pkg/types/validation, pkg/types/{vsphere,nutanix}/validation and
// pkg/asset/agent/installconfig.go; the cases are in test/fixtures/installer/cases.json):
// CPU architecture per platform, single-node and two-node topologies, fencing, vSphere and
// Nutanix connection details, the external OCI platform.
import { parseIp } from '../../net/ip';
import { arr, ic, obj, objects, str, type LintRule } from './context';

const ARCHITECTURES = ['amd64', 'arm64', 'ppc64le', 's390x'];
/** Agent installs: ppc64le and s390x only without a platform integration (pkg/asset/agent/installconfig.go). */
const NONE_ONLY_ARCHITECTURES = ['ppc64le', 's390x'];

export const installPlatformRules: LintRule[] = [
  function* architecture({ installConfig: c }) {
    if (!c) return;
    const platform = Object.keys(obj(c.platform))[0];
    const pools: [string, unknown][] = [['/controlPlane', c.controlPlane], ...arr(c.compute).map((p, i): [string, unknown] => [`/compute/${i}`, p])];
    for (const [path, pool] of pools) {
      const arch = obj(pool).architecture;
      if (arch === undefined || arch === '') continue;
      if (typeof arch !== 'string' || !ARCHITECTURES.includes(arch)) {
        yield ic('install.architecture', 'error', `${path}/architecture`, `${path.slice(1).replace(/\/(\d+)$/, '[$1]')}.architecture: Unsupported value: ${JSON.stringify(arch)}: supported values: ${ARCHITECTURES.map((a) => `"${a}"`).join(', ')}`);
      } else if (platform && platform !== 'none' && NONE_ONLY_ARCHITECTURES.includes(arch)) {
        yield ic('install.architecture', 'error', '/platform', `platform: Invalid value: "${platform}": CPU architecture "${arch}" only supports platform "none".`);
        return;
      }
    }
  },

  function* singleNodeCompute({ installConfig: c }) {
    if (!c || obj(c.controlPlane).replicas !== 1) return;
    const platform = Object.keys(obj(c.platform))[0];
    if (platform !== 'none' && platform !== 'external') return;
    const total = arr(c.compute).reduce<number>((sum, p) => sum + (typeof obj(p).replicas === 'number' ? (obj(p).replicas as number) : 0), 0);
    if (total !== 0) {
      yield ic('install.single-node', 'error', '/compute', `compute.replicas: Forbidden: Total number of compute replicas must be 0 when controlPlane.replicas is 1 for platform none or external. Found ${total}`, 'A single-node cluster has no workers: set compute[0].replicas: 0.');
    }
  },

  function* twoNodeFencing({ installConfig: c }) {
    if (!c || obj(c.controlPlane).replicas !== 2) return;
    const credentials = arr(obj(obj(c.controlPlane).fencing).credentials);
    if (credentials.length !== 2) {
      yield ic('install.fencing', 'error', '/controlPlane', `controlPlane.fencing.credentials: Forbidden: there should be exactly two fencing credentials to support the two node cluster, instead ${credentials.length} credentials were found`);
    }
  },

  function* vsphere({ installConfig: c }) {
    const v = c ? obj(c.platform).vsphere : undefined;
    if (v === undefined) return;
    const vs = obj(v);
    // The deprecated single-vCenter fields (converted by the installer into vcenters[0]).
    const deprecated = ['vCenter', 'username', 'password', 'datacenter'] as const;
    if (deprecated.some((k) => str(vs[k]))) {
      for (const k of deprecated.filter((d) => !str(vs[d]))) {
        yield ic('install.vsphere', 'error', '/platform/vsphere', `platform.vsphere.${k}: Required value: All credential fields are required if any one is specified`);
      }
    }
    const vcenters = objects(vs.vcenters);
    const servers = new Set(vcenters.map(([, vc]) => str(vc.server)));
    for (const [i, vc] of vcenters) {
      const fields: [string, unknown][] = [['user', vc.user], ['password', vc.password], ['datacenter', arr(vc.datacenters)[0]]];
      if (fields.some(([, value]) => value !== undefined && value !== '')) {
        for (const [name, value] of fields) {
          if (value === undefined || value === '') yield ic('install.vsphere', 'error', `/platform/vsphere/vcenters/${i}`, `platform.vsphere.vcenters[${i}].${name}: Required value: All credential fields are required if any one is specified`);
        }
      }
    }
    for (const [i, fd] of objects(vs.failureDomains)) {
      const server = str(fd.server);
      if (server !== undefined && vcenters.length > 0 && !servers.has(server)) {
        yield ic('install.vsphere', 'error', `/platform/vsphere/failureDomains/${i}/server`, `platform.vsphere.failureDomains.server: Invalid value: "${server}": server does not exist in vcenters`);
      }
      if (vcenters.length > 0 && !str(obj(fd.topology).folder)) {
        yield ic('install.vsphere', 'error', `/platform/vsphere/failureDomains/${i}/topology`, `platform.vsphere.failureDomains[${i}].topology.folder: Required value: must specify a folder for agent-based installs`);
      }
    }
  },

  function* nutanix({ installConfig: c }) {
    const n = c ? obj(c.platform).nutanix : undefined;
    if (n === undefined) return;
    const nu = obj(n);
    const central = obj(nu.prismCentral);
    if (!str(obj(central.endpoint).address)) yield ic('install.nutanix', 'error', '/platform/nutanix', 'platform.nutanix.prismCentral.endpoint.address: Required value: must specify the Prism Central endpoint address');
    if (!str(central.username)) yield ic('install.nutanix', 'error', '/platform/nutanix', 'platform.nutanix.prismCentral.username: Required value: must specify the Prism Central username');
    if (!str(central.password)) yield ic('install.nutanix', 'error', '/platform/nutanix', 'platform.nutanix.prismCentral.password: Required value: must specify the Prism Central password');
    const elements = objects(nu.prismElements);
    if (elements.length !== 1) yield ic('install.nutanix', 'error', '/platform/nutanix', 'platform.nutanix.prismElements: Required value: must specify one Prism Element');
    for (const [i, element] of elements) {
      if (!str(element.uuid)) yield ic('install.nutanix', 'error', `/platform/nutanix/prismElements/${i}`, 'platform.nutanix.prismElements.uuid: Required value: must specify the Prism Element UUID');
    }
    const subnets = arr(nu.subnetUUIDs);
    if (subnets.length === 0) yield ic('install.nutanix', 'error', '/platform/nutanix', 'platform.nutanix.subnetUUIDs: Required value: must specify at least one subnet');
    const seen = new Set<unknown>();
    for (const [i, uuid] of subnets.entries()) {
      if (seen.has(uuid)) yield ic('install.nutanix', 'error', `/platform/nutanix/subnetUUIDs/${i}`, `platform.nutanix.subnetUUIDs: Invalid value: "${String(uuid)}": should not configure duplicate value`);
      seen.add(uuid);
    }
  },

  function* baremetalHosts({ installConfig: c }) {
    const b = c ? obj(c.platform).baremetal : undefined;
    if (b === undefined) return;
    const bm = obj(b);
    const seen = new Set<string>();
    for (const [i, host] of objects(bm.hosts)) {
      const address = str(obj(host.bmc).address);
      if (address === undefined || address === '') continue;
      if (seen.has(address)) yield ic('install.baremetal-hosts', 'error', `/platform/baremetal/hosts/${i}/bmc/address`, `platform.baremetal.hosts[${i}].bmc.address: Duplicate value: "${address}"`);
      seen.add(address);
    }
    // The provisioning network's DHCP range must not hold the cluster's provisioning address.
    const range = str(bm.provisioningDHCPRange)?.split(',').map((x) => parseIp(x.trim()));
    const clusterIp = str(bm.clusterProvisioningIP);
    const ip = clusterIp ? parseIp(clusterIp) : undefined;
    const [first, last] = range ?? [];
    if (ip && first && last && first.family === ip.family && first.value <= ip.value && ip.value <= last.value) {
      yield ic('install.baremetal-provisioning', 'error', '/platform/baremetal/clusterProvisioningIP', `platform.baremetal.clusterProvisioningIP: Invalid value: "${clusterIp}": "${clusterIp}" overlaps with the allocated DHCP range`);
    }
  },

  function* externalOci({ installConfig: c }) {
    const e = c ? obj(c.platform).external : undefined;
    if (e === undefined || str(obj(e).platformName)?.toLowerCase() !== 'oci') return;
    if (obj(e).cloudControllerManager !== 'External') {
      yield ic('install.external', 'error', '/platform/external', `platform.external.cloudControllerManager: Invalid value: ${JSON.stringify(obj(e).cloudControllerManager ?? '')}: When using external oci platform, platform.external.cloudControllerManager must be set to External`);
    }
  },
];
