import {
  Button,
  Divider,
  Dropdown,
  DropdownItem,
  DropdownList,
  Label,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  MenuToggle,
  PageToggleButton,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
  Tooltip,
} from '@patternfly/react-core';
import ListIcon from '@patternfly/react-icons/dist/esm/icons/list-icon';
import RedoIcon from '@patternfly/react-icons/dist/esm/icons/redo-icon';
import SaveIcon from '@patternfly/react-icons/dist/esm/icons/save-icon';
import ServerGroupIcon from '@patternfly/react-icons/dist/esm/icons/server-group-icon';
import UndoIcon from '@patternfly/react-icons/dist/esm/icons/undo-icon';
import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppInfo, AppMode } from '../../../main/contract/api';
import type { SiteStore } from '../store/site-store';

function SiteMenu({ store }: { store: SiteStore }) {
  const [open, setOpen] = useState(false);
  const recent = useStore(store, (s) => s.recent);
  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      toggle={(ref) => (
        <MenuToggle ref={ref} onClick={() => setOpen((o) => !o)} isExpanded={open} data-testid="site-menu">
          Site
        </MenuToggle>
      )}
      popperProps={{ position: 'left' }}
    >
      <DropdownList>
        <DropdownItem key="open" onClick={() => choose(() => void store.getState().chooseAndOpen())} data-testid="menu-open">
          Open a site file…
        </DropdownItem>
        <DropdownItem key="new" onClick={() => choose(() => store.getState().showDialog('new'))} data-testid="menu-new">
          New site…
        </DropdownItem>
        <DropdownItem key="example" onClick={() => choose(() => void store.getState().openExample())} data-testid="menu-example">
          Open the bundled example
        </DropdownItem>
        <DropdownItem key="save-as" onClick={() => choose(() => void store.getState().save({ as: true }))}>
          Save a copy as…
        </DropdownItem>
        <DropdownItem key="revert" onClick={() => choose(() => void store.getState().revert())}>
          Throw away unsaved changes
        </DropdownItem>
        {recent.length > 0 && <Divider component="li" />}
        {recent.slice(0, 8).map((p) => (
          <DropdownItem key={p} description={p} onClick={() => choose(() => void store.getState().open(p))} data-testid="menu-recent">
            {p.split(/[\\/]/).slice(-2, -1)[0] ?? p}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
}

function SaveState({ store }: { store: SiteStore }) {
  const { text, savedText, readOnly, phase, checking } = useStore(
    store,
    useShallow((s) => ({ text: s.text, savedText: s.savedText, readOnly: s.readOnly, phase: s.phase, checking: s.checking })),
  );
  if (phase === 'saving') {
    return (
      <span className="sk-save-state" data-testid="save-state">
        Saving…
      </span>
    );
  }
  if (text === savedText) {
    return (
      <span className="sk-save-state" data-testid="save-state">
        {readOnly ? 'Example (read-only)' : 'All changes saved'}
      </span>
    );
  }
  return (
    <span className="sk-save-state sk-save-state--dirty" data-testid="unsaved">
      Unsaved changes{checking ? ' · checking…' : ''}
    </span>
  );
}

export const AppMasthead = memo(function AppMasthead({
  info,
  transport,
  store,
  findingsOpen,
  onToggleFindings,
  stepsOpen,
  onToggleSteps,
}: {
  info?: AppInfo;
  transport: AppMode;
  store: SiteStore;
  findingsOpen: boolean;
  onToggleFindings(): void;
  /** The step list's toggle; left out while there is no list (the site is still opening). */
  stepsOpen?: boolean;
  onToggleSteps?(): void;
}) {
  const mode = info?.mode ?? transport;
  // Only what the toolbar shows: its tooltips (Popper) measure the page on every render, so
  // the masthead must not re-render for each edit.
  const { canUndo, canRedo, canSave, errors } = useStore(
    store,
    useShallow((s) => ({
      canUndo: s.past.length > 0,
      canRedo: s.future.length > 0,
      canSave: s.phase !== 'saving' && (s.readOnly || s.text !== s.savedText),
      errors: s.doc?.summary.errors ?? 0,
    })),
  );
  return (
    <Masthead>
      <MastheadMain>
        {onToggleSteps && (
          <MastheadToggle>
            {/* PatternFly's sidebar toggle: below 1200 px the only way to the list of steps. */}
            <PageToggleButton
              isHamburgerButton
              isSidebarOpen={stepsOpen}
              onSidebarToggle={onToggleSteps}
              id="step-list-toggle"
              aria-label={stepsOpen ? 'Hide the list of steps' : 'Show the list of steps'}
              aria-controls="page-sidebar"
              data-testid="toggle-steps"
            />
          </MastheadToggle>
        )}
        <MastheadBrand>
          <MastheadLogo component="span" className="sk-brand">
            <ServerGroupIcon className="sk-brand__icon" />
            <span className="sk-brand__name">ACP Sitekit</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup>
              <ToolbarItem>
                <SiteMenu store={store} />
              </ToolbarItem>
              <ToolbarItem>
                <Tooltip position="bottom" content="Save (Ctrl+S)">
                  <Button
                    variant="plain"
                    aria-label="Save"
                    icon={<SaveIcon />}
                    isDisabled={!canSave}
                    onClick={() => void store.getState().save()}
                    data-testid="save"
                  />
                </Tooltip>
              </ToolbarItem>
              <ToolbarItem>
                <Tooltip position="bottom" content="Undo (Ctrl+Z)">
                  <Button
                    variant="plain"
                    aria-label="Undo"
                    icon={<UndoIcon />}
                    isDisabled={!canUndo}
                    onClick={() => void store.getState().undo()}
                    data-testid="undo"
                  />
                </Tooltip>
              </ToolbarItem>
              <ToolbarItem>
                <Tooltip position="bottom" content="Redo (Ctrl+Shift+Z)">
                  <Button
                    variant="plain"
                    aria-label="Redo"
                    icon={<RedoIcon />}
                    isDisabled={!canRedo}
                    onClick={() => void store.getState().redo()}
                    data-testid="redo"
                  />
                </Tooltip>
              </ToolbarItem>
              <ToolbarItem alignSelf="center">
                <SaveState store={store} />
              </ToolbarItem>
            </ToolbarGroup>
            <ToolbarItem align={{ default: 'alignEnd' }}>
              <Button
                variant={findingsOpen ? 'secondary' : 'tertiary'}
                icon={<ListIcon />}
                onClick={onToggleFindings}
                data-testid="toggle-findings"
                aria-pressed={findingsOpen}
              >
                Findings{errors ? ` (${errors})` : ''}
              </Button>
            </ToolbarItem>
            <ToolbarItem>
              <Label
                color={mode === 'electron' ? 'blue' : 'teal'}
                isCompact
                title={
                  mode === 'electron'
                    ? 'Running as the desktop app.'
                    : 'Running in a web browser on this computer; files stay on this computer.'
                }
              >
                {mode === 'electron' ? 'Desktop app' : 'Browser mode'}
              </Label>
            </ToolbarItem>
            {info && (
              <ToolbarItem>
                <span className="sk-version">Version {info.version}</span>
              </ToolbarItem>
            )}
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
});
