// An Argo CD Sync hook that runs `oc` in the cluster, for the few changes Argo CD cannot own
// as objects: labels on Nodes the installer created (owning a Node would delete it on
// prune), and an entry in the Console operator's plugin list (an atomic list other
// operators add to). ServiceAccount, a ClusterRole with exactly the rules the commands
// need, its binding, and a Job re-created before every sync (BeforeHookCreation), the way
// gitops-catalog's node-labeler and enable-console-plugin Jobs work.
import type { Site } from '../../site/schema';
import { ocpMinor, waveAnnotations, type K8sObject } from './common';

/**
 * The OpenShift CLI image of the site's minor. Always the name Red Hat publishes it under:
 * a disconnected cluster pulls it from the mirror through the ImageTagMirrorSet (the tag
 * is pulled by tag), and install/imageset-config.yaml lists it so oc-mirror copies it.
 */
export function cliImage(site: Site): string {
  return `registry.redhat.io/openshift4/ose-cli-rhel9:v${ocpMinor(site)}`;
}

export interface HookContainer {
  name: string;
  command: string[];
  args: string[];
}

export interface OcHook {
  /** Name of the ServiceAccount, ClusterRole and binding. */
  account: string;
  job: string;
  namespace: string;
  wave: number;
  rules: Record<string, unknown>[];
  containers: HookContainer[];
}

export function ocHookObjects(site: Site, hook: OcHook): K8sObject[] {
  const annotations = waveAnnotations(hook.wave);
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: hook.account, namespace: hook.namespace, annotations } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: hook.account, annotations }, rules: hook.rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: hook.account, annotations },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: hook.account },
      subjects: [{ kind: 'ServiceAccount', name: hook.account, namespace: hook.namespace }],
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: hook.job,
        namespace: hook.namespace,
        annotations: {
          ...annotations,
          'argocd.argoproj.io/hook': 'Sync',
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        },
      },
      spec: {
        backoffLimit: 6,
        template: {
          spec: {
            serviceAccountName: hook.account,
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: hook.containers.map((c) => ({
              name: c.name,
              image: cliImage(site),
              command: c.command,
              args: c.args,
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            })),
          },
        },
      },
    },
  ];
}
