import {
  Label,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import ServerGroupIcon from '@patternfly/react-icons/dist/esm/icons/server-group-icon';
import type { AppInfo, AppMode } from '../../../main/contract/api';

export function AppMasthead({ info, transport }: { info?: AppInfo; transport: AppMode }) {
  const mode = info?.mode ?? transport;
  return (
    <Masthead>
      <MastheadMain>
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
            <ToolbarItem align={{ default: 'alignEnd' }}>
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
}
