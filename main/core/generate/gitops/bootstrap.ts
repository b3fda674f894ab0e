// gitops/bootstrap: what a person applies once by hand (`oc apply -f gitops/bootstrap/`):
// the OpenShift GitOps operator (manifests.md §1.2, §7.1), the permissions its application
// controller needs for cluster-scoped kinds (§7.1), the site AppProject and the root
// Application of the app-of-apps (§7.2). Not synced by Argo CD itself. The instance settings
// (health checks, Git server CA) are in bootstrap/argocd/, applied separately (argocd-instance.ts).
import type { Site } from '../../site/schema';
import { rootApplication } from './apps';
import { ARGOCD_FOLDER, FIELD_MANAGER, argocdInstanceDocuments } from './argocd-instance';
import { FINALIZER, GITOPS_NAMESPACE, PROJECT, repoOf, type GitopsDocument, type K8sObject } from './common';
import { catalogSourceOf, mirrorObjects, namespaceObject } from './operators';

const HOW_TO_APPLY =
  'Bootstrap: apply once by hand with `oc apply -f gitops/bootstrap/`. Run it again after the\n' +
  'GitOps operator is installed: the AppProject and Application kinds exist only then.';

/** The whole order, written on the root Application (the last step). */
const ORDER =
  'Order on a new cluster:\n' +
  '  1. oc apply -f gitops/bootstrap/        (the operator; AppProject and root Application fail the first time)\n' +
  "  2. wait until `oc get argocd openshift-gitops -n openshift-gitops -o jsonpath='{.status.phase}'` prints Available\n" +
  `  3. oc apply --server-side --field-manager=${FIELD_MANAGER} -f gitops/${ARGOCD_FOLDER}/   (health checks, Git server CA)\n` +
  '  4. private Git server: oc apply -f <folder written by sitekit generate --argocd-secrets>   (repository Secret)\n' +
  '  5. oc apply -f gitops/bootstrap/        (AppProject and root Application)';

function gitopsOperator(site: Site): K8sObject[] {
  const { source, sourceNamespace } = catalogSourceOf(site);
  const ns = 'openshift-gitops-operator';
  const namespace = namespaceObject(ns, 0);
  delete namespace.metadata.annotations; // applied by hand: no waves
  return [
    namespace,
    // §1.2: no targetNamespaces (AllNamespaces), upgradeStrategy Default.
    { apiVersion: 'operators.coreos.com/v1', kind: 'OperatorGroup', metadata: { name: ns, namespace: ns }, spec: { upgradeStrategy: 'Default' } },
    {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 'openshift-gitops-operator', namespace: ns },
      spec: { channel: 'latest', installPlanApproval: 'Automatic', name: 'openshift-gitops-operator', source, sourceNamespace },
    },
  ];
}

/**
 * The default instance's application controller is not cluster-admin (§7.1); installing
 * operators, NNCPs and a StorageCluster needs it (gitops-catalog
 * application-controller-cluster-admin).
 */
function controllerRbac(): K8sObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'openshift-gitops-argocd-application-controller-cluster-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'openshift-gitops-argocd-application-controller', namespace: GITOPS_NAMESPACE }],
  };
}

function appProject(site: Site): K8sObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: PROJECT, namespace: GITOPS_NAMESPACE, finalizers: [FINALIZER] },
    spec: {
      description: `ACP site ${site.metadata.name}: operators, networking, storage, virtualization`,
      sourceRepos: [repoOf(site).repoURL],
      destinations: [{ namespace: '*', server: 'https://kubernetes.default.svc' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

export function bootstrapDocuments(site: Site): GitopsDocument[] {
  const docs: GitopsDocument[] = [];
  const mirror = mirrorObjects(site).map((o) => {
    const copy = structuredClone(o);
    delete copy.metadata.annotations;
    return copy;
  });
  if (mirror.length > 0) {
    docs.push({
      path: 'bootstrap/00-mirror.yaml',
      comment: `${HOW_TO_APPLY}\nDisconnected site: the GitOps operator itself comes from the mirror catalog (§1.3).`,
      objects: mirror,
    });
  }
  docs.push({ path: 'bootstrap/01-gitops-operator.yaml', comment: HOW_TO_APPLY, objects: gitopsOperator(site) });
  docs.push({ path: 'bootstrap/02-controller-rbac.yaml', comment: HOW_TO_APPLY, objects: [controllerRbac()] });
  docs.push({ path: 'bootstrap/03-appproject.yaml', comment: HOW_TO_APPLY, objects: [appProject(site)] });
  docs.push({
    path: 'bootstrap/04-root-application.yaml',
    comment:
      `${HOW_TO_APPLY}\n${ORDER}\n` +
      'Child Applications are ordered by sync waves. Argo CD gates a wave on the health of the\n' +
      'previous one only with the Application health check of step 3 (manifests.md §7.3); every\n' +
      'Application retries a failed sync without limit, so an unchanged revision still converges.',
    objects: [rootApplication(site)],
  });
  docs.push(...argocdInstanceDocuments(site));
  return docs;
}
