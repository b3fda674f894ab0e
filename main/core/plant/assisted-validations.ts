// Every host validation the Assisted Installer (inside the agent-based ISO) runs before it
// installs a node, next to what Sitekit checks before the install: the same condition, part of
// it, or why it cannot or need not. The ids, thresholds and behaviour were read in the sources
// named in test/fixtures/assisted/SOURCES.md (assisted-service at ASSISTED_SERVICE_COMMIT).
// Thresholds are those an agent-based three-node compact cluster gets: every node is a master.

export const ASSISTED_SERVICE_REPO = 'openshift/assisted-service';
export const ASSISTED_SERVICE_COMMIT = '063b257950f726d6b291dc94b806bc243a1b56de';
export const ASSISTED_SERVICE_ID_FILE = 'models/host_validation_id.go';

/** Install disk fsync speed: fio p99 fdatasync in ms, worst of two parallel jobs (master, installer's
 *  configure-assisted-hw-requirements.sh; assisted-installer-agent disk_speed_check.go). */
export const AI_INSTALL_DISK_SPEED_THRESHOLD_MS = 10;
/** The label the installer puts in front of `<cluster>.<baseDomain>` to detect a wildcard record
 *  (assisted-service internal/constants/files.go DNSWildcardFalseDomainName). */
export const AI_WILDCARD_CHECK_LABEL = 'validateNoWildcardDNS';
/** The name the installer resolves for `*.apps` (AppsSubDomainNameHostDNSValidation), under `apps.<cluster>.<baseDomain>`. */
export const AI_APPS_CHECK_LABEL = 'console-openshift-console';
/** Masters: average round trip to every other master, and packet loss (ping -c 10 -W 3). */
export const AI_MASTER_LATENCY_MS = 100;
export const AI_MASTER_PACKET_LOSS_PERCENT = 0;
/** Host clock against the assisted-service on the rendezvous node (validator.go). */
export const AI_SERVICE_AHEAD_MAX_MINUTES = 20;
export const AI_HOST_AHEAD_MAX_MINUTES = 60;

export type AssistedCategory = 'network' | 'hardware' | 'operators';

/**
 * covered: Sitekit checks the same condition before the install.
 * partly: Sitekit checks part of it; `note` says what it leaves out.
 * install-time: it applies, but only the running installer can check it; `note` says why.
 * not-applicable: it does not apply to an agent-based three-node compact ACP site; `note` says why.
 */
export type SitekitCoverage = 'covered' | 'partly' | 'install-time' | 'not-applicable';

export interface AssistedValidation {
  /** The wire id (models.HostValidationID). */
  id: string;
  category: AssistedCategory;
  /** What the installer checks, in plain words. */
  checks: string;
  /** The threshold for a compact master, when the check has one. */
  threshold?: string;
  coverage: SitekitCoverage;
  /** Sitekit finding ids that check the same thing (also for not-applicable rows, when Sitekit checks it anyway). */
  sitekit: readonly string[];
  /** What Sitekit leaves out, why it cannot check it, or why it does not apply. */
  note?: string;
}

const NO_INSTALL_OPERATORS =
  'The agent-based install of an ACP site enables no operator in the installer (the bundle has no `operators.yaml`); the operators are installed after the install by GitOps, so the installer does not run this check.';

function operator(id: string, name: string): AssistedValidation {
  return { id, category: 'operators', checks: `Host requirements of the ${name} operator, when it is enabled in the installer.`, coverage: 'not-applicable', sitekit: [], note: NO_INSTALL_OPERATORS };
}

export const ASSISTED_HOST_VALIDATIONS: readonly AssistedValidation[] = [
  {
    id: 'connected',
    category: 'network',
    checks: 'The agent has reported to the assisted-service on the rendezvous node recently (only before the node reboots).',
    threshold: '3 min without a report (5 min for the bootstrap node)',
    coverage: 'install-time',
    sitekit: [],
    note: 'The assisted-service exists only once the nodes run the agent ISO; Sitekit reaches the nodes from the laptop over SSH before that.',
  },
  {
    id: 'media-connected',
    category: 'network',
    checks: 'The boot ISO (virtual media) is still attached.',
    coverage: 'install-time',
    sitekit: [],
    note: 'The ISO is attached when the nodes boot it, after Sitekit has probed them.',
  },
  {
    id: 'has-inventory',
    category: 'hardware',
    checks: 'The agent has sent its hardware inventory.',
    coverage: 'install-time',
    sitekit: [],
    note: 'Only the agent sends its inventory; Sitekit collects its own inventory of the same hardware with the probe.',
  },
  {
    id: 'inventory-not-partially-truncated',
    category: 'hardware',
    checks: 'The agent did not shorten its inventory to fit `AGENT_INVENTORY_MAX_SIZE` (a warning).',
    threshold: '0 (no limit) by default',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'The agent-based ISO sets no inventory size limit, so the inventory is never shortened.',
  },
  {
    id: 'inventory-not-fully-truncated',
    category: 'hardware',
    checks: 'The agent did not have to drop its inventory for being larger than `AGENT_INVENTORY_MAX_SIZE`.',
    threshold: '0 (no limit) by default',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'The agent-based ISO sets no inventory size limit, so the inventory is never dropped.',
  },
  {
    id: 'has-min-cpu-cores',
    category: 'hardware',
    checks: 'Logical CPUs are at least the smallest requirement of any role.',
    threshold: '2 logical CPUs (the worker figure)',
    coverage: 'covered',
    sitekit: ['hw.cpu-too-few'],
    note: 'Sitekit asks for the full compact-node figure instead (see `has-cpu-cores-for-role`).',
  },
  {
    id: 'has-min-valid-disks',
    category: 'hardware',
    checks:
      'At least one disk can take the install: at least the size below; drive type HDD, SSD, multipath, RAID (4.14+), iSCSI (4.15+) or FC (x86_64); not one path of a multipath device; no mounted partition; not the boot ISO; not an LVM volume; a known storage controller.',
    threshold: '100 GB (decimal) for a master',
    coverage: 'partly',
    sitekit: ['disks.boot-hint-missing', 'hw.boot-disk-not-found', 'hw.boot-disk-ambiguous', 'hw.boot-disk-too-small', 'hw.boot-disk-multipath-path'],
    note: 'Sitekit checks that the boot disk hint picks exactly one disk of at least 100 GB that is not one path of a multipath LUN; it does not check the disk for mounted partitions, LVM or the drive-type list.',
  },
  {
    id: 'has-min-memory',
    category: 'hardware',
    checks: 'Physical memory is at least the smallest requirement of any role, less a tolerance.',
    threshold: '8192 MiB (worker figure) − 100 MiB, − 2 % more when read from `/proc/meminfo`',
    coverage: 'covered',
    sitekit: ['hw.memory-too-little'],
    note: 'Sitekit asks for the full compact-node figure instead (see `has-memory-for-role`).',
  },
  {
    id: 'machine-cidr-defined',
    category: 'network',
    checks: 'The cluster has a machine network.',
    coverage: 'covered',
    sitekit: ['network.cluster-count'],
    note: 'Sitekit writes the machine network from the plan\'s one cluster network.',
  },
  {
    id: 'has-cpu-cores-for-role',
    category: 'hardware',
    checks: 'Logical CPUs are at least the role\'s requirement plus that of every operator enabled in the installer.',
    threshold: '4 logical CPUs for a master (no installer operators in an agent-based ACP install)',
    coverage: 'covered',
    sitekit: ['hw.cpu-too-few'],
    note: 'Sitekit is stricter: it adds what ODF (6 + 2 per device) and OpenShift Virtualization (4) need, as the installer would if they were enabled in it.',
  },
  {
    id: 'has-memory-for-role',
    category: 'hardware',
    checks: 'Physical memory is at least the role\'s requirement plus that of every operator enabled in the installer, less a tolerance.',
    threshold: '16384 MiB − 100 MiB for a master',
    coverage: 'covered',
    sitekit: ['hw.memory-too-little'],
    note: 'Sitekit is stricter: it adds ODF (19 GiB + 5 GiB per device) and OpenShift Virtualization (150 MiB) and allows no tolerance.',
  },
  {
    id: 'hostname-unique',
    category: 'hardware',
    checks: 'No other node of the cluster has the same host name.',
    coverage: 'covered',
    sitekit: ['nodes.hostname-duplicate', 'agent.hostname-duplicate'],
  },
  {
    id: 'hostname-valid',
    category: 'hardware',
    checks: 'The host name matches `^[a-z0-9][a-z0-9-]{0,62}(?:[.][a-z0-9-]{1,63})*$`, has at most 63 characters, and is not `localhost` or a variant.',
    threshold: '63 characters',
    coverage: 'covered',
    sitekit: ['nodes.hostname-invalid', 'nodes.hostname-reserved'],
  },
  {
    id: 'belongs-to-machine-cidr',
    category: 'network',
    checks: 'The node has an address in every machine network.',
    coverage: 'covered',
    sitekit: ['address.cluster-missing', 'address.outside-subnet', 'agent.host-outside-machine-network', 'hw.mac-missing', 'hw.interface-missing'],
    note: 'The address comes from the generated network configuration, which finds its NICs by MAC address.',
  },
  {
    id: 'ignition-downloadable',
    category: 'network',
    checks: 'A node added to an existing cluster can download its ignition.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'Only for nodes added to an existing cluster (day 2).',
  },
  {
    id: 'belongs-to-majority-group',
    category: 'network',
    checks: 'The node reaches most of the other nodes on the machine network at layer 2 (ARP / IPv6 neighbour checks between the nodes).',
    coverage: 'partly',
    sitekit: ['hw.no-link', 'hw.lldp-switch-mismatch', 'hw.lldp-port-mismatch', 'hw.lldp-vlan-missing', 'plant.gateway-silent'],
    note: 'Sitekit probes each node on its own: it checks links, cabling and VLANs by LLDP and that the gateway answers, not node-to-node reachability.',
  },
  {
    id: 'valid-platform-network-settings',
    category: 'network',
    checks: 'The node is not an OpenStack virtual machine ("OpenStack Compute"), which needs user-managed networking.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'ACP nodes are bare-metal servers.',
  },
  {
    id: 'ntp-synced',
    category: 'network',
    checks: 'At least one chrony source is synchronised; the agent adds the cluster\'s NTP servers to chrony first.',
    threshold: 'one synchronised source (the agent-based ISO has no default NTP server)',
    coverage: 'covered',
    sitekit: ['ntp.server-invalid', 'agent.ntp-source', 'plant.ntp-silent', 'plant.ntp-offset', 'plant.ntp-not-checked', 'hw.ntp-not-synced'],
    note: 'Sitekit asks every planned NTP server from every node (`chronyd -Q`) and reads whether the node\'s clock is synchronised now.',
  },
  {
    id: 'time-synced-between-host-and-service',
    category: 'network',
    checks: 'The node clock is close to the clock of the assisted-service on the rendezvous node.',
    threshold: `service ahead by at most ${AI_SERVICE_AHEAD_MAX_MINUTES} min, node ahead by at most ${AI_HOST_AHEAD_MAX_MINUTES} min`,
    coverage: 'covered',
    sitekit: ['hw.clock-skew', 'hw.clock-off-laptop'],
    note: 'Sitekit is stricter: the node clocks must be within 4 minutes of each other (the installer\'s cluster check `ntp-server-configured`).',
  },
  {
    id: 'container-images-available',
    category: 'network',
    checks: 'The node pulled the release image, the machine-config-operator, must-gather and installer images without error.',
    threshold: 'any failed pull, or a download rate under 0.001 MB/s',
    coverage: 'partly',
    sitekit: [
      'mirror.registry-invalid',
      'mirror.ca-invalid',
      'plant.registry-unreachable',
      'plant.registry-cert-untrusted',
      'plant.registry-cert-name',
      'plant.registry-cert-expired',
      'plant.registry-api',
      'plant.registry-auth',
      'plant.registry-image-missing',
      'plant.registry-not-checked',
    ],
    note: 'Sitekit checks from every node that the registry answers over trusted TLS, accepts the pull secret and holds the release image and the operator index; it pulls nothing and does not check the images inside the release.',
  },
  operator('lso-requirements-satisfied', 'Local Storage'),
  {
    id: 'ocs-requirements-satisfied',
    category: 'operators',
    checks: 'Old name of the ODF check.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'Kept only in the API list; assisted-service no longer runs it.',
  },
  {
    id: 'odf-requirements-satisfied',
    category: 'operators',
    checks:
      'Compact mode: at least one SSD or HDD of at least 25 GB besides the install disk; CPU and memory for ODF (added to `has-cpu-cores-for-role`); at least 3 disks on 3 nodes.',
    threshold: '25 GB per device; 6 CPUs + 2 per device; 19 GiB + 5 GiB per device',
    coverage: 'not-applicable',
    sitekit: ['odf.devices-missing', 'hw.odf-device-missing', 'hw.odf-device-is-boot', 'hw.odf-device-too-small', 'hw.odf-device-hdd', 'hw.cpu-too-few', 'hw.memory-too-little'],
    note: `${NO_INSTALL_OPERATORS} Sitekit checks the same ODF needs anyway.`,
  },
  operator('lvm-requirements-satisfied', 'LVM Storage'),
  operator('mce-requirements-satisfied', 'multicluster engine'),
  operator('mtv-requirements-satisfied', 'Migration Toolkit for Virtualization'),
  operator('osc-requirements-satisfied', 'OpenShift sandboxed containers'),
  {
    id: 'sufficient-installation-disk-speed',
    category: 'hardware',
    checks:
      'At the start of the install the agent runs fio on the install disk (2 jobs at once, 22 MiB of 2300-byte writes, fdatasync after each) and takes the worst 99th-percentile fdatasync time. Slower than the threshold only raises an event; the check fails when the measurement itself failed in an earlier attempt.',
    threshold: `${AI_INSTALL_DISK_SPEED_THRESHOLD_MS} ms (99th percentile fdatasync)`,
    coverage: 'partly',
    sitekit: ['plant.disk-slow', 'plant.disk-speed', 'plant.disk-speed-not-measured'],
    note: 'Opt-in: `sitekit probe --disk-speed` runs the same fio job on the disk the boot hint picks when the node has fio; the RHCOS live image has none (the agent brings fio in its container), and then a timed dd gives an average, an approximation of the 99th percentile.',
  },
  {
    ...operator('cnv-requirements-satisfied', 'OpenShift Virtualization'),
    checks: 'CPU has vmx or svm; CPU and memory for OpenShift Virtualization (added to `has-cpu-cores-for-role`).',
    threshold: '4 CPUs and 150 MiB for a master',
    sitekit: ['hw.no-virtualization', 'hw.cpu-too-few', 'hw.memory-too-little'],
    note: `${NO_INSTALL_OPERATORS} Sitekit checks the same needs anyway.`,
  },
  {
    id: 'sufficient-network-latency-requirement-for-role',
    category: 'network',
    checks: 'Average round trip from the node to every other master (`ping -c 10 -W 3`).',
    threshold: `${AI_MASTER_LATENCY_MS} ms for a master`,
    coverage: 'install-time',
    sitekit: [],
    note: 'Sitekit probes each node on its own and pings only the gateway and the VIPs; node-to-node pings need the planned addresses, which the nodes carry only in the agent ISO.',
  },
  {
    id: 'sufficient-packet-loss-requirement-for-role',
    category: 'network',
    checks: 'Packet loss from the node to every other master (`ping -c 10 -W 3`).',
    threshold: `${AI_MASTER_PACKET_LOSS_PERCENT} % for a master`,
    coverage: 'install-time',
    sitekit: [],
    note: 'Same as the latency check: Sitekit does not ping node to node.',
  },
  {
    id: 'has-default-route',
    category: 'network',
    checks: 'The node has a default route (0.0.0.0/0 or ::/0 with a gateway).',
    coverage: 'covered',
    sitekit: ['network.cluster-gateway-missing', 'plant.no-default-route', 'plant.default-route-other'],
  },
  {
    id: 'api-domain-name-resolved-correctly',
    category: 'network',
    checks: '`api.<cluster>.<baseDomain>` resolves, and not to the node itself.',
    coverage: 'not-applicable',
    sitekit: ['plant.dns-record-missing', 'plant.dns-record-wrong', 'plant.dns-server-silent'],
    note: 'The installer checks it only with user-managed networking; with API and Ingress VIPs it reports success. Sitekit checks it anyway, against the API VIPs.',
  },
  {
    id: 'api-int-domain-name-resolved-correctly',
    category: 'network',
    checks: '`api-int.<cluster>.<baseDomain>` resolves, and not to the node itself.',
    coverage: 'not-applicable',
    sitekit: ['plant.dns-record-missing', 'plant.dns-record-wrong', 'plant.dns-server-silent'],
    note: 'The installer checks it only with user-managed networking; with VIPs it reports success. Sitekit checks it anyway, against the API VIPs.',
  },
  {
    id: 'apps-domain-name-resolved-correctly',
    category: 'network',
    checks: `\`${AI_APPS_CHECK_LABEL}.apps.<cluster>.<baseDomain>\` resolves, and not to the node itself.`,
    coverage: 'not-applicable',
    sitekit: ['plant.dns-record-missing', 'plant.dns-record-wrong', 'plant.dns-server-silent'],
    note: 'The installer checks it only with user-managed networking; with VIPs it reports success. Sitekit checks a name under `*.apps` anyway, against the Ingress VIPs.',
  },
  {
    id: 'release-domain-name-resolved-correctly',
    category: 'network',
    checks: 'The host name of the release image resolves.',
    coverage: 'not-applicable',
    sitekit: ['plant.registry-unreachable'],
    note: 'assisted-service defines it but does not run it (commented out, MGMT-15213). Sitekit resolves and connects to the registry from every node anyway.',
  },
  {
    id: 'compatible-with-cluster-platform',
    category: 'hardware',
    checks: 'The platform provider accepts the node.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'Platform baremetal accepts every node.',
  },
  {
    id: 'dns-wildcard-not-configured',
    category: 'network',
    checks: `\`${AI_WILDCARD_CHECK_LABEL}.<cluster>.<baseDomain>.\` (absolute) must not resolve; then the same name without the final dot (through the search domains) must not resolve either. Any A, AAAA or CNAME answer fails.`,
    threshold: 'no answer',
    coverage: 'covered',
    sitekit: ['plant.dns-wildcard', 'plant.dns-server-silent', 'plant.dns-not-checked'],
    note: 'Sitekit asks the name of every plan DNS server and of the node\'s own resolvers (which apply the search domains); it also warns about a wildcard under the base domain (`plant.dns-base-wildcard`).',
  },
  {
    id: 'disk-encryption-requirements-satisfied',
    category: 'hardware',
    checks: 'With disk encryption: TPM 2.0 present (TPM mode) or the Tang servers reachable (Tang mode).',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'Sitekit plans no disk encryption, so the installer skips this.',
  },
  {
    id: 'non-overlapping-subnets',
    category: 'network',
    checks: 'No two interfaces of the node carry the same or overlapping subnets.',
    coverage: 'partly',
    sitekit: ['network.overlap'],
    note: 'Sitekit checks that the plan\'s networks do not overlap; it does not check NICs left out of the plan, which may take a DHCP address in the same subnet in the agent ISO.',
  },
  {
    id: 'vsphere-disk-uuid-enabled',
    category: 'hardware',
    checks: 'On a VMware virtual machine, `disk.EnableUUID` is set.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'ACP nodes are bare-metal servers.',
  },
  {
    id: 'compatible-agent',
    category: 'hardware',
    checks: 'The agent version matches the assisted-service.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'The agent-based ISO carries the agent and the service of one release.',
  },
  {
    id: 'no-skip-installation-disk',
    category: 'hardware',
    checks: 'The install disk is not marked to skip formatting.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'The agent-based install marks no disk to skip formatting.',
  },
  {
    id: 'no-skip-missing-disk',
    category: 'hardware',
    checks: 'Every disk marked to skip formatting still exists.',
    coverage: 'not-applicable',
    sitekit: [],
    note: 'The agent-based install marks no disk to skip formatting.',
  },
  {
    id: 'no-ip-collisions-in-network',
    category: 'network',
    checks: 'No address of the node is answered by more than one MAC address (ARP reports of all nodes).',
    coverage: 'partly',
    sitekit: ['address.duplicate', 'address.is-vip', 'address.is-gateway', 'vip.duplicate', 'plant.vip-in-use'],
    note: 'Sitekit checks that the plan uses every address once and that nothing answers on the VIPs; it does not ARP the planned node addresses.',
  },
  {
    id: 'no-iscsi-nic-belongs-to-machine-cidr',
    category: 'network',
    checks: 'With an iSCSI install disk, the NIC of the iSCSI session is not on the machine network.',
    coverage: 'partly',
    sitekit: ['hw.boot-disk-external'],
    note: 'Sitekit warns when the boot disk is iSCSI or another network disk, but does not check which NIC carries the session.',
  },
  operator('node-feature-discovery-requirements-satisfied', 'Node Feature Discovery'),
  operator('nvidia-gpu-requirements-satisfied', 'NVIDIA GPU'),
  operator('pipelines-requirements-satisfied', 'OpenShift Pipelines'),
  operator('servicemesh-requirements-satisfied', 'OpenShift Service Mesh'),
  operator('serverless-requirements-satisfied', 'OpenShift Serverless'),
  operator('openshift-ai-requirements-satisfied', 'OpenShift AI'),
  operator('authorino-requirements-satisfied', 'Authorino'),
  {
    id: 'mtu-valid',
    category: 'network',
    checks: 'When a NIC\'s MTU is not 1500: a ping of the full MTU with "don\'t fragment" reaches the other nodes\' machine-network addresses.',
    coverage: 'partly',
    sitekit: ['network.mtu-range', 'network.mtu-untagged-parent', 'hw.mtu-unsupported', 'nmstate.vlan-mtu'],
    note: 'Sitekit checks that the planned MTUs fit the NICs and the VLAN layout; it sends no full-size frames between nodes, so a switch port with a smaller MTU shows only during the install.',
  },
  operator('nmstate-requirements-satisfied', 'Kubernetes NMState'),
  operator('amd-gpu-requirements-satisfied', 'AMD GPU'),
  operator('kmm-requirements-satisfied', 'Kernel Module Management'),
  operator('node-healthcheck-requirements-satisfied', 'Node Health Check'),
  operator('self-node-remediation-requirements-satisfied', 'Self Node Remediation'),
  operator('fence-agents-remediation-requirements-satisfied', 'Fence Agents Remediation'),
  operator('node-maintenance-requirements-satisfied', 'Node Maintenance'),
  operator('kube-descheduler-requirements-satisfied', 'Kube Descheduler'),
  operator('cluster-observability-requirements-satisfied', 'Cluster Observability'),
  operator('numa-resources-requirements-satisfied', 'NUMA Resources'),
  operator('oadp-requirements-satisfied', 'OADP'),
  operator('metallb-requirements-satisfied', 'MetalLB'),
  operator('loki-requirements-satisfied', 'Loki'),
  operator('openshift-logging-requirements-satisfied', 'OpenShift Logging'),
];

export interface SitekitOnlyCheck {
  what: string;
  sitekit: readonly string[];
}

/** What Sitekit checks before the install that no host validation of the installer checks. */
export const SITEKIT_ONLY_CHECKS: readonly SitekitOnlyCheck[] = [
  {
    what: '`api`, `api-int` and `*.apps` resolve to the planned VIPs on every plan DNS server and on the node\'s resolvers (the installer skips these with VIPs)',
    sitekit: ['plant.dns-record-missing', 'plant.dns-record-wrong', 'plant.dns-server-silent'],
  },
  { what: 'No wildcard record under the base domain', sitekit: ['plant.dns-base-wildcard'] },
  { what: 'Every node\'s name resolves forward and backward to its cluster address', sitekit: ['plant.dns-node-name'] },
  {
    what: 'The registry certificate: trusted by the plan\'s CA bundle, names the registry, not expired or about to expire',
    sitekit: ['plant.registry-cert-untrusted', 'plant.registry-cert-name', 'plant.registry-cert-expired', 'plant.registry-cert-expiring', 'plant.registry-cert-ok'],
  },
  { what: 'The operator index the bundle uses is in the registry', sitekit: ['plant.registry-image-missing'] },
  { what: 'NTP servers answer and their time is within 1 s of the node', sitekit: ['plant.ntp-silent', 'plant.ntp-offset'] },
  { what: 'The default route goes through the planned cluster gateway, and the gateway answers', sitekit: ['plant.default-route-other', 'plant.gateway-silent'] },
  { what: 'The storage network is not routed', sitekit: ['plant.storage-routed', 'network.storage-gateway'] },
  { what: 'Nothing answers on the API and Ingress VIPs yet (the installer\'s cluster check uses the nodes\' free-address scan)', sitekit: ['plant.vip-in-use'] },
  { what: 'The install disk speed, measured before the install instead of at its start', sitekit: ['plant.disk-slow', 'plant.disk-speed'] },
  {
    what: 'CPU and memory for ODF and OpenShift Virtualization, which GitOps installs after the install',
    sitekit: ['hw.cpu-too-few', 'hw.memory-too-little', 'hw.no-virtualization'],
  },
  {
    what: 'ODF devices exist, are not the boot disk, are large enough, empty or acknowledged for wiping',
    sitekit: ['hw.odf-device-missing', 'hw.odf-device-is-boot', 'hw.odf-device-too-small', 'hw.odf-device-not-empty', 'hw.odf-device-wipe'],
  },
  { what: 'Planned MAC addresses and NIC names exist on the node, with link', sitekit: ['hw.mac-missing', 'hw.mac-on-other-interface', 'hw.interface-missing', 'hw.no-link'] },
  { what: 'Cabling and VLANs match the plan (LLDP)', sitekit: ['hw.lldp-switch-mismatch', 'hw.lldp-port-mismatch', 'hw.lldp-vlan-missing', 'hw.lldp-pvid-tagged'] },
  { what: 'The boot disk hint is stable and picks exactly one disk', sitekit: ['disks.boot-hint-unstable', 'hw.boot-disk-ambiguous'] },
  { what: 'Storage NIC speed and bond member speeds', sitekit: ['hw.storage-nic-slow', 'hw.bond-speed-mismatch'] },
  { what: 'The three nodes are alike (model, NICs, disks)', sitekit: ['hw.nodes-differ-model', 'hw.nodes-differ-nics', 'hw.nodes-differ-disks'] },
];

/** Every Sitekit finding id the tables above name, once each. */
export function namedSitekitIds(): string[] {
  const ids = [...ASSISTED_HOST_VALIDATIONS.flatMap((v) => v.sitekit), ...SITEKIT_ONLY_CHECKS.flatMap((c) => c.sitekit)];
  return [...new Set(ids)];
}

export const COVERAGE_TITLES: Record<SitekitCoverage, string> = {
  covered: 'checked',
  partly: 'partly checked',
  'install-time': 'only during the install',
  'not-applicable': 'does not apply',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const codes = (ids: readonly string[]) => ids.map((id) => `\`${id}\``).join(', ');

function sitekitCell(v: AssistedValidation): string {
  const parts = [`**${COVERAGE_TITLES[v.coverage]}**`];
  if (v.sitekit.length) parts.push(codes(v.sitekit));
  if (v.note) parts.push(v.note);
  return cell(parts.join(' — '));
}

/** The README table (between the assisted-validations markers): one row per host validation id,
 *  except that operator checks with the same text share one row. Deterministic. */
export function assistedValidationsMarkdown(): string {
  const rows: { ids: string[]; v: AssistedValidation }[] = [];
  for (const v of ASSISTED_HOST_VALIDATIONS) {
    const same = v.category === 'operators' && v.note === NO_INSTALL_OPERATORS && v.sitekit.length === 0
      ? rows.find((r) => r.v.category === 'operators' && r.v.note === NO_INSTALL_OPERATORS && r.v.sitekit.length === 0)
      : undefined;
    if (same) same.ids.push(v.id);
    else rows.push({ ids: [v.id], v });
  }
  const lines = [
    `Host validations of the Assisted Installer (${ASSISTED_SERVICE_REPO} \`${ASSISTED_SERVICE_ID_FILE}\` at \`${ASSISTED_SERVICE_COMMIT.slice(0, 12)}\`), with the thresholds of an agent-based three-node compact cluster, and what Sitekit checks before the install.`,
    '',
    '| Assisted Installer validation | What it checks | Threshold | Sitekit before the install |',
    '|---|---|---|---|',
  ];
  for (const { ids, v } of rows) {
    const checks = ids.length > 1 ? 'Host requirements of an operator, when it is enabled in the installer.' : v.checks;
    lines.push(`| ${codes(ids)} | ${cell(checks)} | ${cell(v.threshold ?? '—')} | ${sitekitCell(v)} |`);
  }
  lines.push('', 'Checks Sitekit makes that no host validation of the Assisted Installer makes:', '');
  for (const c of SITEKIT_ONLY_CHECKS) lines.push(`- ${c.what}: ${codes(c.sitekit)}`);
  return lines.join('\n') + '\n';
}
