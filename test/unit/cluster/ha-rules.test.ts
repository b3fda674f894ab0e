// The HA readiness rules on manifests of a sites repository: what a compact cluster (three
// nodes, one failure domain each, every node drained in turn by each update) breaks.
import { describe, expect, it } from 'vitest';
import { haCheckManifests } from '../../../main/core/cluster/ha/check';
import { readManifests } from '../../../main/core/cluster/ha/manifests';
import type { HaFinding } from '../../../main/core/cluster/types';

const FILE = 'sites/plant-a/apps/historian.yaml';

interface WorkloadOptions {
  kind?: string;
  replicas?: number;
  affinity?: string;
  spread?: string;
  args?: string[];
  namespace?: string;
}

/** A workload as a site would write it, labels app=<name>; YAML so lines can be checked. */
function workload(name: string, o: WorkloadOptions = {}): string {
  const indent = (text: string, n: number) => text.trim().split('\n').map((l) => ' '.repeat(n) + l).join('\n');
  return [
    'apiVersion: apps/v1',
    `kind: ${o.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${o.namespace ?? 'plant-apps'}`,
    'spec:',
    ...(o.replicas !== undefined ? [`  replicas: ${o.replicas}`] : []),
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    ...(o.affinity ? ['      affinity:', indent(o.affinity, 8)] : []),
    ...(o.spread ? ['      topologySpreadConstraints:', indent(o.spread, 8)] : []),
    '      containers:',
    '        - name: main',
    '          image: registry.example.com/plant/historian:2.4',
    ...(o.args ? ['          args:', ...o.args.map((a) => `            - "${a}"`)] : []),
  ].join('\n');
}

const hostAntiAffinity = (name: string, how: 'required' | 'preferred', key = 'kubernetes.io/hostname') =>
  how === 'required'
    ? `podAntiAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchLabels:\n          app: ${name}\n      topologyKey: ${key}`
    : `podAntiAffinity:\n  preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 100\n      podAffinityTerm:\n        labelSelector:\n          matchLabels:\n            app: ${name}\n        topologyKey: ${key}`;

function pdb(name: string, policy: string, selector = `matchLabels:\n      app: ${name}`): string {
  return ['apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', `  name: ${name}`, '  namespace: plant-apps', 'spec:', `  ${policy}`, '  selector:', `    ${selector}`].join('\n');
}

function hpa(target: string, min: number, max: number): string {
  return [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${target}`,
    '  namespace: plant-apps',
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${target}`,
    `  minReplicas: ${min}`,
    `  maxReplicas: ${max}`,
  ].join('\n');
}

const check = (...docs: string[]) => haCheckManifests([{ path: FILE, text: docs.join('\n---\n') }]);
const rules = (findings: HaFinding[]) => findings.map((f) => `${f.rule} ${f.object.kind} ${f.object.name}`);

describe('ha.single-replica', () => {
  it('flags one replica, at the line of spec.replicas, naming the drains of an update', () => {
    const [finding, ...rest] = check(workload('historian', { replicas: 1 }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'warning',
      rule: 'ha.single-replica',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'historian', namespace: 'plant-apps' },
      where: `${FILE}:7`,
    });
    expect(finding!.message).toMatch(/single replica.*drains the 3 nodes/);
    expect(finding!.fix).toMatch(/kubernetes\.io\/hostname/);
  });

  it('says that a left-out spec.replicas means 1', () => {
    const [finding] = check(workload('historian'));
    expect(finding!.message).toContain('spec.replicas is not set');
  });

  it('judges the autoscaler’s minimum, not spec.replicas', () => {
    const findings = check(workload('historian', { replicas: 3, affinity: hostAntiAffinity('historian', 'preferred') }), hpa('historian', 1, 3));
    expect(rules(findings)).toEqual(['ha.single-replica Deployment historian']);
    expect(findings[0]!.message).toContain('HorizontalPodAutoscaler historian may scale it down to 1');
  });

  it('leaves a workload scaled to zero on purpose alone, and a StatefulSet’s volumes get a word', () => {
    expect(check(workload('parked', { replicas: 0 }))).toEqual([]);
    const [finding] = check(workload('db', { kind: 'StatefulSet', replicas: 1 }));
    expect(finding!.fix).toMatch(/volumes must be able to follow/);
  });
});

describe('ha.no-anti-affinity', () => {
  it('flags replicas that nothing keeps on different hosts', () => {
    const findings = check(workload('historian', { replicas: 3 }));
    expect(rules(findings)).toEqual(['ha.no-anti-affinity Deployment historian']);
    expect(findings[0]!.message).toMatch(/3 replicas but nothing keeps them on different hosts/);
    expect(findings[0]!.alsoFlaggedBy).toEqual(['kube-score deployment-has-host-podantiaffinity', 'kube-linter no-anti-affinity', 'polaris topologySpreadConstraint']);
  });

  it('accepts preferred or required anti-affinity, or a topology spread, on kubernetes.io/hostname', () => {
    expect(check(workload('a', { replicas: 3, affinity: hostAntiAffinity('a', 'preferred') }))).toEqual([]);
    expect(check(workload('b', { replicas: 3, affinity: hostAntiAffinity('b', 'required') }))).toEqual([]);
    const spread = '- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels:\n      app: c';
    expect(check(workload('c', { replicas: 3, spread }))).toEqual([]);
  });

  it('does not count a spread over zones: the site’s failure domains are its hosts (kube-score would)', () => {
    const [finding] = check(workload('historian', { replicas: 3, affinity: hostAntiAffinity('historian', 'preferred', 'topology.kubernetes.io/zone') }));
    expect(finding!.message).toContain('over topology.kubernetes.io/zone, not over hosts');
    expect(finding!.where).toBe(`${FILE}:16`); // affinity:
    expect(finding!.alsoFlaggedBy).not.toContain('kube-score deployment-has-host-podantiaffinity');
  });

  it('does not count a term that selects other pods', () => {
    const [finding] = check(workload('historian', { replicas: 2, affinity: hostAntiAffinity('someone-else', 'required') }));
    expect(finding!.message).toContain('selects other pods than its own');
  });
});

describe('ha.replicas-exceed-nodes', () => {
  it('flags more replicas than hosts under required anti-affinity, as an error', () => {
    const [finding] = check(workload('historian', { replicas: 4, affinity: hostAntiAffinity('historian', 'required') }));
    expect(finding).toMatchObject({ severity: 'error', rule: 'ha.replicas-exceed-nodes', where: `${FILE}:7` });
    expect(finding!.message).toMatch(/asks for 4 replicas.*3 nodes, so 1 can never run/);
    expect(finding!.alsoFlaggedBy).toBeUndefined();
  });

  it('flags an autoscaler that may go past the hosts; three replicas are fine; a bigger site may say so', () => {
    const [finding] = check(workload('historian', { replicas: 3, affinity: hostAntiAffinity('historian', 'required') }), hpa('historian', 3, 6));
    expect(finding!.message).toContain('HorizontalPodAutoscaler historian may scale it to 6 replicas');
    expect(check(workload('historian', { replicas: 3, affinity: hostAntiAffinity('historian', 'required') }))).toEqual([]);
    const text = workload('historian', { replicas: 4, affinity: hostAntiAffinity('historian', 'required') });
    expect(haCheckManifests([{ path: FILE, text }], { nodes: 5 })).toEqual([]);
  });
});

describe('ha.pdb-blocks-drain', () => {
  const spreadThree = (name: string) => workload(name, { replicas: 3, affinity: hostAntiAffinity(name, 'preferred') });

  it('minAvailable equal to the replicas allows no eviction: error on the PDB, at minAvailable', () => {
    const findings = check(spreadThree('historian'), pdb('historian', 'minAvailable: 3'));
    expect(rules(findings)).toEqual(['ha.pdb-blocks-drain PodDisruptionBudget historian']);
    expect(findings[0]).toMatchObject({ severity: 'error', where: `${FILE}:35` });
    expect(findings[0]!.message).toMatch(/keeps 3 of Deployment plant-apps\/historian’s pods available with its 3 replicas, so it allows no eviction/);
    expect(findings[0]!.alsoFlaggedBy).toEqual(['kube-linter pdb-min-available']);
  });

  it('rounds percentages up like the disruption controller: 67% of 3 is 3, 66% is 2', () => {
    expect(rules(check(spreadThree('historian'), pdb('historian', 'minAvailable: 67%')))).toEqual(['ha.pdb-blocks-drain PodDisruptionBudget historian']);
    expect(check(spreadThree('historian'), pdb('historian', 'minAvailable: 66%'))).toEqual([]);
    expect(check(spreadThree('historian'), pdb('historian', 'minAvailable: 2'))).toEqual([]);
    expect(check(spreadThree('historian'), pdb('historian', 'maxUnavailable: 10%'))).toEqual([]);
  });

  it('maxUnavailable 0 or 0% blocks, whatever it selects', () => {
    for (const policy of ['maxUnavailable: 0', 'maxUnavailable: "0%"']) {
      const findings = check(pdb('historian', policy));
      expect(rules(findings)).toEqual(['ha.pdb-blocks-drain PodDisruptionBudget historian']);
      expect(findings[0]!.alsoFlaggedBy).toEqual(['kube-linter pdb-max-unavailable', 'polaris pdbDisruptionsIsZero']);
    }
  });

  it('knows only three of four one-per-host replicas run, so even maxUnavailable 1 blocks', () => {
    const findings = check(workload('historian', { replicas: 4, affinity: hostAntiAffinity('historian', 'required') }), pdb('historian', 'maxUnavailable: 1'));
    const blocking = findings.find((f) => f.rule === 'ha.pdb-blocks-drain')!;
    expect(blocking.message).toMatch(/only 3 of its 4 can run on 3 nodes/);
    expect(blocking.fix).toMatch(/Lower Deployment plant-apps\/historian to 3 replicas/);
    expect(blocking.alsoFlaggedBy).toBeUndefined();
  });

  it('matches by selector expressions and namespace only', () => {
    const expr = 'matchExpressions:\n      - key: app\n        operator: In\n        values: [historian, other]';
    expect(check(spreadThree('historian'), pdb('historian', 'minAvailable: 3', expr))).toHaveLength(1);
    const elsewhere = spreadThree('historian').replace('namespace: plant-apps', 'namespace: plant-lab');
    expect(check(elsewhere, pdb('historian', 'minAvailable: 3'))).toEqual([]);
  });

  it('uses the autoscaler’s minimum replicas (Polaris reports it on the Deployment)', () => {
    const findings = check(workload('historian', { affinity: hostAntiAffinity('historian', 'preferred') }), pdb('historian', 'minAvailable: 3'), hpa('historian', 2, 3));
    const blocking = findings.find((f) => f.rule === 'ha.pdb-blocks-drain')!;
    expect(blocking.message).toContain('the 2 replicas its HorizontalPodAutoscaler historian may scale it down to');
    expect(blocking.alsoFlaggedBy).toContain('polaris pdbMinAvailableGreaterThanHPAMinReplicas (on the Deployment)');
  });
});

describe('ha.leader-without-lease (manifests)', () => {
  const controller = (args: string[]) => workload('controller', { replicas: 2, affinity: hostAntiAffinity('controller', 'preferred'), args });
  const role = (resources: string) =>
    ['apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata:', '  name: controller', '  namespace: plant-apps', 'rules:', '  - apiGroups: [coordination.k8s.io]', `    resources: [${resources}]`, '    verbs: [get, create, update]'].join('\n');

  it('flags leader election when no Role of the manifests grants Leases', () => {
    const findings = check(controller(['--leader-elect']), role('configmaps'));
    expect(rules(findings)).toEqual(['ha.leader-without-lease Deployment controller']);
    expect(findings[0]!.message).toContain('no Role or ClusterRole in these manifests grants access to Leases');
  });

  it('is satisfied by a Role on leases, and ignores --leader-elect=false', () => {
    expect(check(controller(['--leader-elect=true']), role('leases'))).toEqual([]);
    expect(check(controller(['--leader-elect=false']))).toEqual([]);
    expect(check(controller(['--leader-elect', 'false']))).toEqual([]);
  });
});

describe('reading the sites repository', () => {
  it('skips what is not plain Kubernetes YAML and still checks the rest', () => {
    const helm = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n';
    const files = [
      { path: 'sites/plant-a/charts/historian/templates/deployment.yaml', text: helm },
      { path: FILE, text: workload('historian', { replicas: 1 }) },
    ];
    expect(readManifests(files).skipped).toEqual([expect.objectContaining({ path: files[0]!.path })]);
    expect(rules(haCheckManifests(files))).toEqual(['ha.single-replica Deployment historian']);
  });

  it('reads the items of a List and points into them', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${workload('historian', { replicas: 1 })
      .split('\n')
      .map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))
      .join('\n')}`;
    const [finding] = haCheckManifests([{ path: FILE, text: list }]);
    expect(finding).toMatchObject({ rule: 'ha.single-replica', where: `${FILE}:10` });
  });

  it('sorts errors first', () => {
    const findings = check(workload('a', { replicas: 1 }), workload('b', { replicas: 4, affinity: hostAntiAffinity('b', 'required') }));
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
  });
});
