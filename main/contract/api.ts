// The contract between the UI and everything behind it. One interface (`SitekitApi`) lists
// every call the renderer can make; each call has a zod schema for its input, which the
// handlers apply before anything reaches core. The same calls travel over Electron IPC
// (preload) and over loopback HTTP (web host), always as plain data wrapped in an envelope.
//
// This file is shared by main, preload and renderer: no Node or Electron imports here.
import { z } from 'zod';
import { isAddress, isAddressWithPort } from './address';
import { SECRET_NAME_PATTERN } from './wire';
import type { NodeInventory } from '../core/probe/inventory';
import type { Proposal } from '../core/probe/proposals/types';
import type {
  BootstrapProgress,
  ConnectResult,
  DriftResult,
  InstallProgress,
  LiveCheck,
  LiveVerification,
} from '../core/cluster/types';
import type { InstallSecretName } from '../core/cluster/install-folder';
import type { AgentTokenField } from '../core/cluster/install-state';
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
  /** Where new sites are suggested to go (a folder per site), e.g. /home/tech/acp-sites. */
  sitesDir: string;
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
  /**
   * The YAML's plain value as written, present whenever the text is readable (also when it
   * does not match the format): the wizard's fields show what is typed, not a last good plan.
   */
  data?: unknown;
  findings: Finding[];
  summary: FindingSummary;
  /**
   * Status `invalid` only: the other checks still ran on the parts of the plan in the site
   * format, so `findings` holds theirs too; they may change once the format errors are fixed.
   */
  partial?: true;
  /** Why the text could not be read at all (status `unusable`). */
  error?: string;
  position?: SourcePosition;
  /**
   * Unsaved edits autosaved for this file that differ from its text (from `site.open` and
   * `site.openExample` only): the app ended before they were saved. The UI offers to restore
   * them or throw them away (`site.discardRecovery`).
   */
  recovery?: SiteRecovery;
}

export interface SiteRecovery {
  text: string;
  /** ISO time of the autosave. */
  savedAt: string;
}

/** One field change for `site.edit`: a JSON pointer and its new value (absent: remove it). */
export type FieldEdit = z.input<typeof fieldEditSchema>;

export interface AutosaveResult {
  savedAt: string;
}

/**
 * `kubeconfig`: an admin kubeconfig file to import (cluster.connect's kubeconfigPath);
 * `install-dir`: the folder openshift-install ran in (cluster.connect's installDir).
 */
export type ChoosePurpose = 'open-site' | 'save-site' | 'folder' | 'kubeconfig' | 'install-dir';

export interface ChooseResult {
  /** False where there are no native dialogs (browser mode): the UI asks for a typed path. */
  supported: boolean;
  /** The chosen absolute path; absent when cancelled or unsupported. */
  path?: string;
}

/** A node's stored inventory without the raw command outputs (those stay on disk). */
export type InventoryView = Omit<NodeInventory, 'sections'>;

export interface SaveResult extends SiteDocument {
  path: string;
  savedAt: string; // ISO time
}

export interface Settings {
  gitAuthorName?: string;
  gitAuthorEmail?: string;
  /** Most recent first; kept by site.open / site.save / site.new. */
  recentSites: string[];
}

export interface SettingsView extends Settings {
  /** Something the technician should know (e.g. the settings file was unreadable and was set aside). */
  notice?: string;
}

export type SecretProtection = 'os-keychain' | 'file-0600' | 'basic_text';

export interface SecretStatus {
  protection: SecretProtection;
  /** Names of the stored secrets (never their values). */
  names: string[];
  /**
   * Where a stored secret may be sent, by name: the origin of the Git token
   * (`https://git.example.com`), `host:port SHA256:…` (address and host key) for the SSH password.
   * A stored secret without an entry is not bound yet: Sitekit asks before its first use.
   */
  bindings?: Record<string, string[]>;
  /** Plain words when the protection is weak. */
  warning?: string;
}

export type ProbeStatusName =
  | 'ok'
  | 'unreachable'
  | 'auth-failed'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'command-failed'
  | 'timeout'
  | 'parse-failed'
  | (string & {});

/** One node's probe outcome, without the inventory and its raw outputs. */
export interface ProbeNodeResult {
  node: string;
  status: ProbeStatusName;
  message: string;
  fingerprint?: string;
  pinnedFingerprint?: string;
  algorithm?: string;
  durationMs?: number;
}

/** A reviewable plan edit from a probe: the core type itself (plain data, no Node imports). */
export type PlanProposal = Proposal;

export interface ProbeRunResult {
  results: ProbeNodeResult[];
  findings: Finding[];
  proposals: PlanProposal[];
}

export interface BundleFileView {
  path: string;
  size: number;
  /** The text, when it is at most MAX_PREVIEW_BYTES. */
  content?: string;
}

export interface BundlePreview {
  files: BundleFileView[];
  findings: Finding[];
  /** True when plan errors stop the generation (bundle.write needs force). */
  refused: boolean;
}

export interface BundleFileDiff {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** Unified diff (a/ b/ headers); absent when the file is too large to compare. */
  diff?: string;
}

export interface BundleDiff {
  against: string;
  files: BundleFileDiff[];
  unchanged: number;
}

export interface BundleWriteResult {
  outDir: string;
  files: number;
  forced: boolean;
}

/** What bundle.writeArgoCdSecrets wrote (never the password). */
export interface ArgoCdSecretsResult {
  /** Absolute path of the local-only folder. */
  dir: string;
  /** Files written there, relative to it. */
  files: string[];
  /** The command that applies them on the cluster, e.g. `oc apply -f /home/tech/argocd/plant-a`. */
  command: string;
}

export interface ExportRunResult {
  status: 'refused' | 'blocked' | 'unchanged' | 'committed';
  branch?: string;
  oid?: string;
  /** Changed files of the commit. */
  files?: Array<{ path: string; change: 'added' | 'modified' | 'deleted' }>;
  /** Committed (or already on the branch) with plan errors overridden (force). */
  forced?: boolean;
  findings: Finding[];
  /** Secret-scan hits (file and line, never the value). */
  secrets?: string[];
  push?: { status: string; message?: string; commits?: number; pending?: number };
  /** Commits on the branch the server does not have yet. */
  pending: number;
  /** Plain words, e.g. "cloned" or "offline". */
  notes: string[];
}

export interface ReportWriteResult {
  /** Absolute path of the written report.html (next to site.yaml). */
  path: string;
  /** Absolute path of the written report.pdf, when one was asked for and could be printed. */
  pdfPath?: string;
  /** Why no PDF was written although one was asked for, in plain words. */
  pdfUnavailable?: string;
}

export type { InstallSecretName };

/** What cluster.connect took from an install folder (installDir): names and sentences, never a value. */
export interface InstallDirImport {
  /** The folder as given. */
  folder: string;
  /** Kept in the secret store by this call (bound to the kubeconfig's API server). */
  stored: InstallSecretName[];
  /** Not found or not usable, each with what is wrong and what to do. */
  missing: Array<{ name: InstallSecretName; message: string }>;
  /** Which field of .openshift_install_state.json the agent API token is (4.18+: WatcherAuthToken; 4.17: AgentAuthToken). */
  agentTokenField?: AgentTokenField;
}

/** cluster.connect's answer: the connection, and with installDir what was taken from the folder. */
export interface ClusterConnectResult extends ConnectResult {
  installDir?: InstallDirImport;
}

/** What cluster.watchInstall ends with: the install's last state and the plan checks then. */
export interface ClusterInstallResult {
  progress: InstallProgress;
  checks: LiveCheck[];
}

export const MAX_PREVIEW_BYTES = 256 * 1024;

// ---------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------

/** Largest site.yaml accepted over the boundary (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
export const MAX_PATH_LENGTH = 4096;
/** Nesting of any input (site.edit's value included); a whole plan is about 8 levels deep. */
export const MAX_INPUT_DEPTH = 32;
/** Lists, objects and values in one input; a whole plan has a few hundred. */
export const MAX_INPUT_VALUES = 100_000;

/**
 * Why an input cannot even be given to its schema (undefined: it can): nested deeper than
 * MAX_INPUT_DEPTH or holding more than MAX_INPUT_VALUES values. Measured without recursion,
 * so a value nested 100k levels deep is an answer, not a stack overflow; shared references
 * (possible over IPC) count once per path but within the same value budget.
 */
export function inputShapeProblem(input: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: input, path: [] }];
  let seen = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      const field = path.slice(0, 3).join('.');
      return `${field || 'the input'} is nested more than ${MAX_INPUT_DEPTH} levels deep (a whole plan is about 8)`;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.length > MAX_INPUT_VALUES
        ? [[0, undefined]]
        : value.map((v, i) => [i, v])
      : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
    seen += Array.isArray(value) ? value.length : entries.length;
    if (seen > MAX_INPUT_VALUES) {
      return `${path.slice(0, 3).join('.') || 'the input'} holds more than ${MAX_INPUT_VALUES} values (a whole plan has a few hundred)`;
    }
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

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

export const MAX_EDITS = 500;
/** RFC 6901 JSON pointer into site.yaml, e.g. /networks/0/vlan. */
export const JSON_POINTER_PATTERN = /^(\/([^~/]|~[01])*)+$/;
export const fieldEditSchema = z.strictObject({
  path: z
    .string({ error: 'must be a text (a JSON pointer such as /networks/0/vlan)' })
    .max(500, { error: 'must be at most 500 characters' })
    .regex(JSON_POINTER_PATTERN, { error: 'must be a JSON pointer such as /networks/0/vlan' }),
  value: z
    .json({ error: 'must be plain data (text, number, true/false, list or object)' })
    .optional(),
});
export const editSiteInputSchema = z.strictObject({
  text: siteTextSchema,
  edits: z
    .array(fieldEditSchema, { error: 'must be a list of {path, value}' })
    .min(1, { error: 'must name at least one field' })
    .max(MAX_EDITS, { error: `must have at most ${MAX_EDITS} edits` }),
});
export const autosaveInputSchema = z.strictObject({ path: absolutePathSchema, text: siteTextSchema });
export const recoveryInputSchema = z.strictObject({ path: absolutePathSchema });
export const chooseInputSchema = z.strictObject({
  purpose: z.enum(['open-site', 'save-site', 'folder', 'kubeconfig', 'install-dir'], {
    error: 'must be open-site, save-site, folder, kubeconfig or install-dir',
  }),
  defaultPath: absolutePathSchema.optional(),
});

export const MAX_NAME_LENGTH = 63;
/** A DNS label: what site and node names must be. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const dnsLabelSchema = z
  .string({ error: 'must be a text (a name)' })
  .regex(DNS_LABEL, {
    error: 'must be lower case letters, digits and hyphens, start and end with a letter or digit, at most 63 characters',
  });

/** The secrets Sitekit knows by name; values never come back over the contract. */
export const SECRET_NAMES = [
  'ssh-password',
  'ssh-passphrase',
  'git-token',
  'pull-secret',
  'gitops-repo-password',
  'kubeconfig',
  'kubeadmin-password',
  'agent-auth-token',
] as const;
export const MAX_SECRET_BYTES = 64 * 1024;
const secretNameSchema = z
  .string({ error: 'must be a text (a secret name)' })
  .regex(SECRET_NAME_PATTERN, {
    error: `must be one of ${SECRET_NAMES.join(', ')} or bmc-<node>`,
  });

/** OpenSSH SHA-256 fingerprint: `SHA256:` and 43 base64 characters. */
export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const newSiteInputSchema = z.strictObject({ dir: absolutePathSchema, name: dnsLabelSchema });
export const settingsSetInputSchema = z.strictObject({
  gitAuthorName: z
    .string({ error: 'must be a text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' })
    .refine((v) => !/[\0<>\n\r]/.test(v), { error: 'must not contain <, >, NUL or line breaks' })
    .optional(),
  gitAuthorEmail: z
    .string({ error: 'must be a text' })
    .trim()
    .max(254, { error: 'must be at most 254 characters' })
    .regex(/^[^\s@<>]+@[^\s@<>]+$/, { error: 'must be an e-mail address (name@example.com)' })
    .optional(),
});
/** Plain HTTP is accepted only to this computer itself (a token travels in every request). */
export const LOOPBACK_HTTP_URL = /^http:\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?(?:[/?#]\S*)?$/i;
/** An https:// (or loopback http://) address: the server a Git token is for. */
const serverUrlSchema = z
  .string({ error: 'must be a text (an https:// address)' })
  .max(2000)
  .refine((u) => /^https:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i.test(u) || LOOPBACK_HTTP_URL.test(u), {
    error: 'must be an https:// address (e.g. https://git.example.com)',
  });
/** Where the stored SSH password may go: `host:port SHA256:…` (a node's address and its host key). */
export const SSH_TARGET_PATTERN = /^(?:\[[0-9a-f:.]+\]|[a-z0-9._-]{1,253}):\d{1,5} SHA256:[A-Za-z0-9+/]{43}$/;
export const secretSetInputSchema = z.strictObject({
  name: secretNameSchema,
  value: z
    .string({ error: 'must be a text' })
    .min(1, { error: 'must not be empty' })
    .refine((v) => v.length * 3 <= MAX_SECRET_BYTES || new TextEncoder().encode(v).length <= MAX_SECRET_BYTES, {
      error: `is too large (the limit is ${MAX_SECRET_BYTES / 1024} KiB)`,
    }),
  /**
   * Git token and Argo CD Git password (gitops-repo-password) only: the repository address it
   * is for; only its origin (scheme, host, port) is kept. export.run and
   * bundle.writeArgoCdSecrets ask before sending it anywhere else. Without it the secret is
   * bound on its first use, after asking.
   */
  boundTo: serverUrlSchema.optional(),
  /**
   * The person agreed to keep the secret although this computer cannot encrypt it (no key ring:
   * secrets.status says protection 'basic_text' and why). Without it such a store refuses.
   */
  allowPlainText: z.boolean({ error: 'must be true or false' }).optional(),
});
export const secretNameInputSchema = z.strictObject({ name: secretNameSchema });
export const probeRunInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  nodes: z.array(dnsLabelSchema, { error: 'must be a list of node names' }).min(1).max(16).optional(),
  acceptNewHostKeys: z
    .array(
      z.strictObject({
        node: dnsLabelSchema,
        fingerprint: z.string({ error: 'must be a text' }).regex(FINGERPRINT_PATTERN, { error: 'must be an SSH fingerprint (SHA256:…)' }),
      }),
      { error: 'must be a list of {node, fingerprint}' },
    )
    .max(16)
    .optional(),
  identityFile: absolutePathSchema.optional(),
  jumpHost: z
    .string({ error: 'must be a text (user@host:port)' })
    .max(300)
    .regex(/^(?:[A-Za-z0-9._-]{1,64}@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(?::\d{1,5})?$/, {
      error: 'must look like user@host:port (e.g. core@10.0.0.5:22)',
    })
    .optional(),
  connectTimeoutSeconds: z.int({ error: 'must be a whole number of seconds' }).min(1).max(120).optional(),
  /**
   * The technician confirmed sending the stored SSH password to these `host:port SHA256:…`
   * (the targets of a `needs-confirmation` answer); they are then bound to it.
   */
  allowPasswordFor: z
    .array(z.string({ error: 'must be a text' }).regex(SSH_TARGET_PATTERN, { error: 'must look like host:port SHA256:…' }), {
      error: 'must be a list of host:port SHA256:… targets',
    })
    .max(32)
    .optional(),
  /**
   * Also measure the install disk's write latency (fio, as the Assisted Installer does). Opt-in:
   * it WRITES over the first 22 MiB of the disk the boot hint selects, then zeros them (only on
   * a disk without partitions or signatures; core/plant/disk-speed); the UI says so before it
   * runs. Without it the probe only reads.
   */
  diskSpeed: z.boolean({ error: 'must be true or false' }).optional(),
});
export const applyProposalsInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  ids: z
    .array(z.string({ error: 'must be a text' }).min(1).max(300), { error: 'must be a list of proposal ids' })
    .min(1, { error: 'must name at least one proposal' })
    .max(1000),
});
export const sitePathInputSchema = z.strictObject({ sitePath: absolutePathSchema });
export const bundleDiffInputSchema = z.strictObject({ sitePath: absolutePathSchema, against: absolutePathSchema });
export const bundleWriteInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  outDir: absolutePathSchema,
  force: z.boolean({ error: 'must be true or false' }).optional(),
});
export const argocdSecretsInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  dir: absolutePathSchema,
  /**
   * The technician confirmed writing the stored Git password for this server (the target of a
   * `needs-confirmation` answer: the origin of the plan's gitops.repoURL); it is then bound to it.
   */
  allowPasswordFor: serverUrlSchema.optional(),
});
const repoSchema = z
  .string({ error: 'must be a text (a folder, a file:// or an https:// URL)' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_PATH_LENGTH)
  .refine((p) => !p.includes('\0'), { error: 'must not contain a NUL character' })
  .refine((p) => isAbsolutePath(p) || /^(?:https|file):\/\/[^\s]+$/i.test(p) || LOOPBACK_HTTP_URL.test(p), {
    error: 'must be an absolute folder path (a clone, a bare repository or an empty folder) or a file:// or https:// URL',
  });
export const exportRunInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  repo: repoSchema,
  push: z.boolean({ error: 'must be true or false' }).optional(),
  force: z.boolean({ error: 'must be true or false' }).optional(),
  /**
   * The technician confirmed sending the stored Git token to this origin (the target of a
   * `needs-confirmation` answer); the token is then bound to it.
   */
  allowTokenFor: serverUrlSchema.optional(),
});
export const exportPendingInputSchema = z.strictObject({ sitePath: absolutePathSchema, repo: repoSchema });
export const reportWriteInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  pdf: z.boolean({ error: 'must be true or false' }).optional(),
});

/** Largest kubeconfig read from a file (openshift-install's auth/kubeconfig is about 10 KiB). */
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;
/** A certificate's SHA-256 fingerprint as shown: `SHA256:` and 32 colon-separated hex bytes. */
export const CERT_FINGERPRINT_PATTERN = /^SHA256:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}$/;
/** A task the UI may cancel (cluster.cancel): letters, digits, dot, underscore, hyphen. */
export const TASK_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
const taskIdSchema = z
  .string({ error: 'must be a text (a task id)' })
  .regex(TASK_ID_PATTERN, { error: 'must be 1–100 letters, digits, dots, underscores or hyphens' });
export const clusterConnectInputSchema = z
  .strictObject({
    sitePath: absolutePathSchema,
    /**
     * openshift-install's auth/kubeconfig (or another admin kubeconfig): read by the host (at most
     * 1 MiB), checked, and kept in the secret store as `kubeconfig`, bound to its API server.
     * Without it (and without installDir) the stored one is used. Its content never comes back.
     */
    kubeconfigPath: absolutePathSchema.optional(),
    /**
     * The folder `openshift-install agent create image` ran in (instead of kubeconfigPath). The host
     * reads auth/kubeconfig (as kubeconfigPath), auth/kubeadmin-password and the agent API token
     * of .openshift_install_state.json, and keeps them as `kubeconfig`, `kubeadmin-password` and
     * `agent-auth-token`, all bound to the kubeconfig's API server. Nothing is kept when the
     * kubeconfig is missing or for another cluster. The answer's `installDir` names what was kept
     * and what is missing; no value ever comes back.
     */
    installDir: absolutePathSchema.optional(),
    /** Reach the API at this address (the plan's API VIP) instead of its name; TLS still checks the name. */
    viaAddress: z
      .string({ error: 'must be a text (an IP address or host name)' })
      .max(253, { error: 'must be at most 253 characters' })
      .refine(isAddress, { error: 'must be an IP address or a host name (e.g. 192.168.10.5), without a port' })
      .optional(),
    /** The CA fingerprint the technician compared and accepted (first contact, like an SSH host key). */
    acceptCaSha256: z
      .string({ error: 'must be a text (SHA256:AB:CD:…)' })
      .regex(CERT_FINGERPRINT_PATTERN, { error: 'must be a certificate fingerprint: SHA256: and 32 hex pairs separated by colons (SHA256:AB:CD:…)' })
      .transform((f) => f.toUpperCase())
      .optional(),
    /**
     * With kubeconfigPath or installDir: the person agreed to keep what is read although this
     * computer cannot encrypt it (secrets.status says protection 'basic_text'). Without it such a
     * store refuses.
     */
    allowPlainText: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((input) => input.kubeconfigPath === undefined || input.installDir === undefined, {
    error: 'goes without kubeconfigPath: give the install folder or the kubeconfig file, not both',
    path: ['installDir'],
  });
export const clusterWatchInstallInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  taskId: taskIdSchema,
  /**
   * The rendezvous host's agent API (`host` or `host:port`, port 8090 when not given). Default:
   * the plan's rendezvous IP while the cluster does not answer yet; once it does, the cluster alone.
   */
  agentAddress: z
    .string({ error: 'must be a text (an IP address or host name, optionally with :port)' })
    .max(260, { error: 'must be at most 260 characters' })
    .refine(isAddressWithPort, { error: 'must be an IP address or a host name, optionally with :port (e.g. 192.168.10.11 or 192.168.10.11:8090)' })
    .optional(),
});
export const clusterBootstrapInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  taskId: taskIdSchema,
  /**
   * The technician confirmed sending the stored Argo CD Git password (gitops-repo-password) to
   * this origin (the target of a `needs-confirmation` answer: the plan's gitops.repoURL); it is
   * then bound to it.
   */
  allowPasswordFor: serverUrlSchema.optional(),
});
export const clusterCancelInputSchema = z.strictObject({ taskId: taskIdSchema });
export const clusterVerifyInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  /** Optional: run as a task cluster.cancel({taskId}) can stop (a large cluster takes a while). */
  taskId: taskIdSchema.optional(),
  /**
   * A folder of the sites repository: its *.yaml, *.yml and *.json manifests are checked for HA
   * readiness too (findings with file:line). In the desktop app only a folder chosen with
   * site.choose (purpose `folder`); never Sitekit's own data folder.
   */
  manifestsDir: absolutePathSchema.optional(),
});

export const clusterDriftInputSchema = z.strictObject({
  sitePath: absolutePathSchema,
  /** Optional: run as a task cluster.cancel({taskId}) can stop. */
  taskId: taskIdSchema.optional(),
});

export type NewSiteInput = z.input<typeof newSiteInputSchema>;
export type SettingsSetInput = z.input<typeof settingsSetInputSchema>;
export type SecretSetInput = z.input<typeof secretSetInputSchema>;
export type SecretNameInput = z.input<typeof secretNameInputSchema>;
export type ProbeRunInput = z.input<typeof probeRunInputSchema>;
export type ApplyProposalsInput = z.input<typeof applyProposalsInputSchema>;
export type SitePathInput = z.input<typeof sitePathInputSchema>;
export type BundleDiffInput = z.input<typeof bundleDiffInputSchema>;
export type BundleWriteInput = z.input<typeof bundleWriteInputSchema>;
export type ArgoCdSecretsInput = z.input<typeof argocdSecretsInputSchema>;
export type ExportRunInput = z.input<typeof exportRunInputSchema>;
export type ExportPendingInput = z.input<typeof exportPendingInputSchema>;
export type ReportWriteInput = z.input<typeof reportWriteInputSchema>;
export type ClusterConnectInput = z.input<typeof clusterConnectInputSchema>;
export type ClusterWatchInstallInput = z.input<typeof clusterWatchInstallInputSchema>;
export type ClusterBootstrapInput = z.input<typeof clusterBootstrapInputSchema>;
export type ClusterCancelInput = z.input<typeof clusterCancelInputSchema>;
export type ClusterVerifyInput = z.input<typeof clusterVerifyInputSchema>;
export type ClusterDriftInput = z.input<typeof clusterDriftInputSchema>;

export type OpenSiteInput = z.input<typeof openSiteInputSchema>;
export type EditSiteInput = z.input<typeof editSiteInputSchema>;
export type AutosaveInput = z.input<typeof autosaveInputSchema>;
export type RecoveryInput = z.input<typeof recoveryInputSchema>;
export type ChooseInput = z.input<typeof chooseInputSchema>;
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
    /**
     * Apply field edits to the text (comments, order and quoting kept) and check the result;
     * nothing is written. The answer's `text` is the edited YAML.
     */
    edit(input: EditSiteInput): Promise<SiteDocument>;
    /** Keep unsaved text for `path` so it survives a crash (not the file itself). */
    autosave(input: AutosaveInput): Promise<AutosaveResult>;
    /** Forget the autosaved text for `path` (true when there was one). */
    discardRecovery(input: RecoveryInput): Promise<boolean>;
    /** Native open/save/folder dialog (desktop); `supported: false` in browser mode. */
    choose(input: ChooseInput): Promise<ChooseResult>;
    /** Check the text and, when it is a readable plan, write it atomically to `path`. */
    save(input: SaveSiteInput): Promise<SaveResult>;
    /** Start a site from the reference example in `dir` (site.yaml; never overwrites). */
    'new'(input: NewSiteInput): Promise<SaveResult>;
    /** Recently opened or saved site files, most recent first. */
    recent(): Promise<string[]>;
  };
  settings: {
    get(): Promise<SettingsView>;
    set(input: SettingsSetInput): Promise<SettingsView>;
  };
  secrets: {
    /** Stores a secret (renderer → main only; there is no call that returns a value). */
    set(input: SecretSetInput): Promise<{ name: string; stored: true }>;
    has(input: SecretNameInput): Promise<boolean>;
    delete(input: SecretNameInput): Promise<boolean>;
    status(): Promise<SecretStatus>;
  };
  probe: {
    /** Probes the nodes over SSH (progress as `probe.progress` events). */
    run(input: ProbeRunInput): Promise<ProbeRunResult>;
    /** Applies proposals of the stored inventories to site.yaml (comments kept). */
    applyProposals(input: ApplyProposalsInput): Promise<SaveResult>;
    /** The inventories stored by the last probe of this site (empty when never probed). */
    inventories(input: SitePathInput): Promise<InventoryView[]>;
  };
  bundle: {
    preview(input: SitePathInput): Promise<BundlePreview>;
    diff(input: BundleDiffInput): Promise<BundleDiff>;
    write(input: BundleWriteInput): Promise<BundleWriteResult>;
    /**
     * Writes the Argo CD repository Secret (gitops.credentials, the password from the secret
     * store) to a local-only folder outside any Git work tree and the site's folder; answers the
     * folder, the files and the `oc apply` command, never the password.
     */
    writeArgoCdSecrets(input: ArgoCdSecretsInput): Promise<ArgoCdSecretsResult>;
  };
  export: {
    /** Commits the bundle on site/<name> (progress as `export.progress` events), pushes with `push`. */
    run(input: ExportRunInput): Promise<ExportRunResult>;
    pending(input: ExportPendingInput): Promise<number>;
  };
  report: {
    /** The self-contained handover report (HTML). */
    render(input: SitePathInput): Promise<string>;
    /**
     * Writes the report as report.html next to site.yaml (atomically) and, with `pdf`, also
     * report.pdf when this Sitekit can print; otherwise `pdfUnavailable` says why not.
     */
    write(input: ReportWriteInput): Promise<ReportWriteResult>;
  };
  cluster: {
    /**
     * Connects to the site's API server. With `kubeconfigPath` the host reads that file, checks
     * it and keeps it in the secret store (never sent back); with `installDir` it takes the
     * kubeconfig, the kubeadmin password and the agent API token from the install folder
     * (`installDir` of the answer says which); without either the stored kubeconfig is used.
     * First contact answers `needs-acceptance` with the CA fingerprint (call again with
     * `acceptCaSha256`); a CA other than the accepted one answers `pin-changed` and stops. The
     * accepted CA is kept in .sitekit/cluster/api-pin.json next to site.yaml.
     */
    connect(input: ClusterConnectInput): Promise<ClusterConnectResult>;
    /**
     * Follows the install (the agent API on the rendezvous host while it answers, then the
     * cluster) until it is installed or fails; progress as `cluster.progress` events with this
     * `taskId`. Ends with the last progress and the checks of the live cluster against the plan.
     */
    watchInstall(input: ClusterWatchInstallInput): Promise<ClusterInstallResult>;
    /**
     * Applies the GitOps bootstrap of the generated bundle and follows every wave until done;
     * progress as `cluster.progress` events with this `taskId`. Applies with server-side apply
     * and never forces over another field manager.
     */
    bootstrap(input: ClusterBootstrapInput): Promise<BootstrapProgress>;
    /**
     * Checks the live cluster (plan checks, operators, storage, applications, drift, HA
     * readiness) and saves the result to .sitekit/cluster/verification.json for the report.
     * With `manifestsDir` also the HA readiness of the sites repository's manifests in it.
     */
    verify(input: ClusterVerifyInput): Promise<LiveVerification>;
    /** Compares every object of the generated bundle with the live one. */
    drift(input: ClusterDriftInput): Promise<DriftResult>;
    /** Stops a running watchInstall, bootstrap, or verify/drift given a taskId; true when a task with this id was running. */
    cancel(input: ClusterCancelInput): Promise<boolean>;
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
  'site.edit': editSiteInputSchema,
  'site.autosave': autosaveInputSchema,
  'site.discardRecovery': recoveryInputSchema,
  'site.choose': chooseInputSchema,
  'site.save': saveSiteInputSchema,
  'site.new': newSiteInputSchema,
  'site.recent': noInputSchema,
  'settings.get': noInputSchema,
  'settings.set': settingsSetInputSchema,
  'secrets.set': secretSetInputSchema,
  'secrets.has': secretNameInputSchema,
  'secrets.delete': secretNameInputSchema,
  'secrets.status': noInputSchema,
  'probe.run': probeRunInputSchema,
  'probe.applyProposals': applyProposalsInputSchema,
  'probe.inventories': sitePathInputSchema,
  'bundle.preview': sitePathInputSchema,
  'bundle.diff': bundleDiffInputSchema,
  'bundle.write': bundleWriteInputSchema,
  'bundle.writeArgoCdSecrets': argocdSecretsInputSchema,
  'export.run': exportRunInputSchema,
  'export.pending': exportPendingInputSchema,
  'report.render': sitePathInputSchema,
  'report.write': reportWriteInputSchema,
  'cluster.connect': clusterConnectInputSchema,
  'cluster.watchInstall': clusterWatchInstallInputSchema,
  'cluster.bootstrap': clusterBootstrapInputSchema,
  'cluster.verify': clusterVerifyInputSchema,
  'cluster.drift': clusterDriftInputSchema,
  'cluster.cancel': clusterCancelInputSchema,
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

