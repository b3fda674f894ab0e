// What every area's handlers share: the error type they throw for expected failures, file
// helpers, the dependencies and the context one createHandlers call builds.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  MAX_TEXT_BYTES,
  type AppMode,
  type Channel,
  type ChannelOutput,
  type ErrorCode,
  type EventName,
  type INPUT_SCHEMAS,
  type SecretUseQuestion,
  type SiteDocument,
  type SitekitEvents,
} from '../../contract/api';
import { BoundedReadError, readFileBounded } from '../../core/fs/read-bounded';
import type { SiteCheck } from '../../core/site/check';
import type { FieldEditInput } from '../../core/site/edit';
import type { Site } from '../../core/site/schema';
import type { DraftStore } from '../draft-store';
import type { FileAccess, PathPolicy } from '../file-access';
import type { SecretStore } from '../secret-store';
import type { SettingsStore } from '../settings-store';

export type EmitFn = <E extends EventName>(event: E, payload: SitekitEvents[E]) => void;

export interface HandlerDeps {
  mode: AppMode;
  version: string;
  /** Absolute path of the bundled example site; it is never written. */
  examplePath: string;
  /** Site given on the command line, opened at start instead of the example. */
  initialSitePath?: string;
  /** Folder suggested for new sites (default ~/acp-sites). */
  sitesDir?: string;
  /** Push an event to the UI (web socket or IPC). */
  emit?: EmitFn;
  /** Where unexpected errors are reported (stack traces stay out of the UI). */
  logError?: (message: string, error: unknown) => void;
  /**
   * Folder of settings.json (Electron: userData; web host: --data-dir or ~/.config/acp-sitekit).
   * Without it settings live in memory only.
   */
  settingsDir?: string;
  /** Where secrets are kept; without it the secrets calls answer 'unavailable'. */
  secrets?: SecretStore;
  /** Native file dialogs (Electron); without them `site.choose` answers `supported: false`. */
  dialogs?: SiteDialogs;
  /**
   * Desktop app: only paths chosen in a native dialog, the recent sites, the command-line site
   * and the example may be read (see file-access.ts). Browser mode has none: typed paths.
   */
  pathPolicy?: PathPolicy;
  /** The secret store's file: never read or written through a call (nor anything in settingsDir). */
  secretsFile?: string;
  /**
   * Prints the handover report's HTML to PDF bytes (Electron: printToPDF; web host: a headless
   * Chromium when one is installed). Without it `report.write` with `pdf` writes only the HTML.
   */
  printPdf?: (html: string) => Promise<Uint8Array>;
  /** Plain words for why this host cannot print a PDF (shown when `printPdf` is absent). */
  pdfUnavailableReason?: string;
  /** Core functions; tests may replace them. */
  core?: {
    checkSiteText?: (text: string) => SiteCheck;
    saveSiteFile?: (file: string, site: Site, originalText?: string) => Promise<void>;
  };
}

/** Native open/save/folder dialogs; each answers an absolute path, or undefined when cancelled. */
export interface SiteDialogs {
  /** A site file to open. */
  chooseSiteToOpen(defaultPath?: string): Promise<string | undefined>;
  /** Where to save a site file. */
  chooseSaveLocation(defaultPath?: string): Promise<string | undefined>;
  /** A folder (may be created in the dialog). */
  chooseFolder(defaultPath?: string): Promise<string | undefined>;
  /** A kubeconfig file to import (openshift-install's auth/kubeconfig). */
  chooseKubeconfig?(defaultPath?: string): Promise<string | undefined>;
  /** The install folder openshift-install ran in (auth/, .openshift_install_state.json). */
  chooseInstallDir?(defaultPath?: string): Promise<string | undefined>;
}

/** The secret field's checkbox (renderer/src/steps/secret-field.tsx), named in the refusal. */
export const PLAIN_TEXT_CONSENT_LABEL = 'Store it without encryption';

/** An expected failure with a message for the technician. */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** With `needs-confirmation`: what the UI asks before calling again (never a secret). */
    readonly question?: SecretUseQuestion,
  ) {
    super(message);
  }
}

export type Impl<C extends Channel> = (input: z.output<(typeof INPUT_SCHEMAS)[C]>) => Promise<ChannelOutput<C>>;
export type ImplTable<C extends Channel> = { [K in C]: Impl<K> };

/** What the area modules get from createHandlers. */
export interface HandlerContext {
  deps: HandlerDeps;
  examplePath: string;
  checkSiteText: (text: string) => SiteCheck;
  /** checkSiteText off the event loop for large texts (a worker thread, with a time limit). */
  checkText: (text: string) => Promise<SiteCheck>;
  /** applyFieldEdits off the event loop for large texts; throws FieldEditError like it. */
  editText: (text: string, edits: readonly FieldEditInput[]) => Promise<string>;
  saveSiteFile: (file: string, site: Site, originalText?: string) => Promise<void>;
  settings: SettingsStore;
  /** Autosaved, unsaved site text per site file (see draft-store.ts). */
  drafts: DraftStore;
  emit: EmitFn;
  isExample(file: string): Promise<boolean>;
  toDocument(text: string, file: string | undefined, readOnly: boolean): Promise<SiteDocument>;
  /** Reads a site file the renderer named (path policy, private folders, plausibility first). */
  openFile(file: string): Promise<SiteDocument>;
  /** Reads and checks a site file that must be a usable plan (for probe, bundle, export, report). */
  loadPlan(file: string): Promise<{ file: string; text: string; site: Site; check: SiteCheck }>;
  secretStore(): SecretStore;
  /** What the renderer may name (file-access.ts). */
  files: FileAccess;
}

export function fsError(error: unknown, file: string): HandlerError | undefined {
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
export function resolveAbsolute(p: string, field = 'path'): string {
  if (!path.isAbsolute(p)) {
    throw new HandlerError('invalid-input', `${field} must be an absolute path on this computer (got "${p}").`);
  }
  return path.resolve(p);
}

export async function samePath(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

export async function readSiteText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    // A regular file only (a FIFO is refused, not waited for), never read past the limit.
    bytes = await readFileBounded(file, { maxBytes: MAX_TEXT_BYTES, what: 'a site file' });
  } catch (error) {
    if (!(error instanceof BoundedReadError)) throw error;
    switch (error.problem) {
      case 'folder':
        throw new HandlerError('invalid-input', `${file} is a folder, not a site file.`);
      case 'not-regular':
        throw new HandlerError('invalid-input', `${file} is not a regular file.`);
      case 'too-large':
        throw new HandlerError('too-large', `${file} is larger than ${MAX_TEXT_BYTES / (1024 * 1024)} MiB, the most a site file may be.`);
      default:
        throw fsError(error, file) ?? new HandlerError('io-error', `Could not access ${file}: ${error.reason}`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HandlerError('invalid-site', `${file} is not a text file (it is not UTF-8), so it cannot be a site plan.`);
  }
}

/** Replaces every occurrence of the given secrets in a message. */
export function redact(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}
