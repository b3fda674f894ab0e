// What the HA rules look at, taken from Kubernetes objects (live or from manifests): the
// workloads with their replica counts, pod labels and how their pods are spread over the
// hosts, the PodDisruptionBudgets, autoscalers, Services and Leases. One shape for both
// sources, so the rules never care where an object came from.
import { trackingApplication } from '../drift/managed-by';
import type { ObjectRef } from '../types';
import { asSelector, selectorMatches, stringMap, type LabelSelector, type Labels } from './selector';

/** The label every node has, one value per host: the only failure domain of a compact site. */
export const HOSTNAME_KEY = 'kubernetes.io/hostname';

/** Kinds with replicas and a pod template (DeploymentConfig: OpenShift's older Deployment). */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DeploymentConfig'] as const;

export type FieldPath = readonly (string | number)[];

/** A Kubernetes object and, for manifests, where each of its fields is written. */
export interface SourcedObject {
  object: Record<string, unknown>;
  /** `file:line` of a field (path from the object's root), nearest existing parent when absent. */
  locate?: (path: FieldPath) => string;
}

/** How a workload's pods are kept apart on the hosts. */
export interface Spreading {
  /** requiredDuringScheduling anti-affinity over kubernetes.io/hostname that selects its own pods. */
  requiredOnHost: boolean;
  preferredOnHost: boolean;
  /** A topology spread constraint over kubernetes.io/hostname that selects its own pods. */
  spreadOnHost: boolean;
  /** The pod has topologySpreadConstraints at all (whatever they select). */
  hasTopologySpread: boolean;
  /** The pod has pod anti-affinity terms at all (whatever they select). */
  hasAntiAffinity: boolean;
  /** Why the terms it has do not spread its pods over the hosts, first reason first. */
  misses: ('other-topology' | 'namespace' | 'selector')[];
  /** Topology keys of the terms that select its own pods but not per host (zone, region). */
  otherKeys: string[];
  /** Any anti-affinity or topology spread term at all. */
  anyTerm: boolean;
}

export interface Autoscaler {
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  name: string;
  minReplicas: number;
  maxReplicas?: number;
}

export interface LeaderElection {
  /** --leader-elect-resource-name / --leader-election-id when given. */
  leaseName?: string;
  /** --leader-elect-resource-namespace / --leader-election-namespace when given. */
  leaseNamespace?: string;
}

export interface Workload {
  ref: ObjectRef & { namespace: string };
  /** spec.replicas as written; undefined when left out (the API server makes it 1). */
  replicas: number | undefined;
  /** Labels its pods carry: the template's labels and the selector's matchLabels. */
  podLabels: Labels;
  /** spec.selector is written (the API requires it for apps/v1; manifests may leave it out). */
  selectorWritten: boolean;
  spreading: Spreading;
  autoscaler?: Autoscaler;
  /** A Service in its namespace selects its pods. */
  targetedByService: boolean;
  leaderElection?: LeaderElection;
  /** The Argo CD Application that tracks it (live objects): the site put it there. */
  trackedBy?: string;
  locate?: SourcedObject['locate'];
}

/** minAvailable / maxUnavailable: a count or a percentage (IntOrString). */
export type IntOrPercent = { count: number } | { percent: number };

export interface Budget {
  ref: ObjectRef & { namespace: string };
  selector: LabelSelector | undefined;
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  /** The value as written, for messages (3, "100%"). */
  written: { minAvailable?: string; maxUnavailable?: string };
  trackedBy?: string;
  locate?: SourcedObject['locate'];
}

export interface LeaseInfo {
  namespace: string;
  name: string;
  holder?: string;
}

export interface HaInventory {
  workloads: Workload[];
  budgets: Budget[];
  /** Live: the Leases of the cluster. Undefined for manifests (a Lease is never written in one). */
  leases?: LeaseInfo[];
  /** Manifests: some Role/ClusterRole in them lets a component use Leases. */
  leaseAccessGranted?: boolean;
  /** Nodes of the site: three on a compact cluster, each its own failure domain. */
  nodes: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function refOf(object: Record<string, unknown>): ObjectRef & { namespace: string } {
  const metadata = record(object.metadata);
  return {
    apiVersion: String(object.apiVersion ?? ''),
    kind: String(object.kind ?? ''),
    name: String(metadata.name ?? ''),
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
  };
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** IntOrString as policy/v1 validates it: a non-negative count or "N%"; anything else is unusable. */
export function intOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { count: value };
  if (typeof value === 'string') {
    const match = /^(\d+)%$/.exec(value.trim());
    if (match) return { percent: Number(match[1]) };
  }
  return undefined;
}

/** The Kubernetes rounding of a percentage of a count (GetScaledValueFromIntOrPercent, rounding up). */
export function scaled(value: IntOrPercent, of: number): number {
  return 'count' in value ? value.count : Math.ceil((value.percent * of) / 100);
}

/** Whether an affinity term applies to pods of the workload's own namespace. */
function namespaceCovers(term: Record<string, unknown>, namespace: string): boolean {
  const namespaces = list(term.namespaces).map(String);
  // A namespaceSelector (even empty: all namespaces) widens the term; its labels cannot be
  // judged here, so it counts as covering.
  if (term.namespaceSelector !== undefined && term.namespaceSelector !== null) return true;
  return namespaces.length === 0 || namespaces.includes(namespace);
}

export function spreadingOf(pod: Record<string, unknown>, podLabels: Labels, namespace: string): Spreading {
  const spreading: Spreading = {
    requiredOnHost: false,
    preferredOnHost: false,
    spreadOnHost: false,
    hasTopologySpread: false,
    hasAntiAffinity: false,
    misses: [],
    otherKeys: [],
    anyTerm: false,
  };
  const judge = (term: Record<string, unknown>, withNamespace: boolean): 'host' | undefined => {
    spreading.anyTerm = true;
    const key = String(term.topologyKey ?? '');
    if (!selectorMatches(asSelector(term.labelSelector), podLabels)) {
      spreading.misses.push('selector');
      return undefined;
    }
    if (withNamespace && !namespaceCovers(term, namespace)) {
      spreading.misses.push('namespace');
      return undefined;
    }
    if (key !== HOSTNAME_KEY) {
      spreading.misses.push('other-topology');
      if (!spreading.otherKeys.includes(key)) spreading.otherKeys.push(key);
      return undefined;
    }
    return 'host';
  };
  const antiAffinity = record(record(pod.affinity).podAntiAffinity);
  spreading.hasAntiAffinity =
    list(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution).length + list(antiAffinity.preferredDuringSchedulingIgnoredDuringExecution).length > 0;
  for (const term of list(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution).filter(isRecord)) {
    if (judge(term, true)) spreading.requiredOnHost = true;
  }
  for (const weighted of list(antiAffinity.preferredDuringSchedulingIgnoredDuringExecution).filter(isRecord)) {
    if (judge(record(weighted.podAffinityTerm), true)) spreading.preferredOnHost = true;
  }
  const constraints = list(pod.topologySpreadConstraints).filter(isRecord);
  spreading.hasTopologySpread = constraints.length > 0;
  for (const constraint of constraints) {
    if (judge(constraint, false)) spreading.spreadOnHost = true;
  }
  return spreading;
}

const LEADER_FLAGS = ['--leader-elect', '--leader-election', '--enable-leader-election'];
const LEASE_NAME_FLAGS = ['--leader-elect-resource-name', '--leader-election-id'];
const LEASE_NAMESPACE_FLAGS = ['--leader-elect-resource-namespace', '--leader-election-namespace'];

/** Leader election as the usual flags of client-go / controller-runtime components turn it on. */
export function leaderElectionOf(pod: Record<string, unknown>): LeaderElection | undefined {
  const tokens = list(pod.containers)
    .filter(isRecord)
    .flatMap((c) => [...list(c.command), ...list(c.args)].map(String));
  const valueOf = (flags: string[]): string | undefined => {
    for (let i = 0; i < tokens.length; i++) {
      const [flag, value] = splitFlag(tokens[i]!);
      if (!flags.includes(flag)) continue;
      if (value !== undefined) return value;
      const next = tokens[i + 1];
      if (next !== undefined && !next.startsWith('-')) return next;
    }
    return undefined;
  };
  let on = false;
  for (let i = 0; i < tokens.length; i++) {
    const [flag, value] = splitFlag(tokens[i]!);
    if (!LEADER_FLAGS.includes(flag)) continue;
    const next = tokens[i + 1];
    const setting = value ?? (next === 'true' || next === 'false' ? next : 'true');
    on = setting !== 'false';
  }
  if (!on) return undefined;
  return { leaseName: valueOf(LEASE_NAME_FLAGS), leaseNamespace: valueOf(LEASE_NAMESPACE_FLAGS) };
}

function splitFlag(token: string): [string, string | undefined] {
  const at = token.indexOf('=');
  return at < 0 ? [token, undefined] : [token.slice(0, at), token.slice(at + 1)];
}

/** The pod template and the labels the pods carry, per workload kind. */
function podTemplateOf(object: Record<string, unknown>): { pod: Record<string, unknown>; labels: Labels } {
  const spec = record(object.spec);
  const template = record(spec.template);
  const templateLabels = stringMap(record(template.metadata).labels);
  // The API server requires the template's labels to satisfy the selector, so the
  // selector's matchLabels are on the pods too (kube-linter matches PDBs by them).
  const selectorLabels = object.kind === 'DeploymentConfig' ? stringMap(spec.selector) : stringMap(record(spec.selector).matchLabels);
  return { pod: record(template.spec), labels: { ...selectorLabels, ...templateLabels } };
}

function autoscalerOf(object: Record<string, unknown>): { target: { kind: string; name: string; namespace: string }; autoscaler: Autoscaler } | undefined {
  const spec = record(object.spec);
  const target = record(spec.scaleTargetRef);
  const { name, namespace } = refOf(object);
  if (object.kind === 'HorizontalPodAutoscaler') {
    return {
      target: { kind: String(target.kind ?? ''), name: String(target.name ?? ''), namespace },
      autoscaler: { kind: 'HorizontalPodAutoscaler', name, minReplicas: integer(spec.minReplicas) ?? 1, maxReplicas: integer(spec.maxReplicas) },
    };
  }
  if (object.kind === 'ScaledObject') {
    // KEDA: scaleTargetRef.kind defaults to Deployment, minReplicaCount to 0, maxReplicaCount to 100.
    return {
      target: { kind: String(target.kind ?? 'Deployment'), name: String(target.name ?? ''), namespace },
      autoscaler: { kind: 'ScaledObject', name, minReplicas: integer(spec.minReplicaCount) ?? 0, maxReplicas: integer(spec.maxReplicaCount) ?? 100 },
    };
  }
  return undefined;
}

/** Whether a Role/ClusterRole rule lets its subject use Leases (coordination.k8s.io). */
function grantsLeases(object: Record<string, unknown>): boolean {
  if (object.kind !== 'Role' && object.kind !== 'ClusterRole') return false;
  return list(object.rules)
    .filter(isRecord)
    .some((rule) => {
      const groups = list(rule.apiGroups).map(String);
      const resources = list(rule.resources).map(String);
      return (groups.includes('coordination.k8s.io') || groups.includes('*')) && (resources.includes('leases') || resources.includes('*'));
    });
}

/** Builds the inventory from objects of any kind; those that do not matter are left out. */
export function inventoryOf(objects: readonly SourcedObject[], options: { nodes: number; leases?: LeaseInfo[] }): HaInventory {
  const services: { namespace: string; selector: Labels }[] = [];
  const autoscalers: ReturnType<typeof autoscalerOf>[] = [];
  let leaseAccessGranted = false;
  for (const { object } of objects) {
    if (object.kind === 'Service') services.push({ namespace: refOf(object).namespace, selector: stringMap(record(object.spec).selector) });
    autoscalers.push(autoscalerOf(object));
    if (grantsLeases(object)) leaseAccessGranted = true;
  }
  const workloads: Workload[] = [];
  const budgets: Budget[] = [];
  for (const { object, locate } of objects) {
    const ref = refOf(object);
    const trackedBy = trackingApplication(object);
    if ((WORKLOAD_KINDS as readonly string[]).includes(ref.kind)) {
      const { pod, labels } = podTemplateOf(object);
      const scaler = autoscalers.find((a) => a && a.target.kind === ref.kind && a.target.name === ref.name && a.target.namespace === ref.namespace);
      workloads.push({
        ref,
        replicas: integer(record(object.spec).replicas),
        podLabels: labels,
        selectorWritten: isRecord(record(object.spec).selector),
        spreading: spreadingOf(pod, labels, ref.namespace),
        autoscaler: scaler?.autoscaler,
        // kube-score's rule: a Service with a selector whose every label the pods carry.
        targetedByService: services.some(
          (s) => s.namespace === ref.namespace && Object.keys(s.selector).length > 0 && Object.entries(s.selector).every(([k, v]) => labels[k] === v),
        ),
        leaderElection: leaderElectionOf(pod),
        trackedBy,
        locate,
      });
    } else if (ref.kind === 'PodDisruptionBudget') {
      const spec = record(object.spec);
      const written = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
      budgets.push({
        ref,
        // policy/v1: a missing selector selects no pods.
        selector: spec.selector === undefined || spec.selector === null ? undefined : asSelector(spec.selector),
        minAvailable: intOrPercent(spec.minAvailable),
        maxUnavailable: intOrPercent(spec.maxUnavailable),
        written: { minAvailable: written(spec.minAvailable), maxUnavailable: written(spec.maxUnavailable) },
        trackedBy,
        locate,
      });
    }
  }
  return { workloads, budgets, leases: options.leases, leaseAccessGranted, nodes: options.nodes };
}

/** The fewest replicas it runs: the autoscaler's minimum, else spec.replicas (1 when left out). */
export function lowestReplicas(w: Workload): number {
  if (w.autoscaler) return Math.max(1, w.autoscaler.minReplicas);
  return w.replicas ?? 1;
}

/** The most replicas it asks for: the autoscaler's maximum, else spec.replicas. */
export function highestReplicas(w: Workload): number {
  if (w.autoscaler) return Math.max(lowestReplicas(w), w.autoscaler.maxReplicas ?? lowestReplicas(w));
  return w.replicas ?? 1;
}

/** How many of `replicas` pods can run at once: one per host under required anti-affinity. */
export function runnable(w: Workload, replicas: number, nodes: number): number {
  return w.spreading.requiredOnHost ? Math.min(replicas, nodes) : replicas;
}

export function describe(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
