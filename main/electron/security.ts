// Hardening of every web contents and of the session: the app never navigates away (nor does
// any frame of it), never opens windows, never attaches <webview>s and grants no permission
// (camera, USB, …).
import type { Session, WebContents } from 'electron';

type Log = (message: string) => void;

export function hardenWebContents(contents: WebContents, log: Log = () => {}): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log(`Blocked navigation to ${event.url}`);
  });
  // will-navigate sees only the main frame; a sub-frame (an <iframe> some content slipped in)
  // navigates unseen by it. The app has no frames that navigate, so none may.
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    log(`Blocked navigation of a ${event.isMainFrame ? 'page' : 'frame'} to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log(`Blocked redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
