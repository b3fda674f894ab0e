// Lua health checks the site's Argo CD needs and does not have built in (manifests.md §7.3).
// They go into ArgoCD.spec.resourceHealthChecks; the operator writes each one into argocd-cm
// as resource.customizations.health.<group>_<kind> (argoproj-labs/argocd-operator
// controllers/argocd/configmap.go getResourceHealthChecks @ cf5d1c0236bf), the key Argo CD reads
// (argo-cd docs/operator-manual/health.md "Way 1"). A configured check wins over a built-in one.
//
// Written for Sitekit from the behaviour each source documents (not copied): Argo CD runs them
// with the Lua standard libraries off (health.md), so they use only `obj`, ipairs and tables.
// Not added: Subscription (built in since v2.2), StorageCluster (built in since v3.1.0) and
// NodeNetworkConfigurationPolicy (built in since v3.4.0; argo-cd resource_customizations/ @ 37ee0097).

export interface ResourceHealthCheck {
  group: string;
  kind: string;
  check: string;
}

/**
 * argoproj.io/Application: the health the child Application reports, Progressing until it has
 * one. Argo CD removed this check in 1.8; without it a child Application is Healthy as soon as
 * it exists and the sync waves of an app-of-apps do not wait for each other (argo-cd
 * docs/operator-manual/health.md "Argocd App", issue argoproj/argo-cd#3781).
 */
export const APPLICATION_HEALTH = `-- Sitekit: a child Application is as healthy as it reports itself (argo-cd health.md "Argocd App").
local hs = { status = "Progressing", message = "" }
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then
    hs.message = obj.status.health.message
  end
end
return hs
`;

/**
 * local.storage.openshift.io/LocalVolume: the Local Storage Operator sets one condition,
 * Available, True with message "Ready" once it has set up the disk maker, False with "error
 * syncing local storage: …" (openshift/local-storage-operator
 * pkg/controllers/localvolume/localvolume_controller.go addSuccessCondition/addFailureCondition
 * @ 0fc5ee5441de).
 */
export const LOCAL_VOLUME_HEALTH = `-- Sitekit: LocalVolume by its Available condition (local-storage-operator localvolume_controller.go).
local hs = { status = "Progressing", message = "Waiting for the Local Storage Operator" }
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Available" then
      if condition.status == "True" then
        hs.status = "Healthy"
      elseif condition.status == "False" then
        hs.status = "Degraded"
      end
      if condition.message ~= nil then
        hs.message = condition.message
      end
    end
  end
end
return hs
`;

/**
 * hco.kubevirt.io/HyperConverged: Available, Progressing and Degraded as the HCO condition
 * matrix reads them (kubevirt/hyperconverged-cluster-operator docs/conditions.md @ 07e2a9a4):
 * Degraded without Progressing needs a person; Progressing (healing or upgrading) is
 * Progressing; Available alone is healthy; anything else is still being deployed, with the
 * Available condition's message (which component is not available) when there is one.
 */
export const HYPERCONVERGED_HEALTH = `-- Sitekit: HyperConverged by the HCO condition matrix (hyperconverged-cluster-operator docs/conditions.md).
local available = nil
local progressing = nil
local degraded = nil
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Available" then
      available = condition
    elseif condition.type == "Progressing" then
      progressing = condition
    elseif condition.type == "Degraded" then
      degraded = condition
    end
  end
end
local function said(condition)
  if condition ~= nil and condition.message ~= nil then
    return condition.message
  end
  return ""
end
if degraded ~= nil and degraded.status == "True" and not (progressing ~= nil and progressing.status == "True") then
  return { status = "Degraded", message = said(degraded) }
end
if progressing ~= nil and progressing.status == "True" then
  return { status = "Progressing", message = said(progressing) }
end
if available ~= nil and available.status == "True" then
  return { status = "Healthy", message = said(available) }
end
if available ~= nil and available.message ~= nil then
  return { status = "Progressing", message = available.message }
end
return { status = "Progressing", message = "Waiting for OpenShift Virtualization to deploy" }
`;

/** The checks every site's Argo CD gets (the Application one makes the waves wait). */
export const RESOURCE_HEALTH_CHECKS: readonly ResourceHealthCheck[] = [
  { group: 'argoproj.io', kind: 'Application', check: APPLICATION_HEALTH },
  { group: 'local.storage.openshift.io', kind: 'LocalVolume', check: LOCAL_VOLUME_HEALTH },
  { group: 'hco.kubevirt.io', kind: 'HyperConverged', check: HYPERCONVERGED_HEALTH },
];
