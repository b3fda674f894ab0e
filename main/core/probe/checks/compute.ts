// CPU, memory and hardware virtualization against what the installer will demand.
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import { finding, type NodeContext } from './context';
import { nodeRequirement } from './requirements';

const MIB = 1024 * 1024;

export function computeFindings(ctx: NodeContext): Finding[] {
  const findings: Finding[] = [];
  const { site, node, index, inventory } = ctx;
  const cpu = inventory.facts.cpu;
  const need = nodeRequirement(site, ctx.disks.odf.length);
  const at = pointer('nodes', index);
  // The Assisted Installer agent counts logical CPUs (lscpu "CPU(s)"), so threads decide.
  const count = cpu?.threads ?? cpu?.cores;
  if (count !== undefined && count < need.cpu) {
    findings.push(
      finding('hw.cpu-too-few', 'error', at, `${node.hostname} has ${count} CPUs; this site needs ${need.cpu} per node (${need.parts.join(' + ')}).`,
        'Use a server with more cores, or plan fewer ODF devices per node.'),
    );
  }
  const memory = inventory.facts.memory?.totalBytes;
  if (memory !== undefined && memory < need.ramMiB * MIB) {
    findings.push(
      finding('hw.memory-too-little', 'error', at,
        `${node.hostname} has ${(memory / 1024 / MIB).toFixed(1)} GiB usable memory; this site needs ${(need.ramMiB / 1024).toFixed(1)} GiB per node (${need.parts.join(' + ')}).`,
        'Add memory, or plan fewer ODF devices per node.'),
    );
  }
  if (site.virtualization.enabled && cpu) {
    // assisted-service internal/hardware/virt/virt.go: vmx or svm, or an aarch64 CPU.
    const ok = cpu.flags.includes('vmx') || cpu.flags.includes('svm') || cpu.arch === 'aarch64';
    // No flags read is unknown, not "no vmx/svm": the capture's own problem says the flags are missing.
    if (!ok && cpu.flags.length > 0) {
      findings.push(
        finding('hw.no-virtualization', 'error', pointer('virtualization', 'enabled'),
          `${node.hostname}: the CPU has no vmx/svm flag, so OpenShift Virtualization cannot run VMs on it.`,
          'Enable Intel VT-x / AMD-V in the BIOS (on a VM: nested virtualization), or turn virtualization off.'),
      );
    }
  }
  return findings;
}
