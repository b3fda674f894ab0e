// What the bundle's Argo CD Sync hooks change on objects the bundle cannot own (issue 13 §4:
// "objects Argo CD does not manage that the bundle created"): the labels the node-labels Job
// puts on each Node (`oc label node <host> k=v … --overwrite`) and the plugin the console Job
// adds to consoles.operator.openshift.io/cluster spec.plugins (a list other operators add to,
// so only "contains it" is checked). Read from the hook Jobs themselves, so the drift check
// needs nothing but the bundle (core/generate/gitops/odf.ts, odf-console.ts write them).
import type { KubeObject } from '../client';
import type { BundleObject } from './bundle-objects';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function containersOf(job: KubeObject): { name?: string; command: string[]; args: string[] }[] {
  const template = isRecord(job.spec) && isRecord(job.spec.template) ? job.spec.template : {};
  const pod = isRecord(template.spec) ? template.spec : {};
  return (Array.isArray(pod.containers) ? pod.containers : []).filter(isRecord).map((c) => ({
    name: typeof c.name === 'string' ? c.name : undefined,
    command: Array.isArray(c.command) ? c.command.map(String) : [],
    args: Array.isArray(c.args) ? c.args.map(String) : [],
  }));
}

/** `oc label node <host> k=v … --overwrite` → the Node with those labels. */
function nodeLabelEffect(args: string[]): KubeObject | undefined {
  if (args[0] !== 'label' || args[1] !== 'node' || !args[2]) return undefined;
  const labels: Record<string, string> = {};
  for (const arg of args.slice(3)) {
    const at = arg.indexOf('=');
    if (!arg.startsWith('-') && at > 0) labels[arg.slice(0, at)] = arg.slice(at + 1);
  }
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: args[2], labels } };
}

/** The console Job's script is run as `enable-console-plugin` with the plugin as its argument. */
function consolePluginEffect(command: string[], args: string[]): KubeObject | undefined {
  if (command.at(-1) !== 'enable-console-plugin' || !args[0]) return undefined;
  return { apiVersion: 'operator.openshift.io/v1', kind: 'Console', metadata: { name: 'cluster' }, spec: { plugins: [args[0]] } };
}

export function hookEffects(objects: readonly BundleObject[]): BundleObject[] {
  const effects: BundleObject[] = [];
  for (const { file, object } of objects) {
    if (object.kind !== 'Job' || !object.metadata.annotations?.['argocd.argoproj.io/hook']) continue;
    const madeBy = `the Sync hook Job ${object.metadata.name}`;
    for (const { command, args } of containersOf(object)) {
      const node = command[0] === 'oc' ? nodeLabelEffect(args) : undefined;
      if (node) effects.push({ file, object: node, effect: { madeBy } });
      const console = consolePluginEffect(command, args);
      if (console) effects.push({ file, object: console, effect: { madeBy, listsContain: true } });
    }
  }
  return effects;
}
