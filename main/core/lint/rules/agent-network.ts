// agent-config networking: the rendezvous IP (installer.md §3.1, §4.4), the NMState
// networkConfig, and the cross-file checks the installer leaves to install time (§4.4
// "Not enforced"): rendezvousIP on a control-plane host, VIPs not used by a host, every
// host with an address in the machine network, interface table matching networkConfig.
import { checkNmState } from '../../generate/nmstate/check';
import { cidrContains, parseIp, sameIp } from '../../net/ip';
import { ac, arr, hostAddresses, hostLabel, hosts, machineNetworks, obj, objects, str, type LintRule } from './context';

export const agentNetworkRules: LintRule[] = [
  function* rendezvous(context) {
    const a = context.agentConfig;
    if (!a) return;
    const all = hosts(context).flatMap(([h, host]) => hostAddresses(host, h).map((addr) => ({ ...addr, owner: host })));
    if (a.rendezvousIP === undefined) {
      if (all.length === 0) {
        yield ac('agent.rendezvous-ip', 'error', '', 'missing rendezvousIP in agent-config, at least one host networkConfig, or at least one NMStateConfig manifest');
      }
      return;
    }
    const ip = str(a.rendezvousIP);
    if (ip === undefined || !parseIp(ip)) {
      yield ac('agent.rendezvous-ip', 'error', '/rendezvousIP', `rendezvousIP: Invalid value: ${JSON.stringify(a.rendezvousIP)}: "${String(a.rendezvousIP)}" is not a valid IP`);
      return;
    }
    const owners = all.filter((x) => sameIp(x.ip, ip));
    for (const o of owners.filter((x) => x.owner.role === 'worker')) {
      yield ac('agent.rendezvous-ip', 'error', `/hosts/${o.host}/role`, `hosts[${o.host}].role: Forbidden: Host ${hostLabel(o.owner, o.host)} has role 'worker' and has the rendezvousIP assigned to it. The rendezvousIP must be assigned to a control plane host.`);
    }
    // The installer only refuses a worker; an address no host has is found at boot, when
    // every agent waits for a rendezvous host that never comes up.
    const withStatic = hosts(context).filter(([h, host]) => hostAddresses(host, h).length > 0);
    if (withStatic.length > 0 && owners.length === 0) {
      yield ac('agent.rendezvous-ip-not-on-host', 'warning', '/rendezvousIP', `rendezvousIP ${ip} is not a static address of any host in networkConfig: openshift-install accepts this, but unless DHCP gives this address to a control-plane host the agents wait for a rendezvous host that never comes up`, 'Use the cluster address of the first master host.');
    }
  },

  function* masterCount(context) {
    const replicas = obj(context.installConfig?.controlPlane).replicas;
    if (typeof replicas !== 'number' || !context.agentConfig) return;
    const masters = hosts(context).filter(([, h]) => h.role === 'master').length;
    if (masters > replicas) {
      yield ac('agent.master-count', 'error', '/hosts', `the number of master hosts defined (${masters}) exceeds the configured ControlPlane replicas (${replicas})`);
    } else if (hosts(context).length > 0 && hosts(context).filter(([, h]) => h.role !== 'worker').length < replicas) {
      yield ac('agent.master-count', 'warning', '/hosts', `not enough hosts found (${hosts(context).length}) to support all the configured ControlPlane replicas (${replicas})`);
    }
  },

  function* workerCount(context) {
    const replicas = arr(context.installConfig?.compute).reduce<number | undefined>((sum, p) => (typeof obj(p).replicas === 'number' ? (sum ?? 0) + (obj(p).replicas as number) : sum), undefined);
    if (replicas === undefined || !context.agentConfig) return;
    const workers = hosts(context).filter(([, h]) => h.role === 'worker').length;
    if (workers > replicas) {
      yield ac('agent.worker-count', 'error', '/hosts', `the number of worker hosts defined (${workers}) exceeds the configured Compute replicas (${replicas})`);
    }
  },

  function* networkConfig(context) {
    for (const [h, host] of hosts(context)) {
      if (host.networkConfig === undefined) continue;
      const known = objects(host.interfaces).flatMap(([, i]) => (str(i.name) ? [str(i.name)!] : []));
      for (const issue of checkNmState(host.networkConfig, { knownInterfaces: known })) {
        yield ac(issue.id, issue.severity, `/hosts/${h}/networkConfig${issue.path}`, `${hostLabel(host, h)}: ${issue.message}`);
      }
    }
  },

  function* hostsInMachineNetwork(context) {
    if (!context.installConfig) return;
    const machine = machineNetworks(context.installConfig);
    if (machine.length === 0) return;
    for (const [h, host] of hosts(context)) {
      const addresses = hostAddresses(host, h);
      if (addresses.length === 0) continue;
      for (const m of machine) {
        if (addresses.some((a) => cidrContains(m.cidr, parseIp(a.ip)!))) continue;
        const families = addresses.filter((a) => parseIp(a.ip)!.family === m.cidr.family);
        if (families.length === 0) continue;
        yield ac('agent.host-outside-machine-network', 'warning', families[0]!.path, `${hostLabel(host, h)} has no address in the machine network ${m.text} (its static addresses: ${families.map((a) => a.ip).join(', ')}): openshift-install builds the image, but the install then stops at assisted-service's belongs-to-machine-cidr validation`, 'Give the host an address inside the machine network, or fix machineNetwork in install-config.yaml.');
      }
    }
  },

  function* vipsNotHostAddresses(context) {
    const bm = obj(obj(context.installConfig?.platform).baremetal);
    const vips = [...(Array.isArray(bm.apiVIPs) ? bm.apiVIPs : []), ...(Array.isArray(bm.ingressVIPs) ? bm.ingressVIPs : [])].filter((v): v is string => typeof v === 'string');
    for (const [h, host] of hosts(context)) {
      for (const addr of hostAddresses(host, h)) {
        const vip = vips.find((v) => sameIp(v, addr.ip));
        if (vip) {
          yield ac('agent.vip-is-host-address', 'warning', addr.path, `${hostLabel(host, h)} uses ${addr.ip}, which is also a VIP in install-config.yaml: openshift-install builds the image, but the VIP must be a free address or the install fails (assisted-service api-vips-valid)`, 'Give the host or the VIP another address on the cluster network.');
        }
      }
    }
  },

  function* interfaceNames(context) {
    for (const [h, host] of hosts(context)) {
      if (host.networkConfig === undefined) continue;
      const table = objects(host.interfaces).flatMap(([i, x]) => (str(x.name) ? [{ name: str(x.name)!, i }] : []));
      const nm = objects(obj(host.networkConfig).interfaces);
      const nmNames = new Set(nm.flatMap(([, x]) => (str(x.name) ? [str(x.name)!] : [])));
      const ports = new Set(nm.flatMap(([, x]) => objects([obj(x['link-aggregation'])]).flatMap(([, l]) => (Array.isArray(l.port) ? l.port : []))).filter((p): p is string => typeof p === 'string'));
      for (const entry of table) {
        if (nmNames.has(entry.name) || ports.has(entry.name)) continue;
        yield ac('agent.interface-name-mismatch', 'warning', `/hosts/${h}/interfaces/${entry.i}/name`, `${hostLabel(host, h)}: interface ${entry.name} of the interface table does not appear in networkConfig`, 'The installer only warns; check that the name matches the NIC in networkConfig.');
      }
      const tableNames = new Set(table.map((t) => t.name));
      for (const [i, x] of nm) {
        const name = str(x.name);
        if (x.type !== 'ethernet' || name === undefined || tableNames.has(name)) continue;
        yield ac('agent.interface-name-mismatch', 'warning', `/hosts/${h}/networkConfig/interfaces/${i}/name`, `${hostLabel(host, h)}: ethernet interface ${name} in networkConfig has no entry (and MAC) in the interface table`, 'Add {name, macAddress} for it to interfaces.');
      }
    }
  },
];
