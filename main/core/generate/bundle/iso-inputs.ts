// The local-only ISO inputs: install-config.yaml WITH the real pull secret, and
// agent-config.yaml, ready for `openshift-install agent create image --dir <dir>`. This is
// the one place a secret is written (DESIGN §7): folder 0700, files 0600, never inside a
// bundle or a Git work tree, where it could be committed.
import { chmod, mkdir, stat } from 'node:fs/promises';
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
  return undefined;
}

export function isoInputFiles(site: Site, pullSecret: string): GeneratedFile[] {
  return [
    { path: 'install-config.yaml', content: toYaml({ ...installConfig(site), pullSecret }) },
    { path: 'agent-config.yaml', content: toYaml(agentConfig(site)) },
  ];
}

export async function writeIsoInputs(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  for (const file of files) await writeFileAtomic(path.join(dir, file.path), file.content, { mode: 0o600 });
}
