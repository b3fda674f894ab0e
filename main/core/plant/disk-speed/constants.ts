// What the install-disk speed test writes and the limit it is judged by, as the Assisted
// Installer does it:
// - openshift/assisted-installer-agent src/disk_speed_check/disk_speed_check.go
//   (commit a272a11d4f78c3cf38ddc5ad334aab45b95aac7e): two runs of
//   `fio --filename <disk> --name=test --rw=write --ioengine=sync --size=22m -bs=2300
//   --fdatasync=1 --output-format=json` at the same time; the worst
//   jobs[0].sync.lat_ns.percentile["99.000000"] counts, cut to whole milliseconds.
// - openshift/assisted-service data/default_hw_requirements.json
//   (commit 063b257950f726d6b291dc94b806bc243a1b56de): installation_disk_speed_threshold_ms 10
//   for every role (master, arbiter, worker, sno, edge-worker); there is no per-disk-type value.
//   internal/bminventory/inventory.go processDiskSpeedCheckResponse flags the disk when
//   `IoSyncDuration > thresholdMs` (whole ms, so 10.9 ms still passes).

export const DISK_SPEED_THRESHOLD_MS = 10;
/** Parallel runs, as the agent's numOfFioJobs. */
export const DISK_SPEED_JOBS = 2;
/** fio --size=22m: 22 MiB from the start of the disk, per run (both runs write the same region). */
export const DISK_SPEED_MIB = 22;
export const DISK_SPEED_BYTES = DISK_SPEED_MIB * 1024 * 1024;
export const DISK_SPEED_BLOCK_BYTES = 2300;
/** Whole 2300-byte writes in 22 MiB: the dd fallback's count. */
export const DISK_SPEED_WRITES = Math.floor(DISK_SPEED_BYTES / DISK_SPEED_BLOCK_BYTES);
/** What is zeroed afterwards, and the least disk size: fio 3.33 makes 10030 writes of 2300 bytes
 *  (io_bytes 23069000), its last one ending 328 bytes past 22 MiB, so 23 MiB covers every run. */
export const DISK_SPEED_ZERO_MIB = 23;
export const DISK_SPEED_ZERO_BYTES = DISK_SPEED_ZERO_MIB * 1024 * 1024;
/** How long the test may write before Sitekit stops it (it then zeroes and reports). */
export const DISK_SPEED_DEFAULT_TIMEOUT_MS = 180_000;
/** After a stop: how long the node gets to zero the region and report. */
export const DISK_SPEED_DEFAULT_CLEANUP_MS = 60_000;
/** The node stops on its own this long after Sitekit's timeout, should no word ever reach it. */
export const DISK_SPEED_NODE_SLACK_SECONDS = 30;

/** Whether a measured figure is over the limit the way assisted-service judges it (whole ms). */
export function overThreshold(syncMs: number, thresholdMs: number = DISK_SPEED_THRESHOLD_MS): boolean {
  return Math.trunc(syncMs) > thresholdMs;
}
