// Clocks: nodes within 4 minutes of each other and of the laptop (TLS certificates and etcd
// break on skewed clocks), and NTP synchronised.
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import { finding, type NodeContext } from './context';

export const MAX_SKEW_MS = 4 * 60 * 1000;

/** Node clock minus laptop clock at collection; undefined for imports (collected at another time). */
function offsetMs(ctx: NodeContext, laptopTime: number | undefined): number | undefined {
  const node = ctx.inventory.facts.time?.epochMs;
  if (node === undefined || ctx.inventory.source === 'import') return undefined;
  const collected = Date.parse(ctx.inventory.collectedAt);
  const laptop = Number.isFinite(collected) ? collected : laptopTime;
  return laptop === undefined ? undefined : node - laptop;
}

export function timeFindings(contexts: readonly NodeContext[], laptopTime: number | undefined): Finding[] {
  const findings: Finding[] = [];
  const at = pointer('cluster', 'ntpServers');
  const offsets: { host: string; offset: number }[] = [];
  for (const ctx of contexts) {
    const host = ctx.node.hostname;
    const offset = offsetMs(ctx, laptopTime);
    if (offset !== undefined) {
      offsets.push({ host, offset });
      if (Math.abs(offset) > MAX_SKEW_MS) {
        findings.push(
          finding('hw.clock-off-laptop', 'warning', at, `${host}: the clock is ${describe(offset)} ${offset > 0 ? 'ahead of' : 'behind'} this laptop.`,
            'Check the node\'s NTP servers and the BIOS clock (and the laptop\'s clock).'),
        );
      }
    }
    const synced = ctx.inventory.facts.time?.ntpSynced;
    if (synced === false) {
      findings.push(
        finding('hw.ntp-not-synced', 'warning', at, `${host}: the clock is not synchronised by NTP.`,
          'Check that the planned NTP servers are reachable from the node.'),
      );
    }
  }
  if (offsets.length >= 2) {
    const sorted = [...offsets].sort((a, b) => a.offset - b.offset);
    const low = sorted[0]!;
    const high = sorted[sorted.length - 1]!;
    if (high.offset - low.offset > MAX_SKEW_MS) {
      findings.push(
        finding('hw.clock-skew', 'error', at, `The node clocks differ by ${describe(high.offset - low.offset)} (${high.host} is ahead of ${low.host}).`,
          'Nodes more than 4 minutes apart break certificates and etcd; fix NTP before installing.'),
      );
    }
  }
  return findings;
}

function describe(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
