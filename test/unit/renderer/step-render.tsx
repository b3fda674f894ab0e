// Rendering wizard steps in Node for tests: a store over a fake API whose site calls answer like
// the host (real edits and checks through core), secrets in memory, and helpers to read the
// static markup by the JSON pointer each control is bound to.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { vi } from 'vitest';
import type { SiteDocument } from '../../../main/contract/api';
import type { Api } from '../../../renderer/src/api/client';
import { createSiteStore, type SiteStore } from '../../../renderer/src/store/site-store';
import { WizardContext } from '../../../renderer/src/wizard/fields';
import { documentOf, editedDoc } from './example-doc';

export function fakeApi(first: SiteDocument) {
  const stored = new Set<string>(['pull-secret']);
  const api = {
    app: { info: vi.fn(async () => ({ name: 'ACP Sitekit', version: 'test', mode: 'browser' as const, examplePath: first.path ?? '/x', sitesDir: '/home/tech/acp-sites' })) },
    site: {
      openExample: vi.fn(async () => first),
      open: vi.fn(async () => first),
      check: vi.fn(async ({ text }: { text: string }) => documentOf(text)),
      edit: vi.fn(async ({ text, edits }: { text: string; edits: Array<{ path: string; value?: unknown }> }) => editedDoc(text, edits)),
      recent: vi.fn(async () => []),
      autosave: vi.fn(async () => ({ savedAt: '2026-11-21T00:00:00Z' })),
      discardRecovery: vi.fn(async () => undefined),
    },
    probe: { inventories: vi.fn(async () => []) },
    secrets: {
      has: vi.fn(async ({ name }: { name: string }) => stored.has(name)),
      set: vi.fn(async ({ name }: { name: string; value: string }) => {
        stored.add(name);
        return { name, stored: true as const };
      }),
      delete: vi.fn(async ({ name }: { name: string }) => stored.delete(name)),
      status: vi.fn(async () => ({ protection: 'basic_text' as const, names: [...stored], warning: 'No OS keychain.' })),
    },
  };
  return api as unknown as Api & typeof api;
}

/** A store that has opened `doc` (timers never fire: checks happen through edits). */
export async function openStore(doc: SiteDocument): Promise<{ store: SiteStore; api: ReturnType<typeof fakeApi> }> {
  const api = fakeApi(doc);
  const store = createSiteStore(api, { setTimeout: () => 0, clearTimeout: () => undefined });
  await store.getState().openExample();
  return { store, api };
}

/**
 * Static markup of a step. On the server, zustand's useStore reads the store's initial state
 * (useSyncExternalStore's server snapshot), so the rendered store answers with its state now.
 */
export function render(store: SiteStore, node: ReactNode): string {
  const now: SiteStore = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(<WizardContext.Provider value={{ store: now, registerField: () => undefined }}>{node}</WizardContext.Provider>);
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const decode = (s: string) =>
  s.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The opening tag of the control bound to `path`, its value and whether it is checked. */
export function control(html: string, path: string): { tag: string; value: string | undefined; checked: boolean } {
  const re = new RegExp(`<(input|textarea|select)\\b[^>]*\\bdata-path="${escapeRe(path)}"[^>]*>`);
  const m = re.exec(html);
  if (!m) throw new Error(`no control bound to ${path}`);
  const tag = m[0];
  if (m[1] === 'textarea') {
    const rest = html.slice(m.index + tag.length);
    return { tag, value: decode(rest.slice(0, rest.indexOf('</textarea>'))), checked: false };
  }
  if (m[1] === 'select') {
    const rest = html.slice(m.index + tag.length, html.indexOf('</select>', m.index));
    const selected = /<option[^>]*\bselected=""[^>]*\bvalue="([^"]*)"|<option[^>]*\bvalue="([^"]*)"[^>]*\bselected=""/.exec(rest);
    return { tag, value: selected ? decode(selected[1] ?? selected[2] ?? '') : undefined, checked: false };
  }
  const value = /\bvalue="([^"]*)"/.exec(tag);
  return { tag, value: value ? decode(value[1]!) : undefined, checked: /\bchecked=""/.test(tag) };
}

export const valueOf = (html: string, path: string) => control(html, path).value;
/** Whether anything (a control or a group) is bound to `path`. */
export const bound = (html: string, path: string) => html.includes(`data-path="${path}"`);

/** The markup from what is bound to `path` up to the next bound element. */
export function after(html: string, path: string): string {
  const start = html.indexOf(`data-path="${path}"`);
  if (start < 0) throw new Error(`nothing bound to ${path}`);
  const next = html.indexOf('data-path="', start + 1);
  return html.slice(start, next < 0 ? undefined : next);
}

/** Visible text of some markup, tags removed. */
export const textOf = (html: string) => decode(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
