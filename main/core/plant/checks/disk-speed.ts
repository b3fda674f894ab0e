// The install disk's synced-write latency, which etcd lives on: the opt-in measurement
// (fio like the Assisted Installer, or dd as an approximation) against its threshold, under
// the boot disk field of the plan.
import { diskPath, type NodeContext } from '../../probe/checks/context';
import type { Finding } from '../../validation/finding';
import { DISK_SPEED_THRESHOLD_MS, overThreshold } from '../disk-speed/constants';
import type { DiskSpeedResult } from '../types';
import { FindingCollector } from './aggregate';
import { plantFactsOf } from './match';

export const DISK_SPEED_FINDING_IDS = ['plant.disk-slow', 'plant.disk-speed', 'plant.disk-speed-not-measured'] as const;


function ms(value: number): string {
  return `${Number(value.toFixed(value >= 10 ? 1 : 2))} ms`;
}

function measureText(speed: DiskSpeedResult): string {
  return speed.measure === 'average' || speed.tool === 'dd'
    ? 'average per synced write, dd: an approximation, the Assisted Installer measures the 99th percentile with fio'
    : '99th percentile of fdatasync, fio as the Assisted Installer runs it';
}

export function diskSpeedFindings(contexts: readonly NodeContext[]): Finding[] {
  const collector = new FindingCollector();
  for (const ctx of contexts) {
    const node = ctx.node.hostname;
    const path = diskPath(ctx, 'boot');
    const facts = plantFactsOf(ctx.inventory);
    if (!facts) continue; // a capture from before the plant checks
    const speed = facts.diskSpeed;
    if (!speed || speed.status !== 'measured' || speed.syncMs === undefined) {
      collector.add({
        id: 'plant.disk-speed-not-measured', severity: 'info', path, node,
        head: 'The install-disk speed was not measured',
        evidence: speed ? `${speed.device}: ${speed.status}${speed.message ? `, ${speed.message}` : ''}` : 'it is opt-in: the test writes 22 MiB at the start of the empty boot disk, then zeroes it again',
        fix: speed?.status === 'no-tool'
          ? 'install fio on the node (or probe from an image that has it), then probe again with the disk speed test.'
          : 'probe with the disk speed test (sitekit probe --disk-speed) to measure it.',
      });
      continue;
    }
    const threshold = speed.thresholdMs ?? DISK_SPEED_THRESHOLD_MS;
    const measured = `${speed.device}${speed.target !== speed.device ? `, written to ${speed.target}` : ''}: ${ms(speed.syncMs)}, ${measureText(speed)}`;
    if (overThreshold(speed.syncMs, threshold)) {
      collector.add({
        // A warning, as in the Assisted Installer (it reports a slow disk but installs on it): etcd
        // on it will work, but leader elections and slow API answers follow under load.
        id: 'plant.disk-slow', severity: 'warning', path, node, perNode: true,
        head: `The boot disk of ${node} is too slow for etcd: ${ms(speed.syncMs)} per synced write, at most ${ms(threshold)} allowed`,
        evidence: measured,
        fix: 'choose a faster boot disk (an SSD or NVMe device; behind a RAID controller, enable its write-back cache); the Assisted Installer reports the same (sufficient-installation-disk-speed).',
      });
    } else {
      collector.add({
        id: 'plant.disk-speed', severity: 'info', path, node, perNode: true,
        head: `The boot disk of ${node} needs ${ms(speed.syncMs)} per synced write, within the ${ms(threshold)} etcd needs`,
        evidence: measured,
        fix: 'nothing to do.',
      });
    }
  }
  return collector.findings();
}
