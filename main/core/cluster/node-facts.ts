// What Sitekit reads of a Node object, in one place for the install progress, the plan checks
// and the verification: its roles (the labels node-role.kubernetes.io/<role>) and whether its
// Ready condition is True (Kubernetes API reference, Node v1 status.conditions).
import type { KubeObject } from './client';
import { condition, type Condition } from './conditions';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** The node's roles from its labels, sorted (control-plane, master, worker). */
export function nodeRoles(node: KubeObject): string[] {
  return Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith(ROLE_PREFIX))
    .map((label) => label.slice(ROLE_PREFIX.length))
    .sort();
}

/** The node's Ready condition (absent before the kubelet reported one). */
export function readyCondition(node: KubeObject): Condition | undefined {
  return condition(node, 'Ready');
}

export function nodeReady(node: KubeObject): boolean {
  return readyCondition(node)?.status === 'True';
}
