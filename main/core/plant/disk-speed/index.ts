// The opt-in install-disk speed test (see measure.ts).
export { measureDiskSpeed, type DiskSpeedOptions, type DiskSpeedPhase } from './measure';
export { DISK_SPEED_THRESHOLD_MS, overThreshold } from './constants';
