// A fake of the API calls the Cluster step makes: connect answers queued by the test, install
// watches and bootstraps that stay open until the test ends them (so cluster.progress events
// can arrive in between), an event bus, and results in the shapes of main/core/cluster/types.ts.
import { vi } from 'vitest';
import type { ChooseResult, ClusterConnectResult, ClusterInstallResult, EventListener, InstallDirImport, SecretStatus, SitekitEvent } from '../../../main/contract/api';
import type {
  BootstrapProgress,
  ConnectResult,
  DriftResult,
  InstallProgress,
  LiveCheck,
  LiveVerification,
} from '../../../main/core/cluster/types';
import type { ClusterApi } from '../../../renderer/src/steps/cluster/cluster-store';

export const SITE = '/home/tech/plant-a/site.yaml';
export const SERVER = 'https://api.acp.plant-a.example.com:6443';
const hex = (b: string) => `SHA256:${Array.from({ length: 32 }, () => b).join(':')}`;
export const CA1 = hex('AB');
export const CA2 = hex('CD');
export const LEAF = hex('EF');

const cert = (sha256: string, subject: string, issuer: string) => ({
  sha256,
  subject,
  issuer,
  notBefore: '2026-11-20T08:00:00Z',
  notAfter: '2036-11-18T08:00:00Z',
});
/** `caFromKubeconfig`: the CA is the kubeconfig's own (the usual case) or only what the server showed. */
export const identity = (ca = CA1, caFromKubeconfig = true) => ({
  leaf: cert(LEAF, 'CN=api.acp.plant-a.example.com', 'CN=kube-apiserver-lb-signer'),
  ca: cert(ca, 'CN=kube-apiserver-lb-signer,OU=openshift', 'CN=kube-apiserver-lb-signer,OU=openshift'),
  caFromKubeconfig,
});

export const needsAcceptance = (viaAddress?: string, caFromKubeconfig = true): ConnectResult => ({
  state: 'needs-acceptance',
  route: { server: SERVER, ...(viaAddress ? { viaAddress } : {}) },
  identity: identity(CA1, caFromKubeconfig),
  failure: { kind: 'pin-unknown', message: `First connection to ${SERVER}: accept its CA to remember it.`, retryable: false },
});

export const INSTALL_DIR = '/home/tech/plant-a/install';
/** What cluster.connect answers about an install folder: all three kept, or the token missing. */
export const installImport = (tokenMissing = false): InstallDirImport => ({
  folder: INSTALL_DIR,
  stored: tokenMissing ? ['kubeconfig', 'kubeadmin-password'] : ['kubeconfig', 'kubeadmin-password', 'agent-auth-token'],
  missing: tokenMissing
    ? [
        {
          name: 'agent-auth-token',
          message: `${INSTALL_DIR}/.openshift_install_state.json is not there, so the agent API token is not either (OpenShift 4.17 and later ask for one): choose the folder openshift-install agent create image ran in, or follow the install from the cluster once its API answers.`,
        },
      ]
    : [],
  ...(tokenMissing ? {} : { agentTokenField: 'WatcherAuthToken' as const }),
});
/** An answer with what the install folder gave. */
export const withImport = (result: ConnectResult, imported = installImport()): ClusterConnectResult => ({ ...result, installDir: imported });
export const connected = (viaAddress?: string): ConnectResult => ({
  state: 'connected',
  route: { server: SERVER, ...(viaAddress ? { viaAddress } : {}) },
  identity: identity(),
  kubernetesVersion: 'v1.31.6',
  openshiftVersion: '4.18.9',
  user: 'system:admin',
});
export const pinChanged = (): ConnectResult => ({
  state: 'pin-changed',
  route: { server: SERVER },
  identity: identity(CA2),
  pinned: { caSha256: CA1, acceptedAt: '2026-11-20T09:12:00Z' },
  failure: { kind: 'pin-changed', message: 'The API server shows another CA than the one accepted on 2026-11-20.', retryable: false },
});
export const dnsFailed = (): ConnectResult => ({
  state: 'failed',
  route: { server: SERVER },
  failure: {
    kind: 'dns',
    message: 'The name api.acp.plant-a.example.com does not resolve on this laptop: connect through the API VIP from the plan instead.',
    detail: 'getaddrinfo ENOTFOUND api.acp.plant-a.example.com',
    retryable: false,
  },
});

export const installing = (): InstallProgress => ({
  source: 'agent-api',
  at: '2026-11-21T10:00:00Z',
  overall: { state: 'running', percent: 42, message: 'Installing' },
  nodes: [
    { name: 'acp-1', state: 'running', stage: 'Writing image to disk', percent: 63, role: 'master' },
    { name: 'acp-2', state: 'running', stage: 'Rebooting', role: 'master' },
    { name: 'acp-3', state: 'waiting', stage: 'Waiting for control plane', role: 'master' },
  ],
});
export const installed = (): InstallProgress => ({
  source: 'cluster',
  at: '2026-11-21T11:00:00Z',
  overall: { state: 'done', percent: 100, message: 'Cluster version is 4.18.9' },
  nodes: ['acp-1', 'acp-2', 'acp-3'].map((name) => ({ name, state: 'done' as const, stage: 'Joined, Ready', role: 'control-plane,worker' })),
  version: { desired: '4.18.9', current: '4.18.9' },
  operators: [
    { name: 'authentication', available: true, progressing: false, degraded: false, version: '4.18.9' },
    { name: 'etcd', available: true, progressing: false, degraded: false, version: '4.18.9' },
    { name: 'ingress', available: true, progressing: true, degraded: false, message: 'ingresscontroller "default" is progressing', version: '4.18.9' },
  ],
});
export const checks = (): LiveCheck[] => [
  { id: 'cluster.version', title: 'OpenShift version', state: 'ok', expected: '4.18', actual: '4.18.9' },
  { id: 'node.ip', title: 'Node address', node: 'acp-2', state: 'mismatch', expected: '10.10.0.12', actual: '10.10.0.52', note: 'acp-2 took another address: check its static address in the plan and on the node.' },
  { id: 'node.mac', title: 'MAC addresses', node: 'acp-3', state: 'unknown', expected: 'b4:96:91:a1:03:00', actual: '—', note: 'NMState has not reported this node yet.' },
];

export const bootstrapRunning = (): BootstrapProgress => ({
  at: '2026-11-21T11:10:00Z',
  state: 'running',
  requests: 57,
  stages: [
    {
      id: 'apply-operator',
      title: 'Install the GitOps operator',
      state: 'done',
      message: 'Applied 3 objects.',
      applied: [
        { apiVersion: 'v1', kind: 'Namespace', name: 'openshift-gitops-operator', outcome: 'created', file: 'gitops/bootstrap/01-gitops-operator.yaml' },
        { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: 'openshift-gitops-operator', namespace: 'openshift-gitops-operator', outcome: 'unchanged', file: 'gitops/bootstrap/01-gitops-operator.yaml' },
      ],
    },
    {
      id: 'apply-argocd',
      title: 'Argo CD settings',
      state: 'failed',
      message: 'One object is managed by someone else.',
      applied: [
        {
          apiVersion: 'argoproj.io/v1beta1',
          kind: 'ArgoCD',
          name: 'openshift-gitops',
          namespace: 'openshift-gitops',
          outcome: 'conflict',
          file: 'gitops/bootstrap/argocd/argocd-instance.yaml',
          message: 'Not applied: another field manager owns these fields.',
          conflicts: [{ field: '.spec.resourceHealthChecks', manager: 'kubectl-edit' }],
        },
      ],
    },
    {
      id: 'wave-2',
      title: 'Wave 2: node networks',
      state: 'running',
      message: 'Waiting for NMState to configure the nodes.',
      items: [
        { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactment', name: 'acp-1.bond0-vlans', state: 'done', message: 'Available' },
        {
          apiVersion: 'nmstate.io/v1beta1',
          kind: 'NodeNetworkConfigurationEnactment',
          name: 'acp-2.bond0-vlans',
          state: 'failed',
          message: 'error reconciling NodeNetworkConfigurationPolicy at desired state apply: , failed to execute nmstatectl set --no-commit --timeout 480: exit status 1',
          fix: 'Check the bond members and VLANs of acp-2 in the Networks step.',
        },
      ],
    },
  ],
});

export const drift = (): DriftResult => ({
  at: '2026-11-21T12:00:00Z',
  objects: [
    { apiVersion: 'v1', kind: 'Namespace', name: 'vm-prod', file: 'gitops/apps/vm-networks/namespace.yaml', state: 'same', managedBy: 'vm-networks', differences: [] },
    {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      name: 'vm-ot',
      namespace: 'vm-ot',
      file: 'gitops/apps/vm-networks/vm-ot.yaml',
      state: 'different',
      managedBy: 'nobody',
      differences: [{ path: 'spec.config', expected: '"{\\"vlan\\":30}"', actual: '"{\\"vlan\\":31}"' }],
    },
  ],
  summary: { same: 1, different: 1, missing: 0, unknown: 0 },
});

export const verification = (state: LiveVerification['state'] = 'problems'): LiveVerification => ({
  verifiedAt: '2026-11-21T12:00:00Z',
  server: SERVER,
  kubernetesVersion: 'v1.31.6',
  openshiftVersion: '4.18.9',
  nodes: ['acp-1', 'acp-2', 'acp-3'].map((name, i) => ({
    name,
    ready: true,
    roles: ['control-plane', 'master', 'worker'],
    addresses: [`10.10.0.1${i + 1}`],
    schedulable: true,
  })),
  checks: checks(),
  operators: installed().operators!,
  odf: { phase: 'Ready', cephHealth: 'HEALTH_OK', capacityBytes: 3 * 1024 ** 4, usedBytes: 200 * 1024 ** 3 },
  applications: [
    { name: 'cluster-config', sync: 'Synced', health: 'Healthy' },
    { name: 'vm-networks', sync: 'OutOfSync', health: 'Healthy', message: 'one object differs' },
  ],
  drift: drift(),
  ha: [
    {
      severity: 'error',
      rule: 'ha.pdb-blocks-drain',
      object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', name: 'historian', namespace: 'ot-apps' },
      where: 'sites/plant-a/apps/historian.yaml:14',
      message: 'minAvailable 2 with 2 replicas: no pod may ever be evicted, so draining a node never finishes.',
      fix: 'Set maxUnavailable: 1 instead.',
      alsoFlaggedBy: ['kube-score'],
    },
  ],
  state,
});

/** A folder of the sites repository, as the technician has it checked out. */
export const REPO_DIR = '/home/tech/sites-repo/sites/plant-a';

/** A verification that also read the sites-repository folder: a finding at file:line, and what was left out. */
export const verificationWithManifests = (skipped = ['charts/historian/templates/deployment.yaml: a template (Helm or similar): render it first']): LiveVerification => {
  const v = verification();
  return {
    ...v,
    ha: [
      ...v.ha.map((f) => ({ ...f, where: 'apps/historian.yaml:14' })),
      {
        severity: 'warning',
        rule: 'ha.single-replica',
        object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'opc-gateway', namespace: 'ot-apps' },
        where: 'live',
        message: 'One replica: while its node drains, opc-gateway is down.',
        fix: 'Run 2 replicas with pod anti-affinity on kubernetes.io/hostname.',
      },
    ],
    haSources: { live: true, manifestsDir: REPO_DIR, files: 12, ...(skipped.length ? { skipped } : {}) },
  };
};

interface Pending<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function fakeClusterApi() {
  const listeners = new Set<EventListener>();
  const connectAnswers: Array<ClusterConnectResult | Error> = [];
  const installs: Array<Pending<ClusterInstallResult> & { taskId: string }> = [];
  const bootstraps: Array<Pending<BootstrapProgress> & { taskId: string }> = [];
  const status: SecretStatus = { protection: 'file-0600', names: [] };
  const api = {
    cluster: {
      connect: vi.fn(async (_input: { sitePath: string; installDir?: string; kubeconfigPath?: string; viaAddress?: string; acceptCaSha256?: string }) => {
        const next = connectAnswers.shift();
        if (!next) throw new Error('no connect answer queued');
        if (next instanceof Error) throw next;
        // What the host keeps: the file, or what the folder's answer says it kept.
        const kept = _input.installDir ? ((next as ClusterConnectResult).installDir?.stored ?? []) : _input.kubeconfigPath ? ['kubeconfig'] : [];
        if (kept.length) {
          status.names = [...new Set([...status.names, ...kept])];
          status.bindings = { ...status.bindings, ...Object.fromEntries(kept.map((name) => [name, [SERVER]])) };
        }
        return next;
      }),
      watchInstall: vi.fn(
        (input: { sitePath: string; taskId: string }) => new Promise<ClusterInstallResult>((resolve, reject) => installs.push({ resolve, reject, taskId: input.taskId })),
      ),
      bootstrap: vi.fn(
        (input: { sitePath: string; taskId: string; allowPasswordFor?: string }) =>
          new Promise<BootstrapProgress>((resolve, reject) => bootstraps.push({ resolve, reject, taskId: input.taskId })),
      ),
      verify: vi.fn(async (_input: { sitePath: string; taskId?: string; manifestsDir?: string }) => verification()),
      drift: vi.fn(async (_input: { sitePath: string; taskId?: string }) => drift()),
      cancel: vi.fn(async () => true),
    },
    app: { info: vi.fn(async () => ({ name: 'ACP Sitekit', version: 'test', mode: 'browser' as const, examplePath: '/x', sitesDir: '/home/tech/acp-sites' })) },
    secrets: { status: vi.fn(async () => ({ ...status })) },
    site: { choose: vi.fn(async (): Promise<ChooseResult> => ({ supported: false })) },
    onEvent: vi.fn((listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  };
  return {
    api: api as unknown as ClusterApi & typeof api,
    raw: api,
    status,
    installs,
    bootstraps,
    listeners,
    answerConnect(...answers: Array<ClusterConnectResult | Error>) {
      connectAnswers.push(...answers);
    },
    emit(event: SitekitEvent) {
      for (const l of [...listeners]) l(event);
    },
  };
}

/** Lets queued promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
