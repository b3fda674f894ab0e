// HA readiness rules for a compact cluster: three nodes, each its own failure domain, all
// of them control plane and worker. Every update (MachineConfig, OpenShift upgrade) drains
// and reboots each node in turn, so each rule asks one question about that drain: does a
// workload go down, does it block the drain, or can its replicas never all run.
import type { HaFinding, ObjectRef } from '../types';
import {
  describe,
  highestReplicas,
  HOSTNAME_KEY,
  lowestReplicas,
  runnable,
  scaled,
  type Autoscaler,
  type Budget,
  type FieldPath,
  type HaInventory,
  type IntOrPercent,
  type SourcedObject,
  type Workload,
} from './workload';
import { selectorMatches } from './selector';

export const HA_RULES = {
  singleReplica: 'ha.single-replica',
  noAntiAffinity: 'ha.no-anti-affinity',
  replicasExceedNodes: 'ha.replicas-exceed-nodes',
  pdbBlocksDrain: 'ha.pdb-blocks-drain',
  leaderWithoutLease: 'ha.leader-without-lease',
} as const;
export type HaRuleId = (typeof HA_RULES)[keyof typeof HA_RULES];

/** What the peer tools' conditions need to know about a hit (peer-rules.ts). */
export interface HitFacts {
  kind: string;
  /** spec.replicas as written (undefined: left out). */
  replicasWritten: number | undefined;
  autoscaler?: Autoscaler['kind'];
  targetedByService: boolean;
  hasTopologySpread: boolean;
  /** no-anti-affinity: the topology keys its terms spread over instead of hosts. */
  otherTopologyKeys?: string[];
  /** PDB hits: minAvailable / maxUnavailable (the one the finding is about) exactly as written. */
  written?: string;
  /** PDB hits: the kind of the workload it was judged against. */
  workloadKind?: string;
  /** PDB hits: that workload has spec.selector written. */
  workloadSelectorWritten?: boolean;
  /** PDB hits: the budget's minAvailable. */
  minAvailable?: IntOrPercent;
  /** PDB hits: the autoscaler's minimum replicas as written (HPA default 1, KEDA default 0). */
  autoscalerMin?: number;
}

export interface RuleHit {
  rule: HaRuleId;
  /** Which case of the rule (peer tools share some cases, not others). */
  reason: string;
  severity: HaFinding['severity'];
  object: ObjectRef;
  /** The field the finding is about, for file:line of manifests. */
  field: FieldPath;
  locate?: SourcedObject['locate'];
  message: string;
  fix: string;
  facts: HitFacts;
}

const SPREAD_FIX =
  'Add pod anti-affinity (preferredDuringSchedulingIgnoredDuringExecution, or required with at most three replicas) or a topology spread constraint (maxSkew: 1) on topologyKey kubernetes.io/hostname, with a labelSelector that matches the pod’s own labels.';

function workloadFacts(w: Workload): HitFacts {
  return {
    kind: w.ref.kind,
    replicasWritten: w.replicas,
    autoscaler: w.autoscaler?.kind,
    targetedByService: w.targetedByService,
    hasTopologySpread: w.spreading.hasTopologySpread,
  };
}

function hit(w: Workload | Budget, partial: Omit<RuleHit, 'object' | 'locate' | 'facts'> & { facts?: HitFacts }): RuleHit {
  const { namespace, ...ref } = w.ref;
  const object: ObjectRef = namespace ? { ...ref, namespace } : ref;
  const facts = partial.facts ?? workloadFacts(w as Workload);
  return { ...partial, object, locate: w.locate, facts };
}

function scalerWords(a: Autoscaler): string {
  return `its ${a.kind} ${a.name}`;
}

function singleReplica(inventory: HaInventory): RuleHit[] {
  return inventory.workloads
    .filter((w) => highestReplicas(w) > 0 && lowestReplicas(w) === 1)
    .map((w) => {
      const why = w.autoscaler
        ? ` (${scalerWords(w.autoscaler)} may scale it down to 1)`
        : w.replicas === undefined
          ? ' (spec.replicas is not set, so Kubernetes runs 1)'
          : '';
      const volumes = w.ref.kind === 'StatefulSet' ? ' Its volumes must be able to follow it to another node (ODF storage, not a local disk).' : '';
      return hit(w, {
        rule: HA_RULES.singleReplica,
        reason: w.autoscaler ? 'autoscaler-min' : w.replicas === undefined ? 'replicas-unset' : 'replicas',
        severity: 'warning',
        field: ['spec', 'replicas'],
        message:
          `${describe(w.ref)} runs a single replica${why}: every update drains the ${inventory.nodes} nodes one after the other, ` +
          'and each time its node is drained it is down until it has started on another node.',
        fix: `${w.autoscaler ? 'Set the autoscaler’s minimum' : 'Set spec.replicas'} to 2 or 3 and spread the replicas over the hosts. ${SPREAD_FIX}${volumes}`,
      });
    });
}

function noAntiAffinity(inventory: HaInventory): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const w of inventory.workloads) {
    const s = w.spreading;
    const replicas = lowestReplicas(w);
    if (replicas < 2 || s.requiredOnHost || s.preferredOnHost || s.spreadOnHost) continue;
    const reason = !s.anyTerm
      ? 'none'
      : s.misses.includes('other-topology')
        ? 'other-topology'
        : s.misses.includes('namespace')
          ? 'namespace'
          : 'selector';
    const sentences: Record<string, string> = {
      none: `${describe(w.ref)} runs ${replicas} replicas but nothing keeps them on different hosts: two may share a node, and draining that node for an update stops both.`,
      'other-topology':
        `${describe(w.ref)} spreads its ${replicas} replicas over ${s.otherKeys.join(', ')}, not over hosts: this site’s failure domains are its ` +
        `${inventory.nodes} hosts, so two replicas may still share a node and stop together when it is drained.`,
      namespace: `${describe(w.ref)}’s anti-affinity looks at pods of other namespaces, not at its own replicas in ${w.ref.namespace || 'its namespace'}: two may share a node and stop together when it is drained.`,
      selector: `${describe(w.ref)}’s anti-affinity or topology spread selects other pods than its own, so its ${replicas} replicas may share a node and stop together when it is drained.`,
    };
    hits.push(
      hit(w, {
        rule: HA_RULES.noAntiAffinity,
        reason,
        severity: 'warning',
        field: reason === 'none' ? ['spec', 'replicas'] : ['spec', 'template', 'spec', s.hasAntiAffinity ? 'affinity' : 'topologySpreadConstraints'],
        message: sentences[reason]!,
        fix: SPREAD_FIX,
        facts: { ...workloadFacts(w), otherTopologyKeys: s.otherKeys },
      }),
    );
  }
  return hits;
}

function replicasExceedNodes(inventory: HaInventory): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const w of inventory.workloads) {
    const most = highestReplicas(w);
    if (!w.spreading.requiredOnHost || most <= inventory.nodes) continue;
    const byScaler = w.autoscaler !== undefined && (w.autoscaler.maxReplicas ?? 0) > inventory.nodes;
    const asked = byScaler ? `${scalerWords(w.autoscaler!)} may scale it to ${most} replicas` : `it asks for ${most} replicas`;
    hits.push(
      hit(w, {
        rule: HA_RULES.replicasExceedNodes,
        reason: byScaler ? 'autoscaler-max' : 'replicas',
        severity: 'error',
        field: ['spec', 'replicas'],
        message:
          `${describe(w.ref)} requires each replica on its own host (required anti-affinity on ${HOSTNAME_KEY}) but ${asked}: ` +
          `the site has ${inventory.nodes} nodes, so ${most - inventory.nodes} can never run (they stay Pending) and it never becomes fully available.`,
        fix: `${byScaler ? 'Set the autoscaler’s maximum' : 'Set spec.replicas'} to ${inventory.nodes} or fewer, or make the anti-affinity preferred (preferredDuringSchedulingIgnoredDuringExecution) so further replicas may share a host.`,
      }),
    );
  }
  return hits;
}

const STALL = 'so it allows no eviction: every node drain of an update waits for it and the update stalls.';

function budgetHit(b: Budget, reason: string, field: 'minAvailable' | 'maxUnavailable', message: string, fix: string, facts: Partial<HitFacts> = {}): RuleHit {
  return hit(b, {
    rule: HA_RULES.pdbBlocksDrain,
    reason,
    severity: 'error',
    field: ['spec', field],
    message,
    fix,
    facts: {
      kind: b.ref.kind,
      replicasWritten: undefined,
      targetedByService: false,
      hasTopologySpread: false,
      written: b.written[field],
      minAvailable: b.minAvailable,
      ...facts,
    },
  });
}

/** The budget against each workload it selects: does it leave any eviction allowed? */
function blockedWorkloads(b: Budget, inventory: HaInventory): RuleHit[] {
  const hits: RuleHit[] = [];
  const { minAvailable: min, maxUnavailable: max } = b;
  for (const w of inventory.workloads) {
    if (w.ref.namespace !== b.ref.namespace || !selectorMatches(b.selector, w.podLabels)) continue;
    const expected = lowestReplicas(w);
    if (expected === 0) continue;
    // The disruption controller: desiredHealthy from minAvailable, or expected − maxUnavailable.
    const desired = min ? scaled(min, expected) : max ? expected - scaled(max, expected) : undefined;
    if (desired === undefined) continue;
    const running = runnable(w, expected, inventory.nodes);
    if (running - desired > 0) continue;
    const fewerRunnable = desired < expected;
    const reason = fewerRunnable ? 'fewer-runnable' : w.autoscaler ? 'min-available-ge-autoscaler-min' : 'min-available-ge-replicas';
    const field = min ? 'minAvailable' : 'maxUnavailable';
    const setting = `${field}: ${b.written[field]}`;
    const replicasWords = w.autoscaler ? `the ${expected} replicas ${scalerWords(w.autoscaler)} may scale it down to` : `its ${expected} replicas`;
    hits.push(
      budgetHit(
        b,
        reason,
        field,
        fewerRunnable
          ? `${describe(b.ref)} (${setting}) needs ${desired} pods of ${describe(w.ref)} available, but with one replica per host only ${running} of ` +
              `its ${expected} can run on ${inventory.nodes} nodes, ${STALL}`
          : `${describe(b.ref)} (${setting}) keeps ${desired} of ${describe(w.ref)}’s pods available with ${replicasWords}, ${STALL}`,
        fewerRunnable
          ? `Lower ${describe(w.ref)} to ${inventory.nodes} replicas (one per host); then maxUnavailable: 1 lets a drain take one at a time.`
          : 'Use maxUnavailable: 1 (or a minAvailable below the replica count) and spread the replicas one per host.',
        {
          workloadKind: w.ref.kind,
          workloadSelectorWritten: w.selectorWritten,
          replicasWritten: w.replicas,
          autoscaler: w.autoscaler?.kind,
          autoscalerMin: w.autoscaler?.minReplicas,
          targetedByService: w.targetedByService,
          hasTopologySpread: w.spreading.hasTopologySpread,
        },
      ),
    );
  }
  return hits;
}

function pdbBlocksDrain(inventory: HaInventory): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const b of inventory.budgets) {
    // maxUnavailable 0 blocks whatever the budget selects, even before it selects anything.
    if (b.maxUnavailable && scaled(b.maxUnavailable, 100) === 0) {
      hits.push(
        budgetHit(
          b,
          'max-unavailable-zero',
          'maxUnavailable',
          `${describe(b.ref)} has maxUnavailable: ${b.written.maxUnavailable}, ${STALL}`,
          'Set maxUnavailable: 1 and spread the replicas one per host, so a drain takes one replica at a time.',
        ),
      );
      continue;
    }
    const perWorkload = blockedWorkloads(b, inventory);
    hits.push(...perWorkload);
    const min = b.minAvailable;
    // 100% (or more) blocks every drain even when it selects no running workload (yet).
    if (perWorkload.length === 0 && min && 'percent' in min && min.percent >= 100) {
      hits.push(
        budgetHit(
          b,
          'min-available-all',
          'minAvailable',
          `${describe(b.ref)} has minAvailable: ${b.written.minAvailable}, ${STALL}`,
          'Use maxUnavailable: 1 instead and spread the replicas one per host, so a drain takes one replica at a time.',
        ),
      );
    }
  }
  return hits;
}

function leaderWithoutLease(inventory: HaInventory): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const w of inventory.workloads) {
    const election = w.leaderElection;
    if (!election || highestReplicas(w) === 0) continue;
    const namespace = election.leaseNamespace ?? w.ref.namespace;
    if (inventory.leases) {
      const held = inventory.leases.some(
        (l) => l.namespace === namespace && (election.leaseName ? l.name === election.leaseName : (l.holder ?? '').startsWith(`${w.ref.name}-`)),
      );
      if (held) continue;
      const missing = election.leaseName ? `the Lease ${namespace}/${election.leaseName} does not exist` : `no Lease in ${namespace} is held by one of its pods`;
      hits.push(
        hit(w, {
          rule: HA_RULES.leaderWithoutLease,
          reason: 'no-lease',
          severity: 'warning',
          field: ['spec', 'template', 'spec', 'containers'],
          message:
            `${describe(w.ref)} runs with leader election but ${missing}: its replicas are not electing a leader through a Lease ` +
            '(an old ConfigMap/Endpoints lock, or no permission on Leases), so after a node drain no replica may take over.',
          fix: `Check its leader-election flags and logs; it needs get, create and update on leases (coordination.k8s.io) in ${namespace}.`,
        }),
      );
    } else if (!inventory.leaseAccessGranted) {
      hits.push(
        hit(w, {
          rule: HA_RULES.leaderWithoutLease,
          reason: 'no-lease-access',
          severity: 'warning',
          field: ['spec', 'template', 'spec', 'containers'],
          message:
            `${describe(w.ref)} runs with leader election but no Role or ClusterRole in these manifests grants access to Leases (coordination.k8s.io): ` +
            'unless one elsewhere does, no replica can take the lease and become leader.',
          fix: `Add a Role with get, create and update on leases in apiGroup coordination.k8s.io${namespace ? ` in ${namespace}` : ''}, bound to its service account.`,
        }),
      );
    }
  }
  return hits;
}

/** Every rule on one inventory, in rule order. */
export function runHaRules(inventory: HaInventory): RuleHit[] {
  return [
    ...singleReplica(inventory),
    ...noAntiAffinity(inventory),
    ...replicasExceedNodes(inventory),
    ...pdbBlocksDrain(inventory),
    ...leaderWithoutLease(inventory),
  ];
}
