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
  inputShapeProblem,
  ok,
  summarize,
  type Channel,
  type ChannelOutput,
  type Envelope,
  type SiteDocument,
} from '../contract/api';
import { checkSiteText as coreCheckSiteText, type SiteCheck } from '../core/site/check';
import type { FieldEditInput } from '../core/site/edit';
import { saveSiteFile as coreSaveSiteFile } from '../core/site/save';
import {
  HandlerError,
  PLAIN_TEXT_CONSENT_LABEL,
  readSiteText,
  samePath,
  type HandlerContext,
  type HandlerDeps,
  type ImplTable,
} from './handlers/common';
import { argocdSecretsHandlers } from './handlers/argocd-secrets';
import { clusterHandlers } from './handlers/cluster';
import { draftHandlers } from './handlers/drafts';
import { exportHandlers } from './handlers/export';
import { generateHandlers } from './handlers/generate';
import { probeHandlers } from './handlers/probe';
import { secretsHandlers } from './handlers/secrets';
import { settingsHandlers } from './handlers/settings';
import { siteHandlers } from './handlers/site';
import { CheckTimeoutError, createCheckOffload } from './check-offload';
import { createDraftStore } from './draft-store';
import { createFileAccess, looksLikeSitePlan, notASitePlan } from './file-access';
import { createSettingsStore } from './settings-store';

export type { EmitFn, HandlerDeps, SiteDialogs } from './handlers/common';

export { PLAIN_TEXT_CONSENT_LABEL } from './handlers/common';

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
  // Large texts are checked (and edited) in a worker thread, so no request holds up the others
  // (check-offload.ts). An injected checkSiteText (tests) always runs in-process.
  const offload = createCheckOffload(deps.logError ? { logError: deps.logError } : {});
  const stopped = (error: unknown): never => {
    if (error instanceof CheckTimeoutError) {
      throw new HandlerError('too-large', `Sitekit stopped: ${error.message}. A site plan is a few KiB; is this the right text?`);
    }
    throw error;
  };
  const checkText = (text: string): Promise<SiteCheck> =>
    deps.core?.checkSiteText ? Promise.resolve(checkSiteText(text)) : offload.check(text).catch(stopped);
  const editText = (text: string, edits: readonly FieldEditInput[]): Promise<string> => offload.edit(text, edits).catch(stopped);

  const toDocument = async (text: string, file: string | undefined, readOnly: boolean): Promise<SiteDocument> => {
    const check = await checkText(text);
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
    if (check.partial) doc.partial = true;
    return doc;
  };
  const isExample = (file: string) => samePath(file, examplePath);
  const settings = createSettingsStore(deps.settingsDir);
  const files = createFileAccess({
    ...(deps.pathPolicy ? { policy: deps.pathPolicy } : {}),
    ...(deps.settingsDir !== undefined ? { dataDir: deps.settingsDir } : {}),
    ...(deps.secretsFile !== undefined ? { secretsFile: deps.secretsFile } : {}),
    alwaysAllowed: () => (deps.initialSitePath ? [examplePath, deps.initialSitePath] : [examplePath]),
    recent: async () => (await settings.get()).recentSites,
  });

  const ctx: HandlerContext = {
    deps,
    examplePath,
    checkSiteText,
    checkText,
    editText,
    saveSiteFile: deps.core?.saveSiteFile ?? coreSaveSiteFile,
    settings,
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
    openFile: async (file) => {
      await files.readable(file, 'path');
      const text = await readSiteText(file);
      // Nothing of a file that is not a plan goes back (no text, no parse error quoting it).
      if (!looksLikeSitePlan(text)) throw notASitePlan(file);
      return toDocument(text, file, await isExample(file));
    },
    loadPlan: async (file) => {
      await files.readable(file, 'sitePath');
      const text = await readSiteText(file);
      const check = await checkText(text);
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
    files,
  };

  const impl: ImplTable<Channel> = {
    ...siteHandlers(ctx),
    ...draftHandlers(ctx),
    ...settingsHandlers(ctx),
    ...secretsHandlers(ctx),
    ...probeHandlers(ctx),
    ...generateHandlers(ctx),
    ...argocdSecretsHandlers(ctx),
    ...exportHandlers(ctx),
    ...clusterHandlers(ctx),
  };

  // A store that cannot encrypt (Linux without a key ring: safeStorage's 'basic_text') takes a
  // secret only when the person agreed, having been shown why: the secret field sends
  // allowPlainText once its checkbox is ticked. Refused before anything is written.
  const storeSecret = impl['secrets.set'];
  impl['secrets.set'] = async (input) => {
    const store = ctx.secretStore();
    if (store.protection() === 'basic_text' && input.allowPlainText !== true) {
      const why = store.protectionWarning() ?? 'This computer has no system key ring, so secrets would be kept without real encryption.';
      throw new HandlerError(
        'forbidden',
        `Sitekit did not store ${input.name}. ${why} Tick "${PLAIN_TEXT_CONSENT_LABEL}" next to the field to store it anyway.`,
      );
    }
    return storeSecret(input);
  };

  const handlers = {} as Record<Channel, (input: unknown) => Promise<Envelope<unknown>>>;
  for (const channel of CHANNELS) {
    handlers[channel] = async (input: unknown) => {
      // Measured without recursion before zod, whose recursive schemas (site.edit's value)
      // would overflow the stack on a value nested 100k levels deep.
      const shape = inputShapeProblem(input);
      if (shape) return fail('invalid-input', `Invalid input for "${channel}": ${shape}.`);
      let parsed: ReturnType<(typeof INPUT_SCHEMAS)[Channel]['safeParse']>;
      try {
        parsed = INPUT_SCHEMAS[channel].safeParse(input);
      } catch (error) {
        deps.logError?.(`The input of "${channel}" could not be checked`, error);
        return fail('invalid-input', `Invalid input for "${channel}": it could not be checked (${error instanceof Error ? error.message : String(error)}).`);
      }
      if (!parsed.success) return fail('invalid-input', describeInputError(channel, parsed.error));
      try {
        const run = impl[channel] as (i: unknown) => Promise<unknown>;
        return ok(await run(parsed.data));
      } catch (error) {
        if (error instanceof HandlerError) {
          const { code, message, question } = error;
          return question ? { ok: false, error: { code, message, question } } : fail(code, message);
        }
        deps.logError?.(`Unexpected error in "${channel}"`, error);
        const detail = error instanceof Error ? error.message : String(error);
        return fail('internal', `Sitekit hit an unexpected problem while handling "${channel}": ${detail}`);
      }
    };
  }
  return handlers as Handlers;
}
