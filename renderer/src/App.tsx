import {
  Alert,
  AlertActionCloseButton,
  Bullseye,
  Button,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Grid,
  GridItem,
  Label,
  Page,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { AppMode } from '../../main/contract/api';
import { Editor, type EditorHandle } from './components/Editor';
import { FindingsPanel } from './components/FindingsPanel';
import { AppMasthead } from './components/Masthead';
import { NetworksCard, NodesCard, SiteCard } from './components/SiteCards';
import { OkIcon, SeverityIcon, plural } from './components/icons';
import type { SiteStore } from './store/site-store';

function StatusLine({ errors, warnings, status }: { errors: number; warnings: number; status: string }) {
  if (status === 'unusable') {
    return (
      <span className="sk-status sk-status--bad" data-testid="summary">
        <SeverityIcon severity="error" /> The text cannot be read
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

export function App({ store, transport }: { store: SiteStore; transport: AppMode }) {
  const state = useStore(store);
  const editor = useRef<EditorHandle>(null);

  useEffect(() => {
    void store.getState().start();
  }, [store]);

  const { info, doc, draft, checkedText, savedText, lastSite, phase, error, notice } = state;
  const site = doc?.site ?? lastSite;
  const busy = phase !== 'idle';

  let body: React.ReactNode;
  if (!doc) {
    body = (
      <PageSection isFilled>
        {error ? (
          <Alert variant="danger" title="Sitekit could not open the site" data-testid="start-error">
            <p>{error}</p>
            <p>
              <Button variant="link" isInline onClick={() => void state.start()}>
                Try again
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
    );
  } else {
    body = (
      <>
        <PageSection variant="secondary" className="sk-heading" aria-label="Site">
          <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsFlexEnd' }}>
            <FlexItem>
              <Content component="small" className="sk-eyebrow">
                Site plan
              </Content>
              <Title headingLevel="h1" size="2xl" data-testid="site-name">
                {site?.metadata.name ?? 'Unreadable plan'}
              </Title>
              <Content component="p" className="sk-subtitle">
                {site?.metadata.location ?? ''}
                {doc.readOnly && (
                  <Label isCompact color="grey" className="sk-inline-label">
                    Bundled example
                  </Label>
                )}
              </Content>
            </FlexItem>
            <FlexItem>
              <StatusLine errors={doc.summary.errors} warnings={doc.summary.warnings} status={doc.status} />
            </FlexItem>
          </Flex>
        </PageSection>
        <PageSection isFilled>
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
              actionClose={<AlertActionCloseButton onClose={state.dismissMessages} />}
            />
          )}
          {!doc.site && lastSite && (
            <Alert
              variant="warning"
              isInline
              isPlain
              className="sk-gap"
              title="The cards show the last readable version of the plan until the text can be read again."
            />
          )}
          <Grid hasGutter>
            {site && (
              <>
                <GridItem xl={4} lg={6}>
                  <SiteCard site={site} />
                </GridItem>
                <GridItem xl={3} lg={6}>
                  <NodesCard site={site} findings={doc.findings} />
                </GridItem>
                <GridItem xl={5} lg={12}>
                  <NetworksCard site={site} findings={doc.findings} />
                </GridItem>
              </>
            )}
            <GridItem xl={5} lg={12}>
              <FindingsPanel
                doc={doc}
                outdated={draft !== checkedText}
                onShowLine={(line) => editor.current?.showLine(line)}
              />
            </GridItem>
            <GridItem xl={7} lg={12}>
              <Editor
                ref={editor}
                text={draft}
                path={state.path}
                readOnly={state.readOnly}
                unchecked={draft !== checkedText}
                unsaved={draft !== savedText}
                busy={busy}
                onChange={state.setDraft}
                onCheck={() => void state.check()}
                onRevert={() => void state.revert()}
                onSave={(path) => void state.save(path)}
              />
            </GridItem>
          </Grid>
        </PageSection>
      </>
    );
  }

  return (
    <Page masthead={<AppMasthead info={info} transport={transport} />} isContentFilled>
      {body}
    </Page>
  );
}
