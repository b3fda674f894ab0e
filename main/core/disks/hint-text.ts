// A boot disk hint in words, `deviceName: /dev/disk/by-path/…, serialNumber: S6EU…`, the same
// in the report and the wizard's Disks picture.
import type { RootDeviceHint } from '../site/schema';

export function hintText(hint: RootDeviceHint): string {
  return Object.entries(hint)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}
