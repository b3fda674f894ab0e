// install-config.yaml of a compact three-node cluster for the Agent-based Installer
// (installer.md §3.3). The pull secret is a secret and is never part of it: the local
// ISO inputs add it (sitekit generate --iso-inputs). Machine pools carry `platform: {}`
// and baremetal `hosts: []` because the InstallConfig CRD marks them required although
// openshift-install defaults them (schemas/SOURCES.md, smoke test note 3). `hosts: []` is
// inert for the agent method: the installer validates baremetal hosts only when
// !agentBasedInstallation (pkg/types/baremetal/validation/platform.go ValidatePlatform) and
// takes the hosts from agent-config.yaml.
import { clusterNetwork } from '../../site/model';
import type { Site } from '../../site/schema';
import { networkCidrText, parseCidr } from '../../net/ip';
import { imageDigestSources } from './mirrors';

const pool = (name: string, replicas: number) => ({
  name,
  replicas,
  architecture: 'amd64',
  hyperthreading: 'Enabled',
  platform: {},
});

export function installConfig(site: Site): Record<string, unknown> {
  const { cluster } = site;
  const machine = clusterNetwork(site);
  const machineCidr = machine ? parseCidr(machine.subnet) : undefined;
  const config: Record<string, unknown> = {
    apiVersion: 'v1',
    metadata: { name: cluster.name },
    baseDomain: cluster.baseDomain,
    controlPlane: pool('master', 3),
    compute: [pool('worker', 0)],
    networking: {
      networkType: 'OVNKubernetes',
      machineNetwork: machineCidr ? [{ cidr: networkCidrText(machineCidr) }] : [],
      clusterNetwork: [{ cidr: cluster.clusterNetwork.cidr, hostPrefix: cluster.clusterNetwork.hostPrefix }],
      serviceNetwork: [cluster.serviceNetwork],
    },
    platform: { baremetal: { apiVIPs: [...cluster.apiVIPs], ingressVIPs: [...cluster.ingressVIPs], hosts: [] } },
  };
  if (cluster.fips) config.fips = true;
  if (cluster.proxy) {
    const { httpProxy, httpsProxy, noProxy } = cluster.proxy;
    config.proxy = {
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      // install-config takes noProxy as one comma-separated string.
      ...(noProxy && noProxy.length > 0 ? { noProxy: noProxy.join(',') } : {}),
    };
  }
  const mirrors = imageDigestSources(site);
  if (mirrors) config.imageDigestSources = mirrors;
  if (cluster.mirror?.caBundle) {
    config.additionalTrustBundle = cluster.mirror.caBundle;
    // The default Proxyonly adds the bundle only when a proxy is set; every node must
    // trust the mirror registry, so: Always (installer.md §3.3).
    config.additionalTrustBundlePolicy = 'Always';
  }
  config.sshKey = cluster.sshPublicKey;
  return config;
}
