// The wizard: steps on the left, the current step in the middle, every finding a click away
// on the right; site actions (open, new, save, undo, redo) in the masthead.
import {
  Alert,
  AlertActionCloseButton,
  AlertActionLink,
  Bullseye,
  Button,
  Content,
  Drawer,
  DrawerActions,
  DrawerCloseButton,
  DrawerContent,
  DrawerContentBody,
  DrawerHead,
  DrawerPanelBody,
  DrawerPanelContent,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Label,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { AppMode } from '../../main/contract/api';
import { STEPS, STEP_TITLES, type Step } from '../../main/core/validation/finding';
import { onShortcut } from './wizard/shortcuts';
import { onWindowKeyDown, printPage, type Api } from './api/client';
import { FindingsPanel } from './components/FindingsPanel';
import { AppMasthead } from './components/Masthead';
import { OkIcon, SeverityIcon, plural } from './components/icons';
import { createClusterSlot } from './steps/cluster/cluster-slot';
import { createDiscoverStore } from './steps/discover/discover-store';
import { createExportStore } from './steps/export/export-store';
import { appBundleFact, appReadiness } from './store/readiness';
import type { SiteStore } from './store/site-store';
import { WizardContext, type WizardContextValue } from './wizard/fields';
import { isWithin } from './wizard/pointer';
import { SiteDialogs } from './wizard/SiteDialogs';
import { StepNav } from './wizard/StepNav';
import { useStepListToggle } from './wizard/step-list-toggle';
import { showStepTop } from './wizard/step-top';
import { stepStatuses } from './wizard/step-status';
import { STEP_PURPOSE, renderStep } from './wizard/steps';

function StatusLine({ errors, warnings, status }: { errors: number; warnings: number; status: string }) {
  if (status === 'unusable') {
    return (
      <span className="sk-status sk-status--bad" data-testid="summary">
        <SeverityIcon severity="error" /> The plan cannot be read
      </span>
    );
  }
  if (errors > 0) {
    return (
      <span className="sk-status sk-status--bad" data-testid="summary">
        <SeverityIcon severity="error" /> {plural(errors, 'error')}
        {warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''} to fix
      </span>
    );
  }
  return (
    <span className="sk-status sk-status--good" data-testid="summary">
      <OkIcon /> No errors{warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}
    </span>
  );
}

/** Finds the registered field for a pointer: itself, else the nearest enclosing or first inner field. */
function fieldFor(fields: Map<string, HTMLElement>, path: string): HTMLElement | undefined {
  const exact = fields.get(path);
  if (exact) return exact;
  let best: [string, HTMLElement] | undefined;
  for (const entry of fields) {
    if (isWithin(path, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  if (best) return best[1];
  for (const entry of fields) if (isWithin(entry[0], path)) return entry[1];
  return undefined;
}

export function App({ store, api, transport }: { store: SiteStore; api: Api; transport: AppMode }) {
  const state = useStore(store);
  const [discover] = useState(() => createDiscoverStore(api));
  const [exporter] = useState(() => createExportStore(api));
  // The Cluster step's store is loaded when the step first opens; its mark reads the slot.
  const [cluster] = useState(() => createClusterSlot(api));
  const clusterMark = useStore(cluster.mark);
  const clusterSite = state.readOnly ? undefined : state.path;
  // The mark is the open site's only: another site's verification says nothing about this one.
  const verified = clusterMark.sitePath !== undefined && clusterMark.sitePath === clusterSite ? clusterMark.verified : undefined;
  useEffect(() => cluster.siteChanged(clusterSite), [cluster, clusterSite]);
  // What the readiness checklist needs of the export step (names of stored secrets, never values).
  const secretNames = useStore(exporter, (s) => s.secretNames);
  const secretsProblem = useStore(exporter, (s) => s.secretsProblem);
  const writeResult = useStore(exporter, (s) => s.writeResult);
  const writtenPlan = useStore(exporter, (s) => s.writtenPlan);
  const exportResult = useStore(exporter, (s) => s.exportResult);
  const exportedPlan = useStore(exporter, (s) => s.exportedPlan);
  // The findings panel starts open when there is something to read, and then stays as the technician leaves it.
  const [findingsChoice, setFindingsOpen] = useState<boolean | undefined>(undefined);
  const fields = useRef(new Map<string, HTMLElement>());
  const main = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void store.getState().start();
  }, [store]);

  const context = useMemo<WizardContextValue>(
    () => ({
      store,
      registerField(path, element) {
        if (element) fields.current.set(path, element);
        else fields.current.delete(path);
      },
    }),
    [store],
  );

  const hasFindings = (state.doc?.findings.length ?? 0) > 0;
  // Decided once, when the first plan arrives: the panel must not open and close under the
  // technician's hands as findings come and go while typing.
  useEffect(() => {
    if (findingsChoice === undefined && state.doc) setFindingsOpen(hasFindings);
  }, [findingsChoice, state.doc, hasFindings]);
  const findingsOpen = findingsChoice ?? hasFindings;
  const { info, doc, lastSite, error, notice, step, focus, recovery, readOnly, text, savedText } = state;

  // A finding's field is brought into view once its step has rendered; any other step change
  // starts at the step's heading, for keyboard and screen-reader users.
  const handledFocus = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (focus && handledFocus.current !== focus.seq) {
      handledFocus.current = focus.seq;
      const el = fieldFor(fields.current, focus.path);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus({ preventScroll: true });
        el.classList.add('sk-flash');
        const t = setTimeout(() => el.classList.remove('sk-flash'), 1600);
        return () => {
          clearTimeout(t);
          el.classList.remove('sk-flash');
        };
      }
    }
    showStepTop(main.current);
    return undefined;
  }, [focus, step]);

  const site = doc?.site ?? lastSite;
  const dirty = text !== savedText || readOnly;
  const readinessInput = useMemo(
    () => ({
      doc,
      inventories: state.inventories,
      savedText,
      dirty,
      exporter: { secretNames, secretsProblem, writeResult, writtenPlan, exportResult, exportedPlan },
    }),
    [doc, state.inventories, savedText, dirty, secretNames, secretsProblem, writeResult, writtenPlan, exportResult, exportedPlan],
  );
  const readiness = useMemo(() => appReadiness(readinessInput), [readinessInput]);
  const bundle = useMemo(() => appBundleFact(readinessInput), [readinessInput]);
  const statuses = useMemo(
    () =>
      stepStatuses({
        findings: doc?.findings ?? [],
        nodes: site?.nodes.map((n) => n.hostname) ?? [],
        inventories: state.inventories,
        unreadable: doc?.status === 'unusable',
        generated: bundle.written,
        forced: bundle.written && bundle.forced,
        ...(verified ? { verified } : {}),
      }),
    [doc, site, state.inventories, bundle, verified],
  );
  // The saved plan a write or export is made from; the secret store's names on each visit of
  // the steps that show the checklist (a secret may have been stored in another step).
  useEffect(() => exporter.getState().setPlan(savedText), [exporter, savedText]);
  useEffect(() => {
    if (step === 'validate' || step === 'export') void exporter.getState().loadSecretNames();
  }, [exporter, step]);

  const index = STEPS.indexOf(step);
  const go = useCallback((s: Step) => store.getState().goTo(s), [store]);
  const stepList = useStepListToggle();
  const { narrow: listOver, open: listOpen, closeIfOver: closeListIfOver } = stepList;
  // Choosing a step in the list that lies over the step closes it, so the step is seen.
  const choose = useCallback(
    (s: Step) => {
      closeListIfOver();
      go(s);
    },
    [closeListIfOver, go],
  );
  // Opened over the step, the list takes the focus on the current step; Escape gives it back.
  useEffect(() => {
    if (listOver && listOpen) document.querySelector<HTMLElement>('#page-sidebar [aria-current="page"]')?.focus();
  }, [listOver, listOpen]);
  const onSidebarKeyDown = useCallback(
    (e: ReactKeyboardEvent) => {
      if (e.key !== 'Escape' || !listOver) return;
      closeListIfOver();
      document.getElementById('step-list-toggle')?.focus();
    },
    [listOver, closeListIfOver],
  );
  const onSave = useCallback(() => store.getState().save(), [store]);

  // Shortcuts work wherever the focus is (also when it is on nothing).
  useEffect(() => onWindowKeyDown((e) => onShortcut(e, store)), [store]);

  const toggleFindings = useCallback(() => setFindingsOpen(!findingsOpen), [findingsOpen]);
  const masthead = (
    <AppMasthead
      info={info}
      transport={transport}
      store={store}
      findingsOpen={findingsOpen}
      onToggleFindings={toggleFindings}
      {...(doc ? { stepsOpen: listOpen, onToggleSteps: stepList.toggle } : {})}
    />
  );

  if (!doc) {
    return (
      <Page masthead={masthead} isContentFilled>
        <PageSection isFilled>
          {error ? (
            <Alert variant="danger" title="Sitekit could not open the site" data-testid="start-error">
              <p>{error}</p>
              <p>
                <Button variant="link" isInline onClick={() => void state.start()}>
                  Try again
                </Button>{' '}
                <Button variant="link" isInline onClick={() => void state.openExample()}>
                  Open the example instead
                </Button>
              </p>
            </Alert>
          ) : (
            <Bullseye>
              <EmptyState titleText="Opening the site…" headingLevel="h2" icon={Spinner}>
                <EmptyStateBody>Reading the plan and checking it.</EmptyStateBody>
              </EmptyState>
            </Bullseye>
          )}
        </PageSection>
        <SiteDialogs store={store} />
      </Page>
    );
  }

  const findingsPanel = (
    <DrawerPanelContent widths={{ default: 'width_25' }} minSize="300px" isResizable data-testid="findings-drawer">
      <DrawerHead>
        <Title headingLevel="h2" size="lg">
          All findings
        </Title>
        <DrawerActions>
          <DrawerCloseButton onClick={() => setFindingsOpen(false)} />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        <FindingsPanel doc={doc} outdated={state.checking} plain onSelect={(p) => store.getState().focusField(p)} />
      </DrawerPanelBody>
    </DrawerPanelContent>
  );

  const sidebar = (
    <PageSidebar isSidebarOpen={listOpen} onKeyDown={onSidebarKeyDown}>
      <PageSidebarBody>
        <StepNav current={step} statuses={statuses} onSelect={choose} />
        <Content component="small" className="sk-shortcuts">
          Alt+PageDown / Alt+PageUp: next / previous step. Ctrl+S: save. Ctrl+Z / Ctrl+Shift+Z: undo / redo.
        </Content>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <WizardContext value={context}>
      <div className="sk-app">
        <Page masthead={masthead} sidebar={sidebar} isContentFilled onPageResize={stepList.onPageResize}>
          <Drawer isExpanded={findingsOpen && step !== 'validate'} isInline position="end" onMouseDown={closeListIfOver}>
            <DrawerContent panelContent={findingsPanel}>
              <DrawerContentBody>
                <PageSection variant="secondary" className="sk-heading" aria-label="Site">
                  <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsFlexEnd' }}>
                    <FlexItem>
                      <Content component="small" className="sk-eyebrow">
                        {site?.metadata.name ?? 'Unreadable plan'}
                        {readOnly && (
                          <Label isCompact color="grey" className="sk-inline-label">
                            Bundled example (read-only)
                          </Label>
                        )}
                      </Content>
                      <Title headingLevel="h1" size="2xl" data-testid="step-title" tabIndex={-1} ref={main}>
                        {index + 1}. {STEP_TITLES[step]}
                      </Title>
                      <Content component="p" className="sk-subtitle">
                        {STEP_PURPOSE[step]}
                      </Content>
                    </FlexItem>
                    <FlexItem>
                      <StatusLine errors={doc.summary.errors} warnings={doc.summary.warnings} status={doc.status} />
                    </FlexItem>
                  </Flex>
                </PageSection>
                <PageSection isFilled data-testid="wizard-ready" data-step={step} data-checking={state.checking ? 'yes' : 'no'}>
                  {recovery && (
                    <Alert
                      variant="warning"
                      isInline
                      className="sk-gap"
                      data-testid="recovery"
                      title="Unsaved changes from your last session were found"
                      actionLinks={
                        <>
                          <AlertActionLink onClick={() => void state.restoreRecovery()} data-testid="recovery-restore">
                            Restore them
                          </AlertActionLink>
                          <AlertActionLink onClick={() => void state.discardRecovery()}>Throw them away</AlertActionLink>
                        </>
                      }
                    >
                      Sitekit kept them on {new Date(recovery.savedAt).toLocaleString()} when the app closed without saving.
                    </Alert>
                  )}
                  {error && (
                    <Alert
                      variant="danger"
                      isInline
                      title={error}
                      className="sk-gap"
                      data-testid="call-error"
                      actionClose={<AlertActionCloseButton onClose={state.dismissMessages} />}
                    />
                  )}
                  {notice && (
                    <Alert
                      variant="success"
                      isInline
                      title={notice}
                      className="sk-gap"
                      data-testid="notice"
                      actionClose={<AlertActionCloseButton onClose={state.dismissMessages} />}
                    />
                  )}
                  {doc.status === 'unusable' && step !== 'validate' && (
                    <Alert
                      variant="danger"
                      isInline
                      className="sk-gap"
                      title="The plan file cannot be read right now"
                      actionLinks={<AlertActionLink onClick={() => go('validate')}>Show the text</AlertActionLink>}
                    >
                      {doc.error} The forms show the file as it was before; fix the text first.
                    </Alert>
                  )}
                  {text !== savedText && !readOnly && state.autosavedAt && (
                    <span className="sk-autosaved" data-testid="autosaved">
                      Unsaved changes are kept safe (autosaved {new Date(state.autosavedAt).toLocaleTimeString()}).
                    </span>
                  )}
                  {renderStep(step, { api, state, discover, exporter, cluster, onSave, onPrint: printPage, readiness })}
                </PageSection>
                <PageSection variant="secondary" className="sk-footer" aria-label="Step navigation">
                  <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
                    <Button variant="secondary" isDisabled={index === 0} onClick={() => go(STEPS[index - 1]!)} data-testid="back">
                      Back
                    </Button>
                    <span className="sk-muted">
                      Step {index + 1} of {STEPS.length}: {statuses[step].label}
                    </span>
                    {index < STEPS.length - 1 ? (
                      <Button variant="primary" onClick={() => go(STEPS[index + 1]!)} data-testid="next">
                        Next: {STEP_TITLES[STEPS[index + 1]!]}
                      </Button>
                    ) : (
                      <span />
                    )}
                  </Flex>
                </PageSection>
              </DrawerContentBody>
            </DrawerContent>
          </Drawer>
        </Page>
        <SiteDialogs store={store} />
      </div>
    </WizardContext>
  );
}
