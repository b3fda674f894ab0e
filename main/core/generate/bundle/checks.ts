// Checks on what is generated (issue 3 §4): every object against its CRD schema in strict
// mode (core kinds: metadata only), every NAD's CNI config, every NNCP's desiredState.
import { checkCniConfig, validateObject } from '../../crd';
import type { Site } from '../../site/schema';
import { day2NetworkState, checkNmState } from '../nmstate';
import type { GenerateIssue, GitopsDocument, K8sObject } from '../gitops';

function describe(doc: GitopsDocument, object: K8sObject): string {
  return `gitops/${doc.path}: ${object.kind} ${object.metadata?.name ?? '(no name)'}`;
}

/** Problems in the generated objects; empty for a correct generator on a valid plan. */
export function checkGenerated(site: Site, documents: readonly GitopsDocument[]): GenerateIssue[] {
  const issues: GenerateIssue[] = [];
  const states = new Map<string, unknown>(site.nodes.map((node) => [node.hostname, day2NetworkState(site, node)]));
  for (const doc of documents) {
    for (const object of doc.objects) {
      const where = describe(doc, object);
      for (const error of validateObject(object, { strict: true }).errors) {
        issues.push({ id: 'generate.schema-invalid', severity: 'error', path: '', message: `${where} ${error.path}: ${error.message}` });
      }
      if (object.kind === 'NetworkAttachmentDefinition') {
        for (const error of checkCniConfig(object, { site, states })) {
          issues.push({ id: 'generate.cni-invalid', severity: 'error', path: '', message: `${where} ${error.path}: ${error.message}` });
        }
      }
      if (object.kind === 'NodeNetworkConfigurationPolicy') {
        const spec = object.spec as { nodeSelector?: Record<string, string>; desiredState?: unknown };
        const node = site.nodes.find((n) => n.hostname === spec.nodeSelector?.['kubernetes.io/hostname']);
        for (const issue of checkNmState(spec.desiredState, { site, ...(node ? { node } : {}) })) {
          issues.push({
            id: 'generate.nmstate-invalid',
            severity: issue.severity,
            path: '',
            message: `${where} /spec/desiredState${issue.path}: ${issue.message}`,
          });
        }
      }
    }
  }
  return issues;
}
