// Which answer in a node's capture belongs to which question of the CURRENT plan. Request ids
// are only unique inside one capture, and the plan may have changed since the probe, so results
// are matched by the request's content (requestKey): a question the capture did not ask is
// "not checked", never judged by a stale answer.
import type { NodeContext } from '../../probe/checks/context';
import type { NodeInventory } from '../../probe/inventory';
import { requestKey } from '../requests';
import type { DnsResult, HttpResult, NtpResult, PingResult, PlantExpectation, PlantFacts, PlantPlan, PlantRequest, TlsResult } from '../types';

export interface ResultByKind {
  dns: DnsResult;
  tls: TlsResult;
  http: HttpResult;
  ntp: NtpResult;
  ping: PingResult;
}
export type Kind = keyof ResultByKind;
export type RequestOf<K extends Kind> = Extract<PlantRequest, { kind: K }>;

/** Why a question of the current plan has no answer for this node. */
export type Unchecked = 'not-in-capture' | 'no-result';

export interface Observation<K extends Kind> {
  ctx: NodeContext;
  /** The current plan's request (its id is the plan's, not the capture's). */
  request: RequestOf<K>;
  expectation: PlantExpectation | undefined;
  result?: ResultByKind[K];
  unchecked?: Unchecked;
}

/** The node's plant facts; `facts.plant` is added to the facts schema by the capture parser. */
export function plantFactsOf(inventory: NodeInventory): PlantFacts | undefined {
  return (inventory.facts as { plant?: PlantFacts }).plant;
}

/** The request's content: without its id, and without the credentials slot (live probe only). */
function contentKey(request: PlantRequest): string {
  const bare = request.kind === 'http' ? { ...request, id: '', auth: undefined } : { ...request, id: '' };
  return requestKey(bare);
}

function resultsOf<K extends Kind>(facts: PlantFacts, kind: K): readonly ResultByKind[K][] {
  const byKind: { [T in Kind]: readonly ResultByKind[T][] } = { dns: facts.dns, tls: facts.tls, http: facts.http, ntp: facts.ntp, ping: facts.ping };
  return byKind[kind];
}

export function observe<K extends Kind>(plan: PlantPlan, contexts: readonly NodeContext[], kind: K): Observation<K>[] {
  const requests = plan.requests.filter((r): r is RequestOf<K> => r.kind === kind);
  const observations: Observation<K>[] = [];
  for (const ctx of contexts) {
    // A capture without plant facts predates the plant checks (collection script v1): nothing
    // to judge, and nothing to nag about on every old inventory; Discover shows it as not run.
    const facts = plantFactsOf(ctx.inventory);
    if (!facts) continue;
    const captured = new Map<string, string>();
    for (const r of facts.requests) {
      if (r.kind !== kind) continue;
      const key = contentKey(r);
      if (!captured.has(key)) captured.set(key, r.id);
    }
    const results = resultsOf(facts, kind);
    for (const request of requests) {
      const expectation = plan.expectations.find((e) => e.requestId === request.id);
      const base = { ctx, request, expectation };
      const capturedId = captured.get(contentKey(request));
      const result = capturedId === undefined ? undefined : results.find((r) => r.requestId === capturedId);
      if (capturedId === undefined) observations.push({ ...base, unchecked: 'not-in-capture' });
      else if (!result) observations.push({ ...base, unchecked: 'no-result' });
      else observations.push({ ...base, result });
    }
  }
  return observations;
}

/** Plain words for a question that was not answered, for the "not checked" findings. */
export function uncheckedReason(unchecked: Unchecked): string {
  switch (unchecked) {
    case 'not-in-capture':
      return 'the capture did not ask it (the plan changed after the probe)';
    case 'no-result':
      return 'the capture asked it but holds no answer (the check did not finish)';
  }
}
