// install-config identity and agent-specific rules (installer.md §4.1 "Identity and keys",
// §4.3): apiVersion, platform, control plane replicas, network type, pull secret, SSH key.
import { arr, ic, obj, str, type LintRule } from './context';

const AGENT_PLATFORMS = ['baremetal', 'vsphere', 'nutanix', 'none', 'external'];
// 2 is a two-node cluster with fencing (install-platforms.ts checks its credentials).
const REPLICAS = [5, 4, 3, 2, 1];

export const installIdentityRules: LintRule[] = [
  function* apiVersion({ installConfig: c }) {
    if (!c || c.apiVersion === 'v1') return;
    yield ic('install.api-version', 'error', '/apiVersion', `apiVersion: Invalid value: ${JSON.stringify(c.apiVersion ?? '')}: install-config version must be "v1"`);
  },

  function* platform({ installConfig: c }) {
    if (!c) return;
    const names = Object.keys(obj(c.platform));
    if (names.length === 0) {
      yield ic('install.platform', 'error', '/platform', 'platform: Required value: a platform must be set', 'Use platform.baremetal with apiVIPs and ingressVIPs for an ACP site.');
      return;
    }
    for (const name of names.filter((n) => !AGENT_PLATFORMS.includes(n))) {
      yield ic('install.platform', 'error', `/platform/${name}`, `platform: Unsupported value: "${name}": supported values: ${AGENT_PLATFORMS.map((p) => `"${p}"`).join(', ')}`);
    }
  },

  function* controlPlaneReplicas({ installConfig: c }) {
    if (!c) return;
    const replicas = obj(c.controlPlane).replicas;
    if (replicas === undefined) {
      yield ic('install.control-plane-replicas', 'error', '/controlPlane', 'controlPlane.replicas: Required value', 'A compact ACP cluster has replicas: 3.');
    } else if (typeof replicas !== 'number' || !REPLICAS.includes(replicas)) {
      yield ic('install.control-plane-replicas', 'error', '/controlPlane/replicas', `ControlPlane.Replicas: Invalid value: ${JSON.stringify(replicas)}: ControlPlane.Replicas can only be set to 5, 4, 3, or 1. Found ${String(replicas)}`, 'A compact ACP cluster has replicas: 3.');
    }
  },

  function* networkType({ installConfig: c }) {
    if (!c) return;
    const type = obj(c.networking).networkType;
    if (type === undefined) {
      yield ic('install.network-type', 'error', '/networking', 'networking.networkType: Required value: network provider type required', 'Set networkType: OVNKubernetes.');
    } else if (type !== 'OVNKubernetes' && obj(c.controlPlane).replicas === 1) {
      yield ic('install.network-type', 'error', '/networking/networkType', 'Only OVNKubernetes network type is allowed for Single Node OpenShift (SNO) cluster');
    } else if (type !== 'OVNKubernetes') {
      yield ic('install.network-type', 'error', '/networking/networkType', `networking.networkType: Unsupported value: ${JSON.stringify(type)}: must be "OVNKubernetes"`);
    }
  },

  function* pullSecret({ installConfig: c }) {
    if (!c) return;
    const secret = str(c.pullSecret);
    if (c.pullSecret === undefined) {
      yield ic('install.pull-secret', 'info', '', 'pullSecret is not set: add it only where the ISO is built (sitekit generate --iso-inputs), never to a committed file.');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(secret ?? '');
    } catch {
      yield ic('install.pull-secret', 'error', '/pullSecret', 'pullSecret: Invalid value: "<redacted>": invalid character in JSON');
      return;
    }
    const auths = obj(obj(parsed).auths);
    if (Object.keys(auths).length === 0) {
      yield ic('install.pull-secret', 'error', '/pullSecret', 'pullSecret: Invalid value: "<redacted>": auths required');
      return;
    }
    for (const [registry, entry] of Object.entries(auths)) {
      if (obj(entry).auth === undefined && obj(entry).credsStore === undefined) {
        yield ic('install.pull-secret', 'error', '/pullSecret', `pullSecret: Invalid value: "<redacted>": ${JSON.stringify(registry)} requires either auth or credsStore`);
      }
    }
  },

  function* sshKey({ installConfig: c }) {
    const key = c ? str(c.sshKey) : undefined;
    if (!c || key === undefined) return;
    const lines = key.split('\n').filter((l) => l.trim() !== '');
    const bad = lines.find((l) => !/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/.test(l.trim()));
    if (lines.length === 0 || bad !== undefined) {
      yield ic('install.ssh-key', 'error', '/sshKey', 'sshKey: Invalid value: ssh: no key found', 'Paste one line of an OpenSSH public key (e.g. ssh-ed25519 AAAA… user@host).');
    } else if (c.fips === true && lines.some((l) => /^(ssh-ed25519|sk-)/.test(l.trim()))) {
      yield ic('install.ssh-key', 'error', '/sshKey', 'sshKey: Invalid value: SSH key type ssh-ed25519 unavailable when FIPS is enabled. Please use rsa or ecdsa.');
    }
  },

  function* computePools({ installConfig: c }) {
    if (!c) return;
    const names = new Set<string>();
    for (const [i, pool] of arr(c.compute).entries()) {
      const name = str(obj(pool).name);
      if (name === undefined) continue;
      if (names.has(name)) yield ic('install.compute', 'error', `/compute/${i}/name`, `compute[${i}].name: Duplicate value: "${name}"`);
      names.add(name);
      if (name !== 'worker') yield ic('install.compute', 'error', `/compute/${i}/name`, `compute[${i}].name: Unsupported value: "${name}": supported values: "worker"`);
    }
  },
];
