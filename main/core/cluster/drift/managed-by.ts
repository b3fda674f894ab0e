// Who keeps a live object in line. Argo CD marks what an Application syncs: the
// `argocd.argoproj.io/tracking-id` annotation (`<app>:<group>/<kind>:<namespace>/<name>`,
// argo-cd docs user-guide/resource_tracking.md, annotation tracking) or the instance label
// (OpenShift GitOps sets applicationInstanceLabelKey to `argocd.argoproj.io/instance`).
// Objects without either were made by the bootstrap, by a Sync hook or by hand: nobody
// puts them back when they change.

export const TRACKING_ID_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const INSTANCE_LABEL = 'argocd.argoproj.io/instance';
export const NOBODY = 'nobody';

function stringsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The name of the Application that tracks the object, or undefined. */
export function trackingApplication(object: unknown): string | undefined {
  const metadata = stringsOf(stringsOf(object).metadata);
  const trackingId = stringsOf(metadata.annotations)[TRACKING_ID_ANNOTATION];
  if (typeof trackingId === 'string' && trackingId.includes(':')) {
    const app = trackingId.slice(0, trackingId.indexOf(':'));
    if (app) return app;
  }
  const label = stringsOf(metadata.labels)[INSTANCE_LABEL];
  return typeof label === 'string' && label !== '' ? label : undefined;
}

/** `managedBy` of a drift entry: the Application's name, or "nobody". */
export function managedBy(live: unknown): string {
  return trackingApplication(live) ?? NOBODY;
}
