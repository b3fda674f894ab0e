// One finding per node the probe could not read, each status in its own plain words, plus
// the per-section problems of the nodes it could read (a missing tool, no root, garbage).
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { NodeInventory, ProbeResult } from '../inventory';
import { finding } from './context';

/** Findings about reaching a node at all (not about its hardware). */
export const CONNECTION_FINDING_IDS = [
  'probe.unreachable',
  'probe.auth-failed',
  'probe.host-key-changed',
  'probe.host-key-unknown',
  'probe.timeout',
  'probe.error',
] as const;

export function connectionFindings(site: Site, results: readonly ProbeResult[], inventories: readonly NodeInventory[]): Finding[] {
  const findings: Finding[] = [];
  site.nodes.forEach((node, index) => {
    const at = node.ssh ? pointer('nodes', index, 'ssh') : pointer('nodes', index);
    const target = node.ssh ? `${node.ssh.user ?? 'core'}@${node.ssh.host}:${node.ssh.port ?? 22}` : 'the node';
    const result = results.find((r) => r.node === node.hostname);
    const detail = result?.message ? ` (${result.message})` : '';
    const add = (id: string, message: string, hint: string, severity: Finding['severity'] = 'error') =>
      findings.push(finding(id, severity, at, `${node.hostname}: ${message}`, hint, 'discover'));
    switch (result?.status) {
      case undefined:
      case 'ok':
        break;
      case 'unreachable':
        add('probe.unreachable', `cannot reach ${target}: no SSH server answered${detail}.`,
          'Check that the node is booted into the live/discovery image, that the address is right and that the laptop has a route to it.');
        break;
      case 'auth-failed':
        add('probe.auth-failed', `${target} refused the login${detail}.`,
          'Check the user name, the key (--identity) or the password (--password-file / SITEKIT_SSH_PASSWORD).');
        break;
      case 'host-key-changed':
        add('probe.host-key-changed',
          `the host key of ${target} changed: it was ${result.pinnedFingerprint ?? 'unknown'} and is now ${result.fingerprint ?? 'unknown'}. This node was not probed.`,
          'If the node was reinstalled or rebooted into a new image, remove its pin in .sitekit/ and probe again; otherwise someone may be in between.');
        break;
      case 'host-key-unknown':
        add('probe.host-key-unknown', `the host key of ${target} is not pinned yet: ${result.fingerprint ?? 'unknown fingerprint'}${result.algorithm ? ` (${result.algorithm})` : ''}.`,
          'Compare the fingerprint with the node console, then probe again with --accept-new-host-keys.');
        break;
      case 'timeout':
        add('probe.timeout', `${target} did not finish in time${detail}.`,
          'A command on the node hangs or the link is slow; raise --timeout or run the collect script by hand (sitekit collect-script).');
        break;
      case 'error':
        add('probe.error', `the probe of ${target} failed${detail}.`, 'Run the collect script by hand and import its output with --import.');
        break;
    }
    const inventory = inventories.find((inv) => inv.node === node.hostname);
    for (const problem of inventory?.problems ?? []) {
      findings.push(
        finding('probe.section', problem.severity, pointer('nodes', index), `${node.hostname}: ${problem.section}: ${problem.message}`, undefined, 'discover'),
      );
    }
  });
  return findings;
}
