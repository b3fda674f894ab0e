// The one table of call handlers behind every transport (Electron IPC, the web host, tests).
// Each handler validates its input with the contract's zod schema BEFORE anything reaches
// core, and always answers with an envelope: it never throws across the boundary. The
// handlers themselves live in handlers/<area>.ts; this file composes them.
import path from 'node:path';
import type { z } from 'zod';
import {
  CHANNELS,
  INPUT_SCHEMAS,
  fail,
  ok,
  summarize,
  type Channel,
  type ChannelOutput,
  type Envelope,
  type SiteDocument,
} from '../contract/api';
import { checkSiteText as coreCheckSiteText } from '../core/site/check';
import { saveSiteFile as coreSaveSiteFile } from '../core/site/save';
import {
  HandlerError,
  readSiteText,
  samePath,
  type HandlerContext,
  type HandlerDeps,
  type ImplTable,
} from './handlers/common';
import { draftHandlers } from './handlers/drafts';
import { exportHandlers } from './handlers/export';
import { generateHandlers } from './handlers/generate';
import { probeHandlers } from './handlers/probe';
import { secretsHandlers } from './handlers/secrets';
import { settingsHandlers } from './handlers/settings';
import { siteHandlers } from './handlers/site';
import { createDraftStore } from './draft-store';
import { createSettingsStore } from './settings-store';

export type { EmitFn, HandlerDeps, SiteDialogs } from './handlers/common';

export type Handlers = { [C in Channel]: (input: unknown) => Promise<Envelope<ChannelOutput<C>>> };

/** `Invalid input for "site.open": path must be an absolute path …` — names every bad field. */
export function describeInputError(channel: Channel, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${issue.path.join('.')} has` : 'the input has';
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `${where} unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
    }
    const field = issue.path.length ? issue.path.join('.') : 'the input';
    let message = issue.message;
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      message = `must be an object (got ${describeValue(issue.input)})`;
    }
    return `${field} ${message.replace(/^Invalid input: /, '')}`;
  });
  return `Invalid input for "${channel}": ${parts.join('; ')}.`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const checkSiteText = deps.core?.checkSiteText ?? coreCheckSiteText;
  const examplePath = path.resolve(deps.examplePath);

  const toDocument = (text: string, file: string | undefined, readOnly: boolean): SiteDocument => {
    const check = checkSiteText(text);
    const doc: SiteDocument = {
      readOnly,
      text,
      status: check.status,
      findings: check.findings,
      summary: summarize(check.findings),
    };
    if (file !== undefined) doc.path = file;
    if (check.site !== undefined) doc.site = check.site;
    if (check.data !== undefined) doc.data = check.data;
    if (check.error !== undefined) doc.error = check.error;
    if (check.position !== undefined) doc.position = check.position;
    return doc;
  };
  const isExample = (file: string) => samePath(file, examplePath);

  const ctx: HandlerContext = {
    deps,
    examplePath,
    checkSiteText,
    saveSiteFile: deps.core?.saveSiteFile ?? coreSaveSiteFile,
    settings: createSettingsStore(deps.settingsDir),
    drafts: createDraftStore(deps.settingsDir, deps.logError ? { logError: deps.logError } : {}),
    emit: (event, payload) => {
      try {
        deps.emit?.(event, payload);
      } catch (error) {
        deps.logError?.(`Could not send the "${event}" event`, error);
      }
    },
    isExample,
    toDocument,
    openFile: async (file) => toDocument(await readSiteText(file), file, await isExample(file)),
    loadPlan: async (file) => {
      const text = await readSiteText(file);
      const check = checkSiteText(text);
      if (check.status !== 'ok' || check.site === undefined) {
        const reason = check.status === 'unusable' ? 'it is not readable YAML' : 'some fields do not match the site format';
        throw new HandlerError('invalid-site', `${file} cannot be used: ${reason}. Fix it in the editor first.`);
      }
      return { file, text, site: check.site, check };
    },
    secretStore: () => {
      if (!deps.secrets) throw new HandlerError('unavailable', 'This Sitekit has no secret store, so secrets cannot be kept.');
      return deps.secrets;
    },
  };

  const impl: ImplTable<Channel> = {
    ...siteHandlers(ctx),
    ...draftHandlers(ctx),
    ...settingsHandlers(ctx),
    ...secretsHandlers(ctx),
    ...probeHandlers(ctx),
    ...generateHandlers(ctx),
    ...exportHandlers(ctx),
  };

  const handlers = {} as Record<Channel, (input: unknown) => Promise<Envelope<unknown>>>;
  for (const channel of CHANNELS) {
    handlers[channel] = async (input: unknown) => {
      const parsed = INPUT_SCHEMAS[channel].safeParse(input);
      if (!parsed.success) return fail('invalid-input', describeInputError(channel, parsed.error));
      try {
        const run = impl[channel] as (i: unknown) => Promise<unknown>;
        return ok(await run(parsed.data));
      } catch (error) {
        if (error instanceof HandlerError) return fail(error.code, error.message);
        deps.logError?.(`Unexpected error in "${channel}"`, error);
        const detail = error instanceof Error ? error.message : String(error);
        return fail('internal', `Sitekit hit an unexpected problem while handling "${channel}": ${detail}`);
      }
    };
  }
  return handlers as Handlers;
}
