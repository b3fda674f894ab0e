// The GitOps bootstrap as ordered stages, read from the bundle's own files (the documents
// generateBundle writes under gitops/), so the cluster gets exactly what was reviewed and
// exported. The order is the manual one written on gitops/bootstrap/04-root-application.yaml
// (generate/gitops/bootstrap.ts ORDER), automated:
//   1. mirror catalog (disconnected), GitOps operator, controller RBAC
//   2. wait: the GitOps operator's CSV Succeeded and its ArgoCD instance openshift-gitops Available
//   3. repository Secret (password from the secret store, handed in) and the Git server CA
//   4. the instance settings (health checks) by server-side apply, merged into the operator's instance
//   5. AppProject and root Application
//   6. the child Applications, wave by wave (argocd.argoproj.io/sync-wave), and what they deploy.
// The manual text has the argocd/ folder (settings and CA) before the repository Secret; the two
// steps do not depend on each other, only both must come before the root Application, so here the
// credentials (Secret and CA) form one stage and the settings the next.
import { parseAllDocuments } from 'yaml';
import type { GeneratedFile } from '../../generate/files';
import { gitopsFiles } from '../../generate/gitops';
import type { Site } from '../../site/schema';
import { refOf, type KubeObject } from '../client';
import type { ObjectRef } from '../types';

/** One object of the bundle and the file it came from (relative to the site folder). */
export interface PlannedObject {
  object: KubeObject;
  file: string;
}

/** A child Application and the objects of its folder (gitops/<folder>/). */
export interface PlannedApplication {
  ref: ObjectRef;
  wave: number;
  folder: string;
  objects: PlannedObject[];
}

export interface PlannedWave {
  wave: number;
  applications: PlannedApplication[];
}

export interface BootstrapPlan {
  /** 00-mirror, 01-gitops-operator, 02-controller-rbac: applied first. */
  operator: PlannedObject[];
  /** The GitOps operator's Subscription (its CSV is waited for). */
  gitopsSubscription: ObjectRef;
  /** The ArgoCD instance the operator creates (bootstrap/argocd/argocd-instance.yaml names it). */
  argocdInstance: ObjectRef;
  /** bootstrap/argocd/git-server-ca.yaml, when the plan has a Git server CA. */
  gitServerCa: PlannedObject[];
  /** bootstrap/argocd/argocd-instance.yaml: the partial instance (health checks). */
  argocdSettings: PlannedObject[];
  /** 03-appproject and 04-root-application. */
  root: PlannedObject[];
  rootApplication: ObjectRef;
  waves: PlannedWave[];
}

/** Why a bundle cannot be bootstrapped, naming the file. */
export class BootstrapPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapPlanError';
  }
}

const GITOPS = 'gitops/';
const BOOTSTRAP = 'gitops/bootstrap/';
const ARGOCD_FOLDER = 'gitops/bootstrap/argocd/';
const OPERATOR_FILES = ['00-mirror.yaml', '01-gitops-operator.yaml', '02-controller-rbac.yaml'];
const ROOT_FILES = ['03-appproject.yaml', '04-root-application.yaml'];
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** The bundle's GitOps files as generateBundle writes them (paths gitops/…), for callers without a bundle on disk. */
export function bundleGitopsFiles(site: Site): GeneratedFile[] {
  return gitopsFiles(site).files;
}

function parseFile(file: GeneratedFile): PlannedObject[] {
  const objects: PlannedObject[] = [];
  for (const doc of parseAllDocuments(file.content)) {
    if (doc.errors.length > 0) throw new BootstrapPlanError(`${file.path} is not valid YAML (${doc.errors[0]!.message}): generate the bundle again.`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const object = value as Partial<KubeObject>;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
      throw new BootstrapPlanError(`${file.path} holds a document without apiVersion, kind and metadata.name: generate the bundle again.`);
    }
    objects.push({ object: object as KubeObject, file: file.path });
  }
  return objects;
}

/** The folder of the bundle a child Application syncs: the part of spec.source.path after `/gitops/`. */
function folderOf(application: KubeObject, file: string): string {
  const path = (application.spec as { source?: { path?: unknown } } | undefined)?.source?.path;
  const at = typeof path === 'string' ? path.lastIndexOf('/gitops/') : -1;
  if (typeof path !== 'string' || (at < 0 && !path.startsWith('gitops/'))) {
    throw new BootstrapPlanError(`${file}: the Application ${application.metadata.name} does not point at a gitops/ folder of the bundle (spec.source.path ${String(path)}).`);
  }
  return (at < 0 ? path.slice('gitops/'.length) : path.slice(at + '/gitops/'.length)).replace(/\/+$/, '');
}

function waveOf(application: KubeObject): number {
  const wave = Number(application.metadata.annotations?.[SYNC_WAVE] ?? '0');
  return Number.isFinite(wave) ? wave : 0;
}

function single(objects: PlannedObject[], kind: string, where: string): PlannedObject {
  const found = objects.filter((o) => o.object.kind === kind);
  if (found.length !== 1) throw new BootstrapPlanError(`${where} must hold exactly one ${kind}; it holds ${found.length}: generate the bundle again.`);
  return found[0]!;
}

/**
 * The stages of the bootstrap from the bundle's files (paths relative to the site folder,
 * gitops/…; other files are ignored). Throws BootstrapPlanError when the bootstrap folder is
 * incomplete.
 */
export function planBootstrap(files: readonly GeneratedFile[]): BootstrapPlan {
  const byPath = new Map(files.filter((f) => f.path.startsWith(GITOPS) && /\.ya?ml$/.test(f.path)).map((f) => [f.path, f]));
  const objectsOf = (path: string) => {
    const file = byPath.get(path);
    return file ? parseFile(file) : [];
  };
  for (const required of ['01-gitops-operator.yaml', ...ROOT_FILES]) {
    if (!byPath.has(BOOTSTRAP + required)) throw new BootstrapPlanError(`The bundle has no ${BOOTSTRAP}${required}: generate the bundle again.`);
  }
  const operator = OPERATOR_FILES.flatMap((name) => objectsOf(BOOTSTRAP + name));
  const gitopsSubscription = refOf(single(objectsOf(BOOTSTRAP + '01-gitops-operator.yaml'), 'Subscription', `${BOOTSTRAP}01-gitops-operator.yaml`).object);
  const argocdSettings = objectsOf(ARGOCD_FOLDER + 'argocd-instance.yaml');
  if (argocdSettings.length === 0) throw new BootstrapPlanError(`The bundle has no ${ARGOCD_FOLDER}argocd-instance.yaml: generate the bundle again.`);
  const argocdInstance = refOf(single(argocdSettings, 'ArgoCD', `${ARGOCD_FOLDER}argocd-instance.yaml`).object);
  const gitServerCa = objectsOf(ARGOCD_FOLDER + 'git-server-ca.yaml');
  const root = ROOT_FILES.flatMap((name) => objectsOf(BOOTSTRAP + name));
  const rootApplication = refOf(single(objectsOf(BOOTSTRAP + '04-root-application.yaml'), 'Application', `${BOOTSTRAP}04-root-application.yaml`).object);

  const applications: PlannedApplication[] = [];
  for (const [path] of [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!path.startsWith(GITOPS + 'apps/')) continue;
    for (const { object, file } of objectsOf(path)) {
      if (object.kind !== 'Application') continue;
      const folder = folderOf(object, file);
      const prefix = `${GITOPS}${folder}/`;
      const objects = [...byPath.keys()].filter((p) => p.startsWith(prefix)).sort().flatMap((p) => objectsOf(p));
      applications.push({ ref: refOf(object), wave: waveOf(object), folder, objects });
    }
  }
  const waves = [...new Set(applications.map((a) => a.wave))]
    .sort((a, b) => a - b)
    .map((wave) => ({ wave, applications: applications.filter((a) => a.wave === wave) }));
  return { operator, gitopsSubscription, argocdInstance, gitServerCa, argocdSettings, root, rootApplication, waves };
}
