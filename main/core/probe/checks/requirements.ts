// Per-node CPU and memory the installer demands of a compact (three-master, schedulable)
// cluster with ODF and OpenShift Virtualization. Numbers and their sources:
// ../shared/reference/installer.md §2.
import type { Site } from '../../site/schema';

/** assisted-service data/default_hw_requirements.json, role master (each compact node is one). */
export const MASTER_CPU_CORES = 4;
export const MASTER_RAM_MIB = 16384;
/** Same file, master disk_size_gb (decimal GB, conversions.GbToBytes). */
export const INSTALL_DISK_MIN_BYTES = 100e9;

/** assisted-service internal/operators/odf/config.go, compact mode. */
export const ODF_PER_HOST_CPU_COMPACT_MODE = 6;
export const ODF_PER_HOST_MEMORY_GIB_COMPACT_MODE = 19;
export const ODF_PER_DISK_CPU_COUNT = 2;
export const ODF_PER_DISK_RAM_GIB = 5;
export const ODF_MIN_DISK_SIZE_BYTES = 25e9; // ODF_MIN_DISK_SIZE_GB = 25

/** assisted-service internal/operators/cnv/config.go, master role. */
export const CNV_MASTER_CPU = 4;
export const CNV_MASTER_RAM_MIB = 150;

export interface Requirement {
  cpu: number;
  ramMiB: number;
  /** How the figures add up, for the message. */
  parts: string[];
}

/** d = ODF devices planned on the node; the installer counts at least one (odf/config.go). */
export function nodeRequirement(site: Site, odfDevices: number): Requirement {
  let cpu = MASTER_CPU_CORES;
  let ramMiB = MASTER_RAM_MIB;
  const parts = [`${MASTER_CPU_CORES} cores/16 GiB compact control plane`];
  if (site.odf.enabled) {
    const d = Math.max(1, odfDevices);
    const odfCpu = ODF_PER_HOST_CPU_COMPACT_MODE + ODF_PER_DISK_CPU_COUNT * d;
    const odfGiB = ODF_PER_HOST_MEMORY_GIB_COMPACT_MODE + ODF_PER_DISK_RAM_GIB * d;
    cpu += odfCpu;
    ramMiB += odfGiB * 1024;
    parts.push(`${odfCpu} cores/${odfGiB} GiB ODF with ${d} device${d === 1 ? '' : 's'}`);
  }
  if (site.virtualization.enabled) {
    cpu += CNV_MASTER_CPU;
    ramMiB += CNV_MASTER_RAM_MIB;
    parts.push(`${CNV_MASTER_CPU} cores/${CNV_MASTER_RAM_MIB} MiB OpenShift Virtualization`);
  }
  return { cpu, ramMiB, parts };
}
