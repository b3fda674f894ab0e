// The last verification of the live cluster, kept next to the plan in
// <site dir>/.sitekit/cluster/verification.json so the handover report can show it. It holds
// no secret (LiveVerification never does). A file that cannot be read is reported as such,
// never taken for "not verified".
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { BoundedReadError, readTextBounded } from '../fs/read-bounded';
import { workspaceDir } from '../probe/store';
import type { LiveVerification } from './types';

export const VERIFICATION_FILE = 'verification.json';
/** Hundreds of drifted objects stay far below this. */
const MAX_VERIFICATION_BYTES = 16 * 1024 * 1024;

export function clusterWorkspace(siteDir: string): string {
  return path.join(workspaceDir(siteDir), 'cluster');
}

export function verificationPath(siteDir: string): string {
  return path.join(clusterWorkspace(siteDir), VERIFICATION_FILE);
}

const text = z.string().max(100_000);
const ref = z.looseObject({ apiVersion: text, kind: text, name: text, namespace: text.optional() });
const check = z.looseObject({ id: text, title: text, state: z.enum(['ok', 'mismatch', 'unknown']), expected: text, actual: text });
const verificationSchema = z.looseObject({
  verifiedAt: text,
  server: text,
  nodes: z.array(z.looseObject({ name: text, ready: z.boolean(), roles: z.array(text), addresses: z.array(text), schedulable: z.boolean() })),
  checks: z.array(check),
  operators: z.array(z.looseObject({ name: text })),
  applications: z.array(z.looseObject({ name: text })),
  drift: z.looseObject({
    at: text,
    objects: z.array(ref.extend({ file: text, state: z.enum(['same', 'different', 'missing', 'unknown']), managedBy: text, differences: z.array(z.looseObject({ path: text, expected: text, actual: text })) })),
    summary: z.looseObject({ same: z.number(), different: z.number(), missing: z.number(), unknown: z.number() }),
  }),
  ha: z.array(z.looseObject({ severity: z.enum(['error', 'warning', 'info']), rule: text, object: ref, where: text, message: text, fix: text })),
  state: z.enum(['ok', 'problems']),
});

export async function saveVerification(siteDir: string, verification: LiveVerification): Promise<string> {
  const file = verificationPath(siteDir);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(verification, null, 2)}\n`);
  return file;
}

export type StoredVerification =
  | { state: 'absent' }
  | { state: 'ok'; verification: LiveVerification }
  /** The file is there but cannot be used; `problem` says why in words (never its content). */
  | { state: 'unreadable'; problem: string };

export async function loadVerification(siteDir: string): Promise<StoredVerification> {
  const file = verificationPath(siteDir);
  let raw: string;
  try {
    raw = await readTextBounded(file, { maxBytes: MAX_VERIFICATION_BYTES, what: 'a verification file' });
  } catch (error) {
    if (error instanceof BoundedReadError && error.problem === 'not-found') return { state: 'absent' };
    return { state: 'unreadable', problem: error instanceof Error ? error.message : String(error) };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { state: 'unreadable', problem: `${file} is not valid JSON; verify the cluster again to replace it` };
  }
  const parsed = verificationSchema.safeParse(data);
  if (!parsed.success) return { state: 'unreadable', problem: `${file} is not a Sitekit verification file; verify the cluster again to replace it` };
  return { state: 'ok', verification: parsed.data as unknown as LiveVerification };
}
