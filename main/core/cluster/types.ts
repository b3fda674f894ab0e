// What the live-cluster work (connect, install watch, GitOps bootstrap, drift, HA readiness)
// hands between its parts, to the contract and to the report. Plain data only: it crosses IPC
// and HTTP, is stored in <site dir>/.sitekit/cluster/, and never holds a secret value (no
// kubeconfig, token, password or Secret data in any of these).

/** Why talking to the cluster failed, in one kind the UI can act on. */
export type ClusterFailureKind =
  | 'no-kubeconfig' // nothing stored yet: import auth/kubeconfig
  | 'bad-kubeconfig' // the stored/imported file is not a usable kubeconfig
  | 'dns' // the API name does not resolve (offer the API VIP)
  | 'refused' // TCP connection refused
  | 'timeout' // no answer in time
  | 'unreachable' // no route / host down
  | 'tls-untrusted' // the server's chain does not end at the pinned / kubeconfig CA
  | 'tls-name' // the certificate is not for the name asked for
  | 'pin-unknown' // first contact: the CA fingerprint must be accepted
  | 'pin-changed' // the CA differs from the one accepted before: stop
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-ready' // 503 / 5xx / connection reset while the API comes up
  | 'rate-limited' // 429
  | 'http' // any other HTTP error (with the Status message)
  | 'cancelled';

export interface ClusterFailure {
  kind: ClusterFailureKind;
  /** One plain sentence: what happened and what to do. */
  message: string;
  /** The technical detail (error code, HTTP status, Status reason); never a secret. */
  detail?: string;
  /** True when retrying later may help (not-ready, timeout, rate-limited, refused). */
  retryable: boolean;
}

/** A certificate as the technician compares it: `SHA256:` + colon-separated upper-case hex. */
export interface CertificateView {
  sha256: string;
  subject: string;
  issuer: string;
  notBefore: string; // ISO
  notAfter: string; // ISO
}

/** What the API server showed: its serving (leaf) certificate and the CA its chain ends at. */
export interface ApiServerIdentity {
  leaf: CertificateView;
  ca: CertificateView;
  /**
   * True when the CA is the kubeconfig's own (certificate-authority-data, and it signed the
   * server's chain): the server is the cluster the kubeconfig was written for. False when the
   * kubeconfig has no CA and this is only the top certificate the server presented.
   */
  caFromKubeconfig: boolean;
}

/** The accepted CA of a site's API server, like an SSH known host (.sitekit/cluster/api-pin.json). */
export interface ApiPin {
  /** https://api.<cluster>.<domain>:6443, the server the pin is for. */
  server: string;
  caSha256: string;
  /** The accepted CA certificate (public), so every request is verified against exactly it. */
  caPem: string;
  acceptedAt: string; // ISO
}

/** How the laptop reaches the API: the kubeconfig's server, or the plan's API VIP with the name kept for TLS. */
export interface ApiRoute {
  server: string; // as in the kubeconfig, https://api.acp.plant-a.example.com:6443
  /** When set: connect to this address instead, TLS server name = the server's host. */
  viaAddress?: string;
}

export type ConnectState = 'connected' | 'needs-acceptance' | 'pin-changed' | 'failed';

export interface ConnectResult {
  state: ConnectState;
  route: ApiRoute;
  /** What the server showed (not for DNS/TCP failures). */
  identity?: ApiServerIdentity;
  /** The pin on record (pin-changed: the old one, shown next to `identity.ca`). */
  pinned?: { caSha256: string; acceptedAt: string };
  failure?: ClusterFailure;
  /** connected: the server's version (`/version` gitVersion) and the OpenShift version when known. */
  kubernetesVersion?: string;
  openshiftVersion?: string;
  /** connected: the identity the kubeconfig logs in as (e.g. system:admin), never a credential. */
  user?: string;
}

// ---------------------------------------------------------------------------------------
// Watching the install
// ---------------------------------------------------------------------------------------

export type ProgressState = 'waiting' | 'running' | 'done' | 'failed' | 'unknown';

export interface NodeInstallProgress {
  /** The planned host name (or the name the source reports when it is not planned). */
  name: string;
  state: ProgressState;
  /** Where the node is, in words ("Writing image to disk", "Joined, Ready", "Rebooting"). */
  stage: string;
  /** 0–100 when the source says it. */
  percent?: number;
  /** The role the source reports (master, worker, bootstrap / control-plane,worker). */
  role?: string;
  message?: string;
}

export interface OperatorCondition {
  name: string;
  available: boolean | undefined;
  progressing: boolean | undefined;
  degraded: boolean | undefined;
  /** The message of the condition that matters (Degraded, else Progressing, else Available). */
  message?: string;
  version?: string;
}

export interface InstallProgress {
  /** Where it came from: the agent REST API on the rendezvous host, or the cluster's own API. */
  source: 'agent-api' | 'cluster' | 'none';
  at: string; // ISO
  overall: { state: ProgressState; percent?: number; message: string };
  nodes: NodeInstallProgress[];
  /** From the cluster: ClusterVersion. */
  version?: { desired?: string; current?: string; message?: string };
  operators?: OperatorCondition[];
  failure?: ClusterFailure;
}

/** One comparison of the live cluster with the plan (version, node names, IPs, MACs, roles, VIPs). */
export interface LiveCheck {
  id: string; // e.g. cluster.version, node.names, node.ip, node.mac, node.roles, masters.schedulable, vip.api, vip.ingress
  title: string;
  state: 'ok' | 'mismatch' | 'unknown';
  node?: string;
  expected: string;
  actual: string;
  /** mismatch: what to do; unknown: why it cannot be known yet. */
  note?: string;
}

// ---------------------------------------------------------------------------------------
// GitOps bootstrap and its waves
// ---------------------------------------------------------------------------------------

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export type ApplyOutcome = 'created' | 'changed' | 'unchanged' | 'conflict' | 'failed' | 'skipped';

export interface AppliedObject extends ObjectRef {
  outcome: ApplyOutcome;
  /** Bundle file it came from (gitops/bootstrap/01-gitops-operator.yaml), or 'secret store'. */
  file?: string;
  message?: string;
  /** conflict: the fields another field manager owns with another value. */
  conflicts?: { field: string; manager: string }[];
}

export interface ProgressItem extends ObjectRef {
  state: ProgressState;
  /** What the object says now (condition message, phase, Ceph health, sync/health). */
  message: string;
  /** failed: what to do. */
  fix?: string;
}

export interface BootstrapStage {
  id: string; // apply-operator, wait-csv, apply-credentials, apply-argocd, apply-root, wave-<n>
  title: string;
  state: ProgressState;
  message: string;
  applied?: AppliedObject[];
  items?: ProgressItem[];
}

export interface BootstrapProgress {
  at: string;
  state: ProgressState;
  stages: BootstrapStage[];
  /** HTTP requests made so far (the bench reports it). */
  requests: number;
  failure?: ClusterFailure;
  /** What the technician should know about this run that is no stage of it (a left-over bootstrap lock taken over). */
  notices?: string[];
}

// ---------------------------------------------------------------------------------------
// Drift, HA readiness, verification
// ---------------------------------------------------------------------------------------

export interface DriftDifference {
  /** Dotted path in the object, list items by name where they have one: spec.config.interfaces[name=bond0].mtu */
  path: string;
  /** JSON of the bundle's value / the live value ('(absent)' when missing). Secret data is never shown. */
  expected: string;
  actual: string;
}

export interface DriftObject extends ObjectRef {
  file: string;
  state: 'same' | 'different' | 'missing' | 'unknown';
  /** Who keeps it in line: an Argo CD Application (by name), or nobody (created by the bootstrap or by hand). */
  managedBy: string;
  differences: DriftDifference[];
  message?: string;
}

export interface DriftResult {
  at: string;
  objects: DriftObject[];
  summary: { same: number; different: number; missing: number; unknown: number };
}

export interface HaFinding {
  severity: 'error' | 'warning' | 'info';
  /** ha.single-replica, ha.no-anti-affinity, ha.pdb-blocks-drain, ha.leader-without-lease, ... */
  rule: string;
  object: ObjectRef;
  /** 'live' or the sites-repo file and line (sites/plant-a/apps/x.yaml:12). */
  where: string;
  message: string;
  fix: string;
  /** The same object also flagged by these tools (from their rule ids in the comparison corpus). */
  alsoFlaggedBy?: string[];
}

/** The sources of the HA readiness check: the live cluster, and a sites-repository folder when given. */
export interface HaSources {
  live: boolean;
  /** The folder of manifests checked, as given (absent: the sites repository was not checked). */
  manifestsDir?: string;
  /** Manifest files read from it. */
  files?: number;
  /** Files, folders or documents left out, each as `path[:line]: why` (at most 100, then how many more). */
  skipped?: string[];
}

export interface LiveVerification {
  verifiedAt: string;
  server: string;
  kubernetesVersion?: string;
  openshiftVersion?: string;
  nodes: { name: string; ready: boolean; roles: string[]; addresses: string[]; schedulable: boolean }[];
  checks: LiveCheck[];
  operators: OperatorCondition[];
  odf?: { phase?: string; cephHealth?: string; capacityBytes?: number; usedBytes?: number; message?: string };
  applications: { name: string; sync?: string; health?: string; message?: string }[];
  drift: DriftResult;
  ha: HaFinding[];
  /** What the HA findings were drawn from (absent in verifications made before it was recorded). */
  haSources?: HaSources;
  /** Overall: every check ok, no drift, no HA error. */
  state: 'ok' | 'problems';
}
