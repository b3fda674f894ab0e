// Plain words for the Discover step: phases, probe statuses and what to do about them. The
// probe's own message (from main/core/probe/ssh) is always shown as well; these add the advice
// in the app's terms (fields and buttons instead of CLI options).
import type { PlanProposal, ProbeNodeResult } from '../../../../main/contract/api';
import type { NodePhase } from './discover-store';

export const PHASE_WORDS: Record<NodePhase, string> = {
  queued: 'Waiting to start',
  connecting: 'Connecting',
  authenticating: 'Logging in',
  collecting: 'Collecting hardware facts',
  parsing: 'Reading the output',
  done: 'Done',
  failed: 'Failed',
};

/** Step labels of the little progress line on each node card. */
export const PHASE_STEPS: ReadonlyArray<{ phase: NodePhase; label: string }> = [
  { phase: 'connecting', label: 'Connect' },
  { phase: 'authenticating', label: 'Log in' },
  { phase: 'collecting', label: 'Collect' },
  { phase: 'parsing', label: 'Read' },
  { phase: 'done', label: 'Done' },
];

export interface StatusAdvice {
  /** Short headline. */
  title: string;
  /** What the technician can do about it. */
  todo: string;
}

/** Headline and advice for a node that failed. */
export function adviceFor(result: Pick<ProbeNodeResult, 'status' | 'message'>, viaJump = false): StatusAdvice {
  const jump = viaJump && result.message.startsWith('Not probed:');
  switch (result.status) {
    case 'unreachable':
      return jump
        ? { title: 'The jump host cannot be reached', todo: 'Check the jump host address in the connection settings and that the laptop can reach it.' }
        : {
            title: 'Cannot reach the node',
            todo:
              'Check that the node is switched on and booted into the live/discovery image, that the network cable is plugged in, ' +
              'and that its SSH address in the Nodes step is right. The laptop needs an address in the same network or a route to it.',
          };
    case 'auth-failed':
      return /passphrase|encrypted/i.test(result.message)
        ? { title: 'The key file needs its passphrase', todo: 'Store the key passphrase in the connection settings above and discover again.' }
        : {
            title: jump ? 'The jump host refused the login' : 'The node refused the login',
            todo:
              'Check the user name in the Nodes step (the live image usually uses "core"), the SSH key file, ' +
              'or store the right password in the connection settings above. A password that was stored wrongly can be forgotten and typed again.',
          };
    case 'timeout':
      return {
        title: 'The node did not answer in time',
        todo:
          'The link may be slow or a command on the node hangs. Check the cable, then discover again, with a longer connection timeout if the login is slow.',
      };
    case 'host-key-unknown':
      return jump
        ? {
            title: 'The jump host is not trusted yet',
            todo:
              'The jump host showed a key Sitekit has not pinned. This screen cannot trust a jump host key yet: compare its fingerprint with the jump host, ' +
              'then pin it once with "sitekit probe <site.yaml> --jump … --accept-new-host-keys", or connect without a jump host.',
          }
        : { title: 'First connection: confirm this node', todo: 'Compare the fingerprint with the one shown on the node’s console, then trust it.' };
    case 'host-key-changed':
      return {
        title: jump ? 'The jump host’s key has changed' : 'The node’s key has changed',
        todo: 'Sitekit stopped for this node. See the warning below.',
      };
    case 'command-failed':
    case 'parse-failed':
    case 'error':
      return {
        title: 'Discovery failed on this node',
        todo:
          'Discover again. If it keeps failing, run the collection script on the node by hand ("sitekit collect-script") ' +
          'and import its output ("sitekit probe <site.yaml> --import <file> --node <name>").',
      };
    default:
      return { title: `Not probed (${result.status})`, todo: 'Discover again; if it keeps failing, read the message below.' };
  }
}

/** Seconds with one decimal below a minute, then minutes and seconds. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** A proposal value as the CLI prints it: text as is, anything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The node a proposal is about, for grouping and display. */
export function proposalNode(p: Pick<PlanProposal, 'node'>): string {
  return p.node === '*' ? 'All nodes (shared layout)' : p.node;
}
