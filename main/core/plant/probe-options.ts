// What a live probe hands the plant checks, for the app (the secret store's pull secret) and
// the CLI (--pull-secret): the opt-in disk test, and the registry login of the plan's MIRROR
// registry only — never the whole pull secret, never the auth of any other registry (the public
// registries of a connected site are asked without credentials). The caller sends the probe only
// to nodes whose host key is pinned or was just accepted by the technician, as the SSH password.
import type { ProbeOptions } from '../probe/probe';
import type { Site } from '../site/schema';
import type { Finding } from '../validation/finding';
import { registryAuths } from './registry-auth';

export type PlantProbeOptions = NonNullable<ProbeOptions['plant']>;

/** The registry hosts whose login the nodes may carry: the plan's mirror registry, when there is one. */
export function credentialHosts(site: Site): string[] {
  return site.cluster.mirror ? [site.cluster.mirror.registry] : [];
}

export interface PlantProbeSetup {
  /** The plant part of ProbeOptions; undefined when there is nothing to add. */
  options?: PlantProbeOptions;
  /** Why the registry login is not used (no entry for the mirror, not a pull secret): plain words, no secret. */
  problems: string[];
}

/**
 * The plant part of a live probe. A pull secret that cannot be used gives no credentials (the
 * registry is then asked without; its findings say so) and a problem saying why; its text
 * never goes into a message.
 */
export function plantProbeSetup(site: Site, pullSecretJson: string | undefined, diskSpeed: boolean): PlantProbeSetup {
  const hosts = credentialHosts(site);
  const problems: string[] = [];
  let auths: Record<string, string> | undefined;
  if (pullSecretJson && hosts.length) {
    try {
      const found = registryAuths(pullSecretJson, hosts);
      problems.push(...found.problems);
      if (Object.keys(found.auths).length) auths = found.auths;
    } catch (error) {
      problems.push(`${(error as Error).message} The mirror registry is asked without credentials.`); // registryAuths' messages hold no secret
    }
  }
  if (!auths && !diskSpeed) return { problems };
  return { options: { ...(auths ? { auths } : {}), ...(diskSpeed ? { diskSpeed: true } : {}) }, problems };
}

/** A registry-login problem as a note under the plan's pull secret reference. */
export function credentialFinding(message: string): Finding {
  return {
    id: 'plant.registry-credentials',
    severity: 'info',
    path: '/cluster/pullSecret/secretRef',
    message,
    hint: "Add the mirror registry's entry (its host:port and the base64 user:password \"auth\") to the stored pull secret, then discover again.",
    step: 'site',
  };
}
