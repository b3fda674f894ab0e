// The contract between the UI and everything behind it. One interface (`SitekitApi`) lists
// every call the renderer can make; each call has a zod schema for its input, which the
// handlers apply before anything reaches core. The same calls travel over Electron IPC
// (preload) and over loopback HTTP (web host), always as plain data wrapped in an envelope.
//
// This file is shared by main, preload and renderer: no Node or Electron imports here.
import { z } from 'zod';
import type { Site } from '../core/site/schema';
import type { Finding, SourcePosition } from '../core/validation/finding';

// ---------------------------------------------------------------------------------------
// Data that crosses the boundary
// ---------------------------------------------------------------------------------------

export type AppMode = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  mode: AppMode;
  /** Absolute path of the bundled example site (read-only). */
  examplePath: string;
  /** Site to open at start (from the command line); the example when not given. */
  initialSitePath?: string;
}

export type SiteStatus = 'ok' | 'invalid' | 'unusable';

export interface FindingSummary {
  errors: number;
  warnings: number;
  infos: number;
}

/** A site as the UI sees it: the raw text, what was understood of it and what is wrong. */
export interface SiteDocument {
  /** Absolute path of the file, when the text came from (or was saved to) a file. */
  path?: string;
  /** True for the bundled example: it can be checked but not saved in place. */
  readOnly: boolean;
  /** The raw YAML text. */
  text: string;
  /**
   * `ok`: readable and matches the schema (rule findings may still contain errors);
   * `invalid`: YAML is readable but does not match the schema; `unusable`: not readable YAML.
   */
  status: SiteStatus;
  /** The parsed plan; present when status is `ok`. */
  site?: Site;
  findings: Finding[];
  summary: FindingSummary;
  /** Why the text could not be read at all (status `unusable`). */
  error?: string;
  position?: SourcePosition;
}

export interface SaveResult extends SiteDocument {
  path: string;
  savedAt: string; // ISO time
}

// ---------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------

/** Largest site.yaml accepted over the boundary (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
export const MAX_PATH_LENGTH = 4096;

/** POSIX `/…`, Windows `C:\…` / `C:/…` or UNC `\\server\share…`. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]/.test(p);
}

function utf8Length(text: string): number {
  // Cheap bounds first: every UTF-16 unit is 1–3 UTF-8 bytes.
  if (text.length * 3 <= MAX_TEXT_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

export const absolutePathSchema = z
  .string({ error: 'must be a text (a file path)' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_PATH_LENGTH, { error: `must be at most ${MAX_PATH_LENGTH} characters` })
  .refine((p) => !p.includes('\0'), { error: 'must not contain a NUL character' })
  .refine(isAbsolutePath, { error: 'must be an absolute path (e.g. /home/tech/plant-a/site.yaml)' });

export const siteTextSchema = z
  .string({ error: 'must be a text (the YAML of site.yaml)' })
  .refine((t) => utf8Length(t) <= MAX_TEXT_BYTES, {
    error: `is too large (the limit is ${MAX_TEXT_BYTES / (1024 * 1024)} MiB)`,
  });

/** Calls without arguments accept nothing, `null` or `{}`. */
export const noInputSchema = z
  .union([z.undefined(), z.null(), z.strictObject({})], { error: 'this call takes no input' })
  .transform(() => undefined);

export const openSiteInputSchema = z.strictObject({ path: absolutePathSchema });
export const checkSiteInputSchema = z.strictObject({ text: siteTextSchema });
export const saveSiteInputSchema = z.strictObject({ path: absolutePathSchema, text: siteTextSchema });

export type OpenSiteInput = z.input<typeof openSiteInputSchema>;
export type CheckSiteInput = z.input<typeof checkSiteInputSchema>;
export type SaveSiteInput = z.input<typeof saveSiteInputSchema>;

// ---------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------

/** Every call the UI can make. Methods throw `SitekitApiError` when the call fails. */
export interface SitekitApi {
  app: {
    /** Version, mode (desktop or browser) and where the example is. */
    info(): Promise<AppInfo>;
  };
  site: {
    /** Open the bundled example site (read-only). */
    openExample(): Promise<SiteDocument>;
    /** Open a site.yaml from an absolute path and check it. */
    open(input: OpenSiteInput): Promise<SiteDocument>;
    /** Check edited YAML text (nothing is written). */
    check(input: CheckSiteInput): Promise<SiteDocument>;
    /** Check the text and, when it is a readable plan, write it atomically to `path`. */
    save(input: SaveSiteInput): Promise<SaveResult>;
  };
}

type Namespace = keyof SitekitApi;
type MethodOf<N extends Namespace> = keyof SitekitApi[N] & string;

/** `namespace.method` for every call, e.g. `site.open`. */
export type Channel = { [N in Namespace]: `${N}.${MethodOf<N>}` }[Namespace];

type Fn<C extends Channel> = C extends `${infer N extends Namespace}.${infer M}`
  ? M extends MethodOf<N>
    ? SitekitApi[N][M]
    : never
  : never;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FirstArg<F> = F extends (...args: infer A) => any ? (A extends [] ? undefined : A[0]) : never;
export type ChannelInput<C extends Channel> = FirstArg<Fn<C>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChannelOutput<C extends Channel> = Fn<C> extends (...args: any[]) => Promise<infer R> ? R : never;

/** The zod schema of every call's input; the keys are exactly the channels. */
export const INPUT_SCHEMAS = {
  'app.info': noInputSchema,
  'site.openExample': noInputSchema,
  'site.open': openSiteInputSchema,
  'site.check': checkSiteInputSchema,
  'site.save': saveSiteInputSchema,
} as const satisfies Record<Channel, z.ZodType>;

// Compile-time proof that INPUT_SCHEMAS names every channel and nothing else, that each
// schema accepts what the interface lets a caller pass, and that it yields what the call takes.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaFits = {
  [C in Channel]: [ChannelInput<C>] extends [z.input<(typeof INPUT_SCHEMAS)[C]>]
    ? [z.output<(typeof INPUT_SCHEMAS)[C]>] extends [ChannelInput<C>]
      ? true
      : false
    : false;
}[Channel];
const contractIsConsistent: [Exact<keyof typeof INPUT_SCHEMAS, Channel>, false extends SchemaFits ? false : true] = [
  true,
  true,
];
void contractIsConsistent;

/** Every channel, in a stable order. Derived from the method names. */
export const CHANNELS = Object.freeze(Object.keys(INPUT_SCHEMAS) as Channel[]);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(INPUT_SCHEMAS, name);
}

export * from './wire';

export function summarize(findings: readonly Finding[]): FindingSummary {
  const summary: FindingSummary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
