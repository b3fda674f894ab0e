// The one table of call handlers behind every transport (Electron IPC, the web host, tests).
// Each handler validates its input with the contract's zod schema BEFORE anything reaches
// core, and always answers with an envelope: it never throws across the boundary.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  CHANNELS,
  INPUT_SCHEMAS,
  MAX_TEXT_BYTES,
  fail,
  ok,
  summarize,
  type AppInfo,
  type AppMode,
  type Channel,
  type ChannelOutput,
  type Envelope,
  type ErrorCode,
  type EventName,
  type SaveResult,
  type SiteDocument,
  type SitekitEvents,
} from '../contract/api';
import { checkSiteText as coreCheckSiteText, type SiteCheck } from '../core/site/check';
import { saveSiteFile as coreSaveSiteFile } from '../core/site/save';
import type { Site } from '../core/site/schema';

export type Handlers = { [C in Channel]: (input: unknown) => Promise<Envelope<ChannelOutput<C>>> };

export type EmitFn = <E extends EventName>(event: E, payload: SitekitEvents[E]) => void;

export interface HandlerDeps {
  mode: AppMode;
  version: string;
  /** Absolute path of the bundled example site; it is never written. */
  examplePath: string;
  /** Site given on the command line, opened at start instead of the example. */
  initialSitePath?: string;
  /** Push an event to the UI (web socket or IPC). */
  emit?: EmitFn;
  /** Where unexpected errors are reported (stack traces stay out of the UI). */
  logError?: (message: string, error: unknown) => void;
  /** Core functions; tests may replace them. */
  core?: {
    checkSiteText?: (text: string) => SiteCheck;
    saveSiteFile?: (file: string, site: Site, originalText?: string) => Promise<void>;
  };
}

/** An expected failure with a message for the technician. */
class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

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

function fsError(error: unknown, file: string): HandlerError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new HandlerError('not-found', `There is no file at ${file}.`);
    case 'EACCES':
    case 'EPERM':
      return new HandlerError('io-error', `Sitekit is not allowed to access ${file} (permission denied).`);
    case 'EISDIR':
      return new HandlerError('invalid-input', `${file} is a folder, not a site file.`);
    case 'EROFS':
      return new HandlerError('read-only', `${file} is on a read-only file system.`);
    case 'ENOSPC':
      return new HandlerError('io-error', `The disk is full; ${file} was not written.`);
    default:
      return code ? new HandlerError('io-error', `Could not access ${file}: ${(error as Error).message}`) : undefined;
  }
}

/** Node's own check on top of the schema's (which also accepts Windows forms on POSIX). */
function resolveAbsolute(p: string): string {
  if (!path.isAbsolute(p)) {
    throw new HandlerError('invalid-input', `path must be an absolute path on this computer (got "${p}").`);
  }
  return path.resolve(p);
}

async function samePath(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

async function readSiteText(file: string): Promise<string> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new HandlerError('invalid-input', `${file} is a folder, not a site file.`);
    if (!stat.isFile()) throw new HandlerError('invalid-input', `${file} is not a regular file.`);
    if (stat.size > MAX_TEXT_BYTES) {
      throw new HandlerError(
        'too-large',
        `${file} is ${(stat.size / (1024 * 1024)).toFixed(1)} MiB; a site file may be at most ${MAX_TEXT_BYTES / (1024 * 1024)} MiB.`,
      );
    }
    const bytes = await handle.readFile();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new HandlerError('invalid-site', `${file} is not a text file (it is not UTF-8), so it cannot be a site plan.`);
    }
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    throw fsError(error, file) ?? error;
  } finally {
    await handle?.close();
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const checkSiteText = deps.core?.checkSiteText ?? coreCheckSiteText;
  const saveSiteFile = deps.core?.saveSiteFile ?? coreSaveSiteFile;
  const examplePath = path.resolve(deps.examplePath);

  const isExample = (file: string) => samePath(file, examplePath);

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
    if (check.error !== undefined) doc.error = check.error;
    if (check.position !== undefined) doc.position = check.position;
    return doc;
  };

  const openFile = async (file: string): Promise<SiteDocument> => {
    const text = await readSiteText(file);
    return toDocument(text, file, await isExample(file));
  };

  const impl: { [C in Channel]: (input: z.output<(typeof INPUT_SCHEMAS)[C]>) => Promise<ChannelOutput<C>> } = {
    'app.info': async (): Promise<AppInfo> => {
      const info: AppInfo = { name: 'ACP Sitekit', version: deps.version, mode: deps.mode, examplePath };
      if (deps.initialSitePath) info.initialSitePath = path.resolve(deps.initialSitePath);
      return info;
    },

    'site.openExample': () => openFile(examplePath),

    'site.open': ({ path: p }) => openFile(resolveAbsolute(p)),

    'site.check': async ({ text }) => toDocument(text, undefined, false),

    'site.save': async ({ path: p, text }): Promise<SaveResult> => {
      const file = resolveAbsolute(p);
      if (!/\.ya?ml$/i.test(file)) {
        throw new HandlerError('invalid-input', `path must end in .yaml or .yml (got "${path.basename(file)}").`);
      }
      if (await isExample(file)) {
        throw new HandlerError(
          'read-only',
          'The bundled example is read-only. Save your changes as a new file (for example site.yaml in the site folder).',
        );
      }
      const check = checkSiteText(text);
      if (check.status !== 'ok' || check.site === undefined) {
        const reason =
          check.status === 'unusable'
            ? `it is not readable YAML${check.error ? ` (${check.error})` : ''}`
            : `${summarize(check.findings).errors || 'some'} field(s) do not match the site format`;
        throw new HandlerError('invalid-site', `The plan was not saved: ${reason}. Fix it and save again.`);
      }
      try {
        await saveSiteFile(file, check.site, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'ENOENT') throw new HandlerError('not-found', `The folder ${path.dirname(file)} does not exist.`);
        throw fsError(error, file) ?? error;
      }
      const savedAt = new Date().toISOString();
      const saved = await openFile(file);
      deps.emit?.('site.saved', { path: file, savedAt });
      return { ...saved, path: file, savedAt };
    },
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
