// What each wizard step shows: its one-line purpose and its content (DESIGN.md §3).
import type { ReactNode } from 'react';
import type { Step } from '../../../main/core/validation/finding';
import type { Api } from '../api/client';
import { DiscoverStep } from '../steps/discover/DiscoverStep';
import type { DiscoverStore } from '../steps/discover/discover-store';
import { DisksStep } from '../steps/disks/DisksStep';
import { ExportStep } from '../steps/export/ExportStep';
import type { ExportStore } from '../steps/export/export-store';
import { GitOpsStep } from '../steps/gitops/GitOpsStep';
import { NetworksStep } from '../steps/networks/NetworksStep';
import { NodesStep } from '../steps/nodes/NodesStep';
import { SiteStep } from '../steps/site/SiteStep';
import { StorageStep } from '../steps/storage/StorageStep';
import { ValidateStep } from '../steps/validate/ValidateStep';
import type { SiteState } from '../store/site-store';

export const STEP_PURPOSE: Record<Step, string> = {
  site: 'Names, addresses and services of the cluster: what the installer and DNS need.',
  nodes: 'The three servers: their names, how to reach them over SSH, their BMCs and where they stand.',
  discover: 'Read the real hardware of every node over SSH (read-only) and fill the plan from it.',
  networks: 'Which VLANs and subnets the site uses, and which cable carries which network on every node.',
  disks: 'The boot disk and the disks ODF will wipe and use, per node, with the capacity they give.',
  storage: 'How ODF spreads copies (failure domain) and which networks virtual machines use.',
  gitops: 'Where the site lives in Git and which add-ons the cluster gets.',
  validate: 'Everything the checks found, by step. Click one to go to its field. The plan as text is on the right.',
  export: 'Preview the manifests, write the bundle, commit it to the site branch and print the handover report.',
};

export interface StepContext {
  api: Api;
  state: SiteState;
  discover: DiscoverStore;
  exporter: ExportStore;
  onSave(): Promise<string | undefined>;
  onPrint(): void;
}

export function renderStep(step: Step, ctx: StepContext): ReactNode {
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
        />
      );
    case 'networks':
      return <NetworksStep onPrint={ctx.onPrint} />;
    case 'disks':
      return <DisksStep />;
    case 'storage':
      return <StorageStep />;
    case 'gitops':
      return <GitOpsStep />;
    case 'validate':
      return <ValidateStep />;
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
        />
      );
  }
}
