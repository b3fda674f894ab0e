// Wizard step 3, Discover (DESIGN.md §3): SSH to every node at once, collect hardware facts
// read-only, pin host keys, then review what the plan can be filled with.
import './discover.css';
import { Alert, AlertActionCloseButton, Button, Card, CardBody, CardHeader, CardTitle, Checkbox, Content, Gallery, Spinner, Title } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { InventoryView, SaveResult } from '../../../../main/contract/api';
import type { Site } from '../../../../main/core/site/schema';
import type { Api } from '../../api/client';
import { plural } from '../../components/icons';
import { SecretQuestion } from '../../components/SecretQuestion';
import { ConnectionSettings } from './ConnectionSettings';
import { HardwareFindings } from './HardwareFindings';
import { NodeCard, sshTarget } from './NodeProgress';
import { PlantServices } from './PlantServices';
import { Proposals } from './Proposals';
import { createDiscoverStore, trustableNodes, type DiscoverStore } from './discover-store';
import { formatDuration } from './words';

export interface DiscoverStepProps {
  api: Api;
  /** Created once by the wizard so results survive step switches. */
  store?: DiscoverStore;
  /** Undefined while the plan is only in memory (read-only example). */
  sitePath?: string;
  /** Parsed plan: node hostnames and SSH hosts/users. */
  site?: Site;
  /** Unsaved edits: the probe reads the saved file. */
  dirty: boolean;
  /** Saves (asking where if needed); resolves to the path or undefined. */
  onSave(): Promise<string | undefined>;
  /** After applyProposals wrote the file: the wizard reloads it. */
  onSiteReplaced(doc: SaveResult): void;
  /** After a probe: the wizard reloads inventories for Networks/Disks. */
  onInventoriesChanged(): void;
  /** The stored inventories (the wizard's): the plant services each node saw. */
  inventories?: readonly InventoryView[];
}

/** Said next to the disk test's checkbox, before it runs: what it writes, where. */
export const DISK_SPEED_WARNING =
  'Writes test data over the first 22 MiB of each node’s install disk (the disk the boot hint selects), as the Assisted Installer ' +
  'does, then writes zeros over the first 23 MiB. Only on a disk whose first 23 MiB read as zeros and that has no partitions, file ' +
  'system or other signature: otherwise it refuses and writes nothing. ' +
  'Everything else stays read-only.';

/** The current time, ticking while `active`. */
function useNow(active: boolean, everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}

/** Why discovery cannot start now, in words; undefined when it can. */
export function runBlocker(sitePath: string | undefined, dirty: boolean, site: Site | undefined): string | undefined {
  if (!sitePath) return 'This plan is not saved in a site folder yet (the example is read-only). Save it as your own site first: discovery reads the saved file and keeps its results next to it.';
  if (dirty) return 'You have unsaved edits. Discovery reads the saved file, so save first.';
  if (site && site.nodes.length === 0) return 'The plan has no nodes yet. Add them in the Nodes step.';
  return undefined;
}

export function DiscoverStep({ api, store: given, sitePath, site, dirty, onSave, onSiteReplaced, onInventoriesChanged, inventories = [] }: DiscoverStepProps) {
  const [own] = useState(() => given ?? createDiscoverStore(api));
  const store = given ?? own;
  const s = useStore(store);
  const now = useNow(s.running);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    store.getState().forSite(sitePath);
  }, [store, sitePath]);
  useEffect(() => {
    if (!store.getState().secrets.loaded) void store.getState().loadSecrets();
  }, [store]);

  const planned = site?.nodes.map((n) => n.hostname) ?? [];
  const hostnames = [...planned, ...s.results.map((r) => r.node).filter((n) => !planned.includes(n))];
  const blocker = runBlocker(sitePath, dirty, site);
  const busy = s.running || s.applying;
  const resultOf = (node: string) => s.results.find((r) => r.node === node);
  const trustable = trustableNodes(s.results, s.runViaJump).filter((r) => s.progress[r.node]?.phase === 'failed');
  const done = s.runNodes.filter((n) => s.progress[n]?.phase === 'done' || s.progress[n]?.phase === 'failed').length;
  const probedOnce = s.results.length > 0;
  const okCount = s.results.filter((r) => r.status === 'ok').length;

  const save = async () => {
    setSaving(true);
    try {
      await onSave();
    } finally {
      setSaving(false);
    }
  };
  const after = (answer: unknown) => {
    if (answer) onInventoriesChanged();
  };
  const runAll = async () => {
    if (!sitePath || blocker) return;
    after(await store.getState().run(sitePath, { expected: planned }));
  };
  const runNodes = async (nodes: string[]) => {
    if (!sitePath || blocker) return;
    after(await store.getState().run(sitePath, { nodes }));
  };
  const trust = async (nodes: string[]) => {
    if (!sitePath || blocker) return;
    after(await store.getState().trust(sitePath, nodes));
  };
  const confirmPassword = async () => {
    if (!sitePath || blocker) return;
    after(await store.getState().confirmPassword());
  };
  const apply = async (ids: string[]) => {
    if (!sitePath || blocker) return;
    const doc = await store.getState().apply(sitePath, ids);
    if (doc) onSiteReplaced(doc);
  };

  return (
    <div className="sk-discover" data-testid="discover-step">
      <Title headingLevel="h1" size="xl">
        Discover the hardware
      </Title>
      <Content component="p" className="sk-discover__intro">
        Sitekit connects to each node over SSH, all at the same time, and runs a read-only script that lists its processors, memory,
        network cards and cabling (LLDP), disks and clock, and asks the plant’s DNS servers, registry, time servers and gateway from
        each node. It changes nothing on the nodes. The first time it meets a node it shows you the node’s key fingerprint to
        confirm; afterwards it stops if that key ever changes.
      </Content>

      {s.error && (
        <Alert
          isInline
          variant="danger"
          title="Something went wrong"
          actionClose={<AlertActionCloseButton onClose={() => store.getState().dismissMessages()} />}
          className="sk-gap"
          data-testid="discover-error"
        >
          {s.error}
        </Alert>
      )}
      {s.passwordQuestion && (
        <SecretQuestion
          title="Send the stored SSH password to these nodes?"
          testid="discover-password"
          confirmLabel={`Use the password for ${s.passwordQuestion.targets.length === 1 ? 'this node' : 'these nodes'}`}
          confirmDisabled={busy}
          onConfirm={() => void confirmPassword()}
          onCancel={() => store.getState().cancelPasswordQuestion()}
        >
          {s.passwordQuestion.message}
        </SecretQuestion>
      )}
      {s.notice && !s.error && (
        <Alert
          isInline
          isPlain
          variant="success"
          title={s.notice}
          actionClose={<AlertActionCloseButton onClose={() => store.getState().dismissMessages()} />}
          className="sk-gap"
          data-testid="discover-notice"
        />
      )}

      <Card className="sk-gap">
        <CardHeader>
          <CardTitle component="h2">How to log in to the nodes</CardTitle>
        </CardHeader>
        <CardBody>
          <ConnectionSettings
            settings={s.settings}
            secrets={s.secrets}
            {...(s.savingSecret ? { savingSecret: s.savingSecret } : {})}
            disabled={s.running}
            onChange={(patch) => store.getState().setSettings(patch)}
            onStoreSecret={(name, value) => store.getState().storeSecret(name, value)}
            onForgetSecret={(name) => void store.getState().forgetSecret(name)}
            plainTextAgreed={s.plainTextAgreed}
            onAgreePlainText={(name, agreed) => store.getState().agreePlainText(name, agreed)}
          />
        </CardBody>
      </Card>

      <Checkbox
        id="sk-discover-disk-speed"
        className="sk-gap sk-discover__disk-speed"
        label="Also measure the install disk’s write speed (writes to the disk)"
        description={DISK_SPEED_WARNING}
        isChecked={s.diskSpeed}
        isDisabled={s.running}
        onChange={(_e, on) => store.getState().setDiskSpeed(on)}
        data-testid="discover-disk-speed"
      />

      <div className="sk-discover__run sk-gap">
        <Button
          variant="primary"
          size="lg"
          isDisabled={blocker !== undefined || busy}
          isLoading={s.running}
          onClick={() => void runAll()}
          data-testid="discover-run"
        >
          {s.running ? 'Discovering…' : probedOnce ? 'Discover hardware again' : 'Discover hardware'}
          {!s.running && s.diskSpeed ? ' and test the disks' : ''}
        </Button>
        {s.running && s.runStartedAt !== undefined && (
          <span className="sk-discover__running" data-testid="discover-running">
            <Spinner size="md" aria-label="Discovering" /> {done} of {plural(s.runNodes.length, 'node')} finished ·{' '}
            {formatDuration(now - s.runStartedAt)}
          </span>
        )}
        {!s.running && probedOnce && s.runStartedAt !== undefined && s.runEndedAt !== undefined && (
          <span className="sk-muted" data-testid="discover-summary">
            {okCount} of {plural(s.results.length, 'node')} discovered · last run took {formatDuration(s.runEndedAt - s.runStartedAt)}
          </span>
        )}
      </div>
      {blocker && (
        <Alert
          isInline
          variant="info"
          title={!sitePath ? 'Save the plan first' : dirty ? 'Save your edits first' : 'Nothing to discover'}
          className="sk-gap"
          data-testid="discover-blocked"
          actionLinks={
            (!sitePath || dirty) && (
              <Button variant="primary" size="sm" isLoading={saving} isDisabled={saving || busy} onClick={() => void save()} data-testid="discover-save">
                Save first
              </Button>
            )
          }
        >
          {blocker}
        </Alert>
      )}

      {trustable.length > 0 && (
        <Alert
          isInline
          variant="warning"
          title={`${plural(trustable.length, 'node')} ${trustable.length === 1 ? 'shows' : 'show'} a key Sitekit has not seen before`}
          className="sk-gap"
          data-testid="discover-hostkeys"
          actionLinks={
            <Button
              variant="secondary"
              size="sm"
              isDisabled={busy || blocker !== undefined}
              onClick={() => void trust(trustable.map((r) => r.node))}
              data-testid="discover-trust-all"
            >
              Trust all shown ({trustable.length})
            </Button>
          }
        >
          Compare each fingerprint below with the one on the node’s console, then trust it. Sitekit connects to those nodes again and
          remembers their keys.
        </Alert>
      )}

      <Gallery hasGutter minWidths={{ default: '18rem' }} className="sk-gap" data-testid="discover-nodes">
        {hostnames.map((hostname) => {
          const target = sshTarget(site, hostname);
          const row = s.progress[hostname];
          const result = resultOf(hostname);
          const trusted = s.trusted[hostname];
          const stored = inventories.find((inv) => inv.node === hostname);
          return (
            <NodeCard
              key={hostname}
              hostname={hostname}
              {...(target ? { target } : {})}
              {...(row ? { row } : {})}
              {...(result ? { result } : {})}
              {...(sitePath ? { sitePath } : {})}
              {...(trusted ? { trustedFingerprint: trusted } : {})}
              {...(stored ? { discoveredAt: { at: stored.collectedAt, source: stored.source } } : {})}
              now={now}
              viaJump={s.runViaJump}
              busy={busy}
              canRun={blocker === undefined}
              onTrust={(node) => void trust([node])}
              onRetry={(node) => void runNodes([node])}
            />
          );
        })}
      </Gallery>

      {site && !s.running && (
        <div className="sk-gap">
          <PlantServices site={site} inventories={inventories} hostnames={planned} />
        </div>
      )}

      {probedOnce && !s.running && okCount === 0 && (
        <Content component="p" className="sk-muted" data-testid="discover-nothing-read">
          No hardware has been read yet, so there is nothing to check or fill in. Connect to at least one node first.
        </Content>
      )}
      {probedOnce && !s.running && okCount > 0 && (
        <div className="sk-discover__review">
          <HardwareFindings findings={s.findings} hostnames={planned} />
          <Proposals
            proposals={s.proposals}
            selected={s.selected}
            hostnames={planned}
            {...(s.applied ? { applied: s.applied } : {})}
            applying={s.applying}
            {...(!sitePath
              ? { blocked: 'Save the plan as your own site first.' }
              : dirty
                ? { blocked: 'Save your edits first: applying writes the saved file, and unsaved edits would be lost.' }
                : {})}
            onToggle={(id, on) => store.getState().toggle(id, on)}
            onSelect={(ids) => store.getState().select(ids)}
            onApply={(ids) => void apply(ids)}
          />
        </div>
      )}
    </div>
  );
}
