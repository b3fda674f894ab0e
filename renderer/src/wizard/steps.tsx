// What each wizard step shows: its one-line purpose and its content (DESIGN.md §3).
import { lazy, memo, Suspense, type ComponentType, type ReactNode } from 'react';
import { Bullseye, Spinner } from '@patternfly/react-core';
import type { Readiness } from '../../../main/core/readiness';
import type { Step } from '../../../main/core/validation/finding';
import type { Api } from '../api/client';
import type { ClusterSlot } from '../steps/cluster/cluster-slot';
import type { DiscoverStore } from '../steps/discover/discover-store';
import type { ExportStore } from '../steps/export/export-store';
import type { SiteState } from '../store/site-store';

// Each step is its own chunk: the first screen loads only the shell and the Site step, the
// rest arrives from the app's own files when first opened (no network: it is all local).
// memo: a step re-renders for its own store subscriptions, not for every change of the shell.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function step<C extends ComponentType<any>>(load: () => Promise<C>) {
  return memo(lazy(async () => ({ default: await load() })));
}
const SiteStep = step(async () => (await import('../steps/site/SiteStep')).SiteStep);
const NodesStep = step(async () => (await import('../steps/nodes/NodesStep')).NodesStep);
const DiscoverStep = step(async () => (await import('../steps/discover/DiscoverStep')).DiscoverStep);
const NetworksStep = step(async () => (await import('../steps/networks/NetworksStep')).NetworksStep);
const DisksStep = step(async () => (await import('../steps/disks/DisksStep')).DisksStep);
const StorageStep = step(async () => (await import('../steps/storage/StorageStep')).StorageStep);
const GitOpsStep = step(async () => (await import('../steps/gitops/GitOpsStep')).GitOpsStep);
const ValidateStep = step(async () => (await import('../steps/validate/ValidateStep')).ValidateStep);
const ExportStep = step(async () => (await import('../steps/export/ExportStep')).ExportStep);
// The Cluster step's store comes with it: the slot creates it on the first visit, then keeps it.
const ClusterStep = step(async () => (await import('../steps/cluster/ClusterStep')).ClusterStepInSlot);

export const STEP_PURPOSE: Record<Step, string> = {
  site: 'Names, addresses and services of the cluster: what the installer and DNS need.',
  nodes: 'The three servers: their names, how to reach them over SSH, their BMCs and where they stand.',
  discover: 'Read the real hardware of every node over SSH (read-only) and fill the plan from it.',
  networks: 'Which VLANs and subnets the site uses, and which cable carries which network on every node.',
  disks: 'The boot disk, the disks ODF uses (and which of them to wipe), per node, with the capacity they give.',
  storage: 'How ODF spreads copies (failure domain) and which networks virtual machines use.',
  gitops: 'Where the site lives in Git and which add-ons the cluster gets.',
  validate: 'Everything the checks found, by step. Click one to go to its field. The plan as text is on the right.',
  export: 'Preview the manifests, write the bundle, commit it to the site branch and print the handover report.',
  cluster: 'Connect to the installed cluster, follow the install, bootstrap GitOps wave by wave and verify it for the handover.',
};

export interface StepContext {
  api: Api;
  state: SiteState;
  discover: DiscoverStore;
  exporter: ExportStore;
  /** The Cluster step's store, loaded when the step first opens. */
  cluster: ClusterSlot;
  onSave(): Promise<string | undefined>;
  onPrint(): void;
  /** The readiness checklist (App computes it); shown in Validate and Generate & export. */
  readiness?: Readiness;
}

const loading = (
  <Bullseye>
    <Spinner aria-label="Opening the step" />
  </Bullseye>
);

export function renderStep(current: Step, ctx: StepContext): ReactNode {
  return <Suspense fallback={loading}>{stepContent(current, ctx)}</Suspense>;
}

function stepContent(step: Step, ctx: StepContext): ReactNode {
  const { api, state } = ctx;
  const site = state.doc?.site ?? state.lastSite;
  const dirty = state.text !== state.savedText || state.readOnly;
  const sitePath = state.readOnly ? undefined : state.path;
  switch (step) {
    case 'site':
      return <SiteStep api={api} />;
    case 'nodes':
      return <NodesStep api={api} />;
    case 'discover':
      return (
        <DiscoverStep
          api={api}
          store={ctx.discover}
          sitePath={sitePath}
          site={site}
          dirty={dirty}
          onSave={ctx.onSave}
          onSiteReplaced={(doc) => state.siteReplaced(doc)}
          onInventoriesChanged={() => void state.loadInventories()}
          inventories={state.inventories}
        />
      );
    case 'networks':
      return <NetworksStep onPrint={ctx.onPrint} />;
    case 'disks':
      return <DisksStep />;
    case 'storage':
      return <StorageStep />;
    case 'gitops':
      return <GitOpsStep api={api} sitePath={sitePath} dirty={dirty} />;
    case 'validate':
      return <ValidateStep readiness={ctx.readiness} />;
    case 'export':
      return (
        <ExportStep
          api={api}
          store={ctx.exporter}
          sitePath={sitePath}
          site={site}
          errors={state.doc?.summary.errors ?? 0}
          dirty={dirty}
          onSave={ctx.onSave}
          onShowFindings={() => state.goTo('validate')}
          readiness={ctx.readiness}
        />
      );
    case 'cluster':
      return (
        <ClusterStep
          api={api}
          slot={ctx.cluster}
          sitePath={sitePath}
          site={site}
          dirty={dirty}
          onSave={ctx.onSave}
          onShowExport={() => state.goTo('export')}
        />
      );
  }
}
