// A folder of a sites repository as a site might commit it, for the HA check of its manifests:
// one Deployment with a single replica (a warning at apps/historian.yaml:9) whose budget in
// another file can never be met (an error at apps/historian-pdb.yaml:7), a Helm template and a
// broken file (both left out, each named).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The Deployment of the Kubernetes documentation (kubernetes/website
// content/en/examples/controllers/nginx-deployment.yaml @ 3389c10e6a8eb36cadbfe89cdb28acd00b020388)
// with a namespace and one replica, as a site might commit it. `replicas: 1` is on line 9.
export const HISTORIAN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: historian
  namespace: plant-apps
  labels:
    app.kubernetes.io/name: historian
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: historian
  template:
    metadata:
      labels:
        app.kubernetes.io/name: historian
    spec:
      containers:
      - name: historian
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

// The PodDisruptionBudget of the Kubernetes documentation (kubernetes/website
// content/en/examples/policy/zookeeper-pod-disruption-budget-minavailable.yaml
// @ 55a786f130dbc992fb9fd18d15aad4ddba195ddf) for the historian: minAvailable 1 of 1 replica
// allows no eviction. `minAvailable: 1` is on line 7.
export const HISTORIAN_PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: historian
  namespace: plant-apps
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: historian
`;

/** The manifest files read from the folder. */
export const SITES_REPO_FILES = 4;

/** What the HA check says it left out of the folder (the parser notices the unclosed list at the end, line 4). */
export const SITES_REPO_SKIPPED = [
  'apps/broken.yaml:4: not readable as YAML (a template?)',
  'apps/chart/templates/deployment.yaml: a template (Helm or similar): render it first',
];

/** A new temporary folder with the files above; the caller removes it. */
export async function makeSitesRepo(parent?: string): Promise<string> {
  const dir = parent ? path.join(parent, 'sites-repo') : await mkdtemp(path.join(tmpdir(), 'sitekit-sites-repo-'));
  await mkdir(path.join(dir, 'apps', 'chart', 'templates'), { recursive: true });
  await writeFile(path.join(dir, 'apps', 'historian.yaml'), HISTORIAN_DEPLOYMENT);
  await writeFile(path.join(dir, 'apps', 'historian-pdb.yaml'), HISTORIAN_PDB);
  await writeFile(path.join(dir, 'apps', 'chart', 'templates', 'deployment.yaml'), 'kind: Deployment\nspec:\n  replicas: {{ .Values.replicas }}\n');
  await writeFile(path.join(dir, 'apps', 'broken.yaml'), 'kind: Deployment\nmetadata:\n  name: [unclosed\n');
  return dir;
}
