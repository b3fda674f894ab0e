import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from '../../../main/electron/security';
import { FakeSession, FakeWebContents, navigationEvent } from '../../helpers/fake-electron';

describe('web contents hardening', () => {
  const setup = () => {
    const contents = new FakeWebContents();
    const log = vi.fn();
    hardenWebContents(contents as unknown as WebContents, log);
    return { contents, log };
  };

  it.each(['will-navigate', 'will-redirect'])('denies %s, even to the app itself', (name) => {
    const { contents, log } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://sitekit/index.html']) {
      const event = navigationEvent(url);
      contents.emit(name, event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(log).toHaveBeenCalled();
  });

  it('denies will-frame-navigate: a sub-frame navigating unseen by will-navigate, and the main frame', () => {
    const { contents, log } = setup();
    for (const [url, isMainFrame] of [
      ['https://evil.example/phish', false],
      ['file:///etc/passwd', false],
      ['javascript:alert(1)', false],
      ['app://sitekit/index.html', true],
    ] as const) {
      const event = { ...navigationEvent(url), isMainFrame };
      let prevented = false;
      event.preventDefault = () => {
        prevented = true;
      };
      contents.emit('will-frame-navigate', event);
      expect(prevented, url).toBe(true);
    }
    expect(log).toHaveBeenCalledWith('Blocked navigation of a frame to https://evil.example/phish');
  });

  it('denies <webview>', () => {
    const { contents } = setup();
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies new windows', () => {
    const { contents } = setup();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://sitekit/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission, 'app://sitekit', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});
