// Which checks of kube-score, kube-linter and Polaris share a concern with a Sitekit HA rule,
// and on which of the rule's cases each of them fires too, by its own condition (read in
// their sources; the comparison corpus test/fixtures/ha-corpus/ holds their test manifests
// and expected results). A finding's `alsoFlaggedBy` lists the peer checks that would flag
// the same object for the same reason; where Sitekit goes further (it knows the site has
// exactly three nodes, one failure domain each) the list stays empty.
import type { HitFacts, HaRuleId, RuleHit } from './rules';
import { HA_RULES } from './rules';
import { scaled } from './workload';

export type PeerTool = 'kube-score' | 'kube-linter' | 'polaris';

export interface PeerCheck {
  tool: PeerTool;
  /** The tool's own id: kube-score README_CHECKS.md ID, kube-linter check name, Polaris check id. */
  check: string;
  rule: HaRuleId;
  /** Whether the tool fires on a hit of the rule: `reason` is the rule's case. */
  fires: (reason: string, facts: HitFacts) => boolean;
  /** The kind the tool reports the same concern on, when it is not the object Sitekit flags. */
  reportsOn?: string;
}

const DEPLOYMENT_LIKE = ['Deployment', 'StatefulSet', 'DeploymentConfig'];
/** Topology keys kube-score accepts for host anti-affinity (score/apps/apps.go hasPodAntiAffinity). */
const KUBE_SCORE_TOPOLOGY_KEYS = [
  'kubernetes.io/hostname',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
];

/** kube-score skips a workload whose replicas are set below 2; left out, it still checks. */
const kubeScoreAntiAffinity = (kind: string) => (reason: string, f: HitFacts) =>
  f.kind === kind &&
  (f.replicasWritten === undefined || f.replicasWritten >= 2) &&
  (reason !== 'other-topology' || (f.otherTopologyKeys ?? []).some((k) => !KUBE_SCORE_TOPOLOGY_KEYS.includes(k))) &&
  reason !== 'namespace';

export const PEER_CHECKS: readonly PeerCheck[] = [
  {
    tool: 'kube-score',
    check: 'deployment-replicas',
    rule: HA_RULES.singleReplica,
    // score/deployment/deployment.go deploymentReplicas: only Deployments a Service targets, not those an HPA scales.
    fires: (_r, f) => f.kind === 'Deployment' && f.targetedByService && f.autoscaler !== 'HorizontalPodAutoscaler',
  },
  {
    tool: 'kube-linter',
    check: 'minimum-three-replicas',
    rule: HA_RULES.singleReplica,
    // pkg/templates/replicas: spec.replicas (left out: 1) below minReplicas 3.
    fires: (_r, f) => DEPLOYMENT_LIKE.includes(f.kind) && (f.replicasWritten ?? 1) < 3,
  },
  {
    tool: 'polaris',
    check: 'deploymentMissingReplicas',
    rule: HA_RULES.singleReplica,
    // pkg/config/checks/deploymentMissingReplicas.yaml: Deployment spec.replicas required, minimum 2.
    fires: (_r, f) => f.kind === 'Deployment' && (f.replicasWritten === undefined || f.replicasWritten < 2),
  },
  { tool: 'kube-score', check: 'deployment-has-host-podantiaffinity', rule: HA_RULES.noAntiAffinity, fires: kubeScoreAntiAffinity('Deployment') },
  { tool: 'kube-score', check: 'statefulset-has-host-podantiaffinity', rule: HA_RULES.noAntiAffinity, fires: kubeScoreAntiAffinity('StatefulSet') },
  {
    tool: 'kube-linter',
    check: 'no-anti-affinity',
    rule: HA_RULES.noAntiAffinity,
    // pkg/templates/antiaffinity: replicas ≥ 2 and no anti-affinity term on kubernetes.io/hostname selecting the pod.
    fires: (_r, f) => DEPLOYMENT_LIKE.includes(f.kind) && (f.replicasWritten ?? 1) >= 2,
  },
  {
    tool: 'polaris',
    check: 'topologySpreadConstraint',
    rule: HA_RULES.noAntiAffinity,
    // pkg/config/checks/topologySpreadConstraint.yaml: any pod spec without topologySpreadConstraints.
    fires: (_r, f) => !f.hasTopologySpread,
  },
  {
    tool: 'kube-linter',
    check: 'pdb-max-unavailable',
    rule: HA_RULES.pdbBlocksDrain,
    fires: (reason) => reason === 'max-unavailable-zero',
  },
  {
    tool: 'kube-linter',
    check: 'pdb-min-available',
    rule: HA_RULES.pdbBlocksDrain,
    // pkg/templates/pdbminavailable: "100%", or replicas ≤ minAvailable for the deployment-like objects
    // whose spec.selector the PDB matches, where replicas is spec.replicas (left out: 1) and, when
    // that is 1, the HPA's / ScaledObject's minimum.
    fires: (reason, f) => {
      if (reason === 'min-available-all') return true;
      const min = f.minAvailable;
      if (!min || reason === 'max-unavailable-zero') return false;
      if ('percent' in min && min.percent === 100) return true;
      if (!f.workloadSelectorWritten) return false;
      const written = f.replicasWritten ?? 1;
      const replicas = written === 1 && f.autoscalerMin !== undefined ? f.autoscalerMin : written;
      return replicas <= scaled(min, replicas);
    },
  },
  {
    tool: 'polaris',
    check: 'pdbDisruptionsIsZero',
    rule: HA_RULES.pdbBlocksDrain,
    // pkg/config/checks/pdbDisruptionsIsZero.yaml: maxUnavailable 0 or "0%", minAvailable exactly "100%".
    fires: (reason, f) => reason === 'max-unavailable-zero' || (f.minAvailable !== undefined && f.written === '100%'),
  },
  {
    tool: 'polaris',
    check: 'pdbMinAvailableGreaterThanHPAMinReplicas',
    rule: HA_RULES.pdbBlocksDrain,
    // pkg/validator/pdb_hpa_validator.go: on a Deployment, minAvailable (a percentage: of the HPA's minReplicas) above minReplicas.
    fires: (_r, f) =>
      f.workloadKind === 'Deployment' &&
      f.autoscaler === 'HorizontalPodAutoscaler' &&
      f.minAvailable !== undefined && f.autoscalerMin !== undefined && scaled(f.minAvailable, f.autoscalerMin) > f.autoscalerMin,
    reportsOn: 'Deployment',
  },
];

/** Peer checks about availability that Sitekit deliberately has no rule for, and why. */
export const UNSHARED_PEER_CHECKS: readonly { tool: PeerTool; check: string; why: string }[] = [
  {
    tool: 'kube-score',
    check: 'deployment-has-poddisruptionbudget',
    why:
      'A missing PDB is not what breaks a compact site: the Machine Config Operator drains one node at a time, so replicas spread one per host ' +
      'lose at most one per drain. Sitekit asks for that spread (ha.no-anti-affinity) and for more than one replica (ha.single-replica) instead.',
  },
  { tool: 'kube-score', check: 'statefulset-has-poddisruptionbudget', why: 'As deployment-has-poddisruptionbudget.' },
  { tool: 'polaris', check: 'missingPodDisruptionBudget', why: 'As kube-score deployment-has-poddisruptionbudget.' },
  {
    tool: 'kube-score',
    check: 'poddisruptionbudget-has-policy',
    why: 'It checks that a PDB is complete, not whether it blocks a drain, which is what Sitekit judges (ha.pdb-blocks-drain).',
  },
];

/**
 * `<tool> <check>` of every peer check that flags the hit's object for the same reason
 * (`… (on the Deployment)` when the tool reports it on the workload instead).
 */
export function alsoFlaggedBy(hit: Pick<RuleHit, 'rule' | 'reason' | 'facts'>): string[] {
  return PEER_CHECKS.filter((p) => p.rule === hit.rule && p.fires(hit.reason, hit.facts)).map(
    (p) => `${p.tool} ${p.check}${p.reportsOn ? ` (on the ${p.reportsOn})` : ''}`,
  );
}
