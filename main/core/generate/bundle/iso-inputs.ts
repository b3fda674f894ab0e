// The local-only ISO inputs: install-config.yaml WITH the real pull secret, and
// agent-config.yaml, ready for `openshift-install agent create image --dir <dir>`. This is
// the one place a secret is written (DESIGN §7): folder 0700, files 0600, never inside a
// bundle or a Git work tree, where it could be committed. An existing folder is used only
// when it is private (owned by this user, writable by no one else) and holds nothing but an
// earlier run's output; its mode is left as it is.
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { Site } from '../../site/schema';
import { toYaml, type GeneratedFile } from '../files';
import { agentConfig, installConfig } from '../install';

export type PullSecretParse = { ok: true; value: string } | { ok: false; problem: string };

/** A pull secret is a docker config JSON: `{"auths": {"<registry>": {"auth": ...}}}`. */
export function parsePullSecret(text: string): PullSecretParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'is not JSON; download the pull secret from console.redhat.com (a JSON file with "auths")' };
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || auths === null || typeof auths !== 'object' || Array.isArray(auths)) {
    return { ok: false, problem: 'is JSON but has no "auths" map; it is not a pull secret' };
  }
  if (Object.keys(auths).length === 0) return { ok: false, problem: 'has an empty "auths" map' };
  return { ok: true, value: JSON.stringify(parsed) };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function isPresent(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The Git work tree that contains `dir` (a folder with `.git` above it), if any. */
export async function gitWorkTreeOf(dir: string): Promise<string | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    if (await isPresent(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Written first into every ISO inputs folder: it marks the files next to it as Sitekit's. */
export const ISO_INPUTS_MARKER = '.sitekit-iso-inputs';
/** What writeIsoInputs writes, besides the marker. */
const ISO_INPUT_NAMES = ['install-config.yaml', 'agent-config.yaml'];
/** writeFileAtomic's temporary file of one of them, left by a crash (may hold the pull secret). */
const STALE_TEMP = /^\.(install-config\.yaml|agent-config\.yaml|sitekit-iso-inputs)\.[0-9a-f]{12}\.tmp$/;

const MARKER_TEXT =
  'ACP Sitekit wrote this folder (sitekit generate --iso-inputs): install-config.yaml, with the pull secret,\n' +
  'and agent-config.yaml. Sitekit writes over them again on the next run and refuses the folder once it\n' +
  'holds anything else. Keep the folder local; never commit it.\n';

function listed(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

/**
 * Why the existing folder `isoDir` may not receive the ISO inputs: it is shared (another
 * owner, or writable by its group or everyone), or it holds files Sitekit did not write.
 * A missing folder is fine: it is created 0700.
 */
async function isoFolderProblem(isoDir: string): Promise<string | undefined> {
  let info;
  try {
    info = await stat(isoDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!info.isDirectory()) return `${isoDir} exists and is not a folder`;
  const uid = process.getuid?.();
  if (uid !== undefined) {
    if (info.uid !== uid) {
      return `${isoDir} belongs to another user (uid ${info.uid}), who could read the pull secret or replace the files. Choose a folder of your own`;
    }
    if ((info.mode & 0o022) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
      return (
        `${isoDir} is shared: it is writable by ${(info.mode & 0o002) !== 0 ? 'everyone' : 'its group'} (mode ${mode}), so others could ` +
        'replace the files before openshift-install reads them. Sitekit does not change the mode of an existing folder: ' +
        'choose a new folder (it is created 0700) or make this one private yourself (chmod 700)'
      );
    }
  }
  const entries = await readdir(isoDir);
  const foreign = entries.filter((name) => name !== ISO_INPUTS_MARKER && !ISO_INPUT_NAMES.includes(name) && !STALE_TEMP.test(name)).sort();
  if (foreign.length > 0) {
    return (
      `${isoDir} holds files Sitekit did not write (${listed(foreign)}). Choose a new or empty folder ` +
      '(openshift-install leaves its state and the ISO in the folder: use a new one for every ISO)'
    );
  }
  const unmarked = entries.filter((name) => ISO_INPUT_NAMES.includes(name)).sort();
  if (unmarked.length > 0 && !entries.includes(ISO_INPUTS_MARKER)) {
    return (
      `${isoDir} already has ${listed(unmarked)}, not written by this Sitekit (there is no ${ISO_INPUTS_MARKER} next to ` +
      `${unmarked.length === 1 ? 'it' : 'them'}), which would be overwritten. Move ${unmarked.length === 1 ? 'it' : 'them'} away, or choose a new folder`
    );
  }
  return undefined;
}

/** Why the ISO inputs may not go to `isoDir`, or undefined when they may. */
export async function isoInputsProblem(isoDir: string, bundleDir: string | undefined): Promise<string | undefined> {
  const iso = path.resolve(isoDir);
  if (bundleDir !== undefined) {
    const bundle = path.resolve(bundleDir);
    if (isInside(iso, bundle) || isInside(bundle, iso)) {
      return `${isoDir} overlaps the bundle folder ${bundleDir}; the pull secret must never be part of a bundle`;
    }
  }
  const workTree = await gitWorkTreeOf(iso);
  if (workTree !== undefined) {
    return `${isoDir} is inside the Git work tree ${workTree}; the pull secret could be committed. Choose a folder outside any repository`;
  }
  return isoFolderProblem(isoDir);
}

export function isoInputFiles(site: Site, pullSecret: string): GeneratedFile[] {
  return [
    { path: 'install-config.yaml', content: toYaml({ ...installConfig(site), pullSecret }) },
    { path: 'agent-config.yaml', content: toYaml(agentConfig(site)) },
  ];
}

/**
 * Writes the ISO inputs into `dir`: a new folder is created 0700; an existing one must pass
 * the checks of isoInputsProblem (checked here again) and keeps its mode. Files are 0600.
 */
export async function writeIsoInputs(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  const problem = await isoFolderProblem(path.resolve(dir));
  if (problem) throw new Error(problem);
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(dir, 0o700); // ours: private whatever the umask
  for (const name of await readdir(dir)) {
    if (STALE_TEMP.test(name)) await rm(path.join(dir, name), { force: true });
  }
  // The marker first: after a crash between the files the next run still knows them as its own.
  await writeFileAtomic(path.join(dir, ISO_INPUTS_MARKER), MARKER_TEXT, { mode: 0o600 });
  for (const file of files) await writeFileAtomic(path.join(dir, file.path), file.content, { mode: 0o600 });
}
