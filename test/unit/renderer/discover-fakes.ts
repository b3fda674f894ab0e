// A fake of the API calls the Discover step makes: probe runs that stay open until the test
// answers them (so progress events can arrive in between), a secret store that keeps values
// where the test can see them, and an event bus that counts its listeners.
import { vi } from 'vitest';
import type {
  EventListener,
  PlanProposal,
  ProbeNodeResult,
  ProbeRunInput,
  ProbeRunResult,
  SaveResult,
  SecretStatus,
  SitekitEvent,
} from '../../../main/contract/api';
import type { Finding } from '../../../main/core/validation/finding';
import type { DiscoverApi } from '../../../renderer/src/steps/discover/discover-store';

export const SITE = '/home/tech/plant-a/site.yaml';
export const FP1 = `SHA256:${'A'.repeat(43)}`;
export const FP2 = `SHA256:${'B'.repeat(43)}`;
export const FP3 = `SHA256:${'C'.repeat(43)}`;

export const ok = (node: string, durationMs = 4200): ProbeNodeResult => ({
  node,
  status: 'ok',
  message: `Collected from ${node} (10.0.0.1:22).`,
  fingerprint: FP3,
  algorithm: 'ssh-ed25519',
  durationMs,
});
export const unknownKey = (node: string, fingerprint = FP1): ProbeNodeResult => ({
  node,
  status: 'host-key-unknown',
  message: `${node} (10.0.0.1:22) presented an unknown host key ${fingerprint} (ssh-ed25519). Compare it with the fingerprint on the node console, then accept it to pin it.`,
  fingerprint,
  algorithm: 'ssh-ed25519',
  durationMs: 300,
});
export const changedKey = (node: string): ProbeNodeResult => ({
  node,
  status: 'host-key-changed',
  message: `The host key of ${node} has changed: it was pinned as ${FP1} (ssh-ed25519) and is now ${FP2} (ssh-ed25519).`,
  fingerprint: FP2,
  pinnedFingerprint: FP1,
  algorithm: 'ssh-ed25519',
  durationMs: 250,
});

export const proposal = (id: string, extra: Partial<PlanProposal> = {}): PlanProposal => ({
  id,
  node: 'acp-1',
  path: '/nodes/0/interfaces/0/mac',
  proposed: '52:54:00:aa:bb:01',
  reason: 'acp-1 has ens1f0 with this MAC.',
  replaces: false,
  ...extra,
});

export const finding = (id: string, path: string, message: string, severity: Finding['severity'] = 'warning'): Finding => ({
  id,
  severity,
  path,
  message,
  step: 'discover',
});

export function runResult(results: ProbeNodeResult[], proposals: PlanProposal[] = [], findings: Finding[] = []): ProbeRunResult {
  return { results, findings, proposals };
}

interface Pending {
  input: ProbeRunInput;
  resolve(value: ProbeRunResult): void;
  reject(error: unknown): void;
}

export function fakeDiscoverApi() {
  const listeners = new Set<EventListener>();
  const runs: Pending[] = [];
  /** What the secret store holds: only the fake sees values. */
  const vault = new Map<string, string>();
  let status: Omit<SecretStatus, 'names'> = { protection: 'os-keychain' };

  const api = {
    probe: {
      run: vi.fn(
        (input: ProbeRunInput) =>
          new Promise<ProbeRunResult>((resolve, reject) => {
            runs.push({ input, resolve, reject });
          }),
      ),
      applyProposals: vi.fn(
        async ({ sitePath }: { sitePath: string; ids: string[] }): Promise<SaveResult> => ({
          path: sitePath,
          savedAt: '2026-11-21T15:30:00.000Z',
          readOnly: false,
          text: 'apiVersion: sitekit/v1\n',
          status: 'ok',
          findings: [],
          summary: { errors: 0, warnings: 0, infos: 0 },
        }),
      ),
      inventories: vi.fn(async () => []),
    },
    secrets: {
      set: vi.fn(async ({ name, value }: { name: string; value: string }) => {
        vault.set(name, value);
        return { name, stored: true as const };
      }),
      has: vi.fn(async ({ name }: { name: string }) => vault.has(name)),
      delete: vi.fn(async ({ name }: { name: string }) => vault.delete(name)),
      status: vi.fn(async (): Promise<SecretStatus> => ({ ...status, names: [...vault.keys()] })),
    },
    onEvent: vi.fn((listener: EventListener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    }),
  } satisfies DiscoverApi;

  return {
    api,
    vault,
    runs,
    listeners,
    setProtection(next: Omit<SecretStatus, 'names'>) {
      status = next;
    },
    emit(event: SitekitEvent) {
      for (const l of [...listeners]) l(event);
    },
    progress(node: string, phase: string, extra: { status?: string; message?: string } = {}) {
      for (const l of [...listeners]) l({ event: 'probe.progress', payload: { node, phase, ...extra } });
    },
    /** The latest pending run. */
    last(): Pending {
      const run = runs.at(-1);
      if (!run) throw new Error('no probe run was started');
      return run;
    },
  };
}

/** Lets the store's awaits settle. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
