// Settings of the default Argo CD instance that the OpenShift GitOps operator creates
// (`openshift-gitops` in namespace openshift-gitops: redhat-developer/gitops-operator
// common/common.go ArgoCDInstanceName, controllers/argocd/argocd.go NewCR @ 5a448d94d11e):
// the health checks that make the sync waves wait (manifests.md §7.3) and the CA of the
// site's Git server. Both are public, so they live in the bundle (gitops/bootstrap/argocd/).
//
// Applied as partial objects with server-side apply, AFTER the operator created its instance:
// applying the ArgoCD object first would create a bare instance, and the operator then only
// fills in resource limits (gitopsservice_controller.go reconcileDefaultArgoCDInstance), not
// the route, SSO and RBAC defaults of NewCR. Server-side apply sets only the fields written
// here and leaves the operator's own ones alone.
import type { Site } from '../../site/schema';
import { RESOURCE_HEALTH_CHECKS } from './argocd-health-checks';
import { GITOPS_NAMESPACE, type GitopsDocument, type K8sObject } from './common';

export const ARGOCD_INSTANCE = 'openshift-gitops';
export const FIELD_MANAGER = 'sitekit';
export const ARGOCD_FOLDER = 'bootstrap/argocd';
/** The ConfigMap Argo CD reads repository CAs from (argo-cd docs/operator-manual/declarative-setup.md). */
export const TLS_CERTS_CONFIGMAP = 'argocd-tls-certs-cm';

/**
 * The key of the Git server in argocd-tls-certs-cm: "the repository server's hostname part
 * (not the complete URL)" (declarative-setup.md "Repositories using self-signed TLS
 * certificates"). Undefined for a URL that is not https:// or whose host cannot be a
 * ConfigMap key (an IPv6 literal).
 */
export function gitServerHost(repoURL: string): string | undefined {
  let url: URL;
  try {
    url = new URL(repoURL.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  return /^[-._a-zA-Z0-9]+$/.test(host) ? host : undefined;
}

/** The PEM text as the ConfigMap holds it: trimmed, one final line break. */
function pem(caBundle: string): string {
  return `${caBundle.trim()}\n`;
}

/** The CA entry of the plan, when it has a CA and an https:// Git server. */
function caEntry(site: Site): Record<string, string> | undefined {
  const caBundle = site.gitops?.caBundle;
  if (!caBundle?.trim()) return undefined;
  const host = gitServerHost(site.gitops!.repoURL);
  return host === undefined ? undefined : { [host]: pem(caBundle) };
}

/**
 * The partial ArgoCD instance: resourceHealthChecks (schema: ArgoCD v1beta1
 * spec.resourceHealthChecks[] {group, kind, check}) and, with a CA, spec.tls.initialCerts.
 * The operator copies initialCerts into argocd-tls-certs-cm only when it creates that
 * ConfigMap (argocd-operator controllers/argocd/configmap.go reconcileTLSCerts @ cf5d1c0236bf),
 * so on a running instance it takes effect only if the ConfigMap is ever re-created; the
 * ConfigMap below is what makes the CA count now.
 */
export function argocdInstance(site: Site): K8sObject {
  const certs = caEntry(site);
  return {
    apiVersion: 'argoproj.io/v1beta1',
    kind: 'ArgoCD',
    metadata: { name: ARGOCD_INSTANCE, namespace: GITOPS_NAMESPACE },
    spec: {
      resourceHealthChecks: RESOURCE_HEALTH_CHECKS.map(({ group, kind, check }) => ({ group, kind, check })),
      ...(certs ? { tls: { initialCerts: certs } } : {}),
    },
  };
}

/**
 * The Git server's CA in argocd-tls-certs-cm. The operator creates that ConfigMap empty and
 * afterwards only keeps its owner reference (reconcileTLSCerts), so the entry applied here
 * stays. Labels with the values the operator gives it (configmap.go newConfigMapWithName,
 * common/defaults.go DefaultLabels): part-of argocd is what Argo CD needs
 * (declarative-setup.md), and the same values cannot conflict under server-side apply.
 */
export function gitServerCaConfigMap(site: Site): K8sObject | undefined {
  const certs = caEntry(site);
  if (!certs) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: TLS_CERTS_CONFIGMAP,
      namespace: GITOPS_NAMESPACE,
      labels: { 'app.kubernetes.io/name': TLS_CERTS_CONFIGMAP, 'app.kubernetes.io/part-of': 'argocd' },
    },
    data: certs,
  };
}

const HOW_TO_APPLY =
  'Argo CD instance settings: apply once the GitOps operator has created its instance, that is when\n' +
  '  oc get argocd openshift-gitops -n openshift-gitops -o jsonpath=\'{.status.phase}\'\n' +
  'prints Available, with server-side apply (it sets only these fields and merges them into the\n' +
  "operator's instance; a plain `oc apply` of a partial object could create a bare instance):\n" +
  `  oc apply --server-side --field-manager=${FIELD_MANAGER} -f gitops/${ARGOCD_FOLDER}/\n` +
  'Then apply gitops/bootstrap/ again for the root Application.';

export function argocdInstanceDocuments(site: Site): GitopsDocument[] {
  const docs: GitopsDocument[] = [
    {
      path: `${ARGOCD_FOLDER}/argocd-instance.yaml`,
      comment:
        `${HOW_TO_APPLY}\n` +
        'Health checks: Application (so each wave of child Applications waits for the previous one to be\n' +
        'healthy), LocalVolume and HyperConverged (no built-in check in Argo CD; manifests.md §7.3).',
      objects: [argocdInstance(site)],
    },
  ];
  const ca = gitServerCaConfigMap(site);
  if (ca) {
    docs.push({
      path: `${ARGOCD_FOLDER}/git-server-ca.yaml`,
      comment: `${HOW_TO_APPLY}\nThe CA of the Git server (gitops.caBundle): public, so it is part of the bundle.`,
      objects: [ca],
    });
  }
  return docs;
}
