// The desktop app's path policy (main/host/file-access.ts): the renderer may name only paths
// the person chose in a native dialog during this run (site.choose), besides the recent sites,
// the site given on the command line and the bundled example, which the handlers allow. The
// renderer never types a path in the desktop app, so a path from anywhere else means a page
// that should not be calling; it is refused before anything is read.
import path from 'node:path';
import type { PathPolicy } from '../host/file-access';

/** Remembered dialog answers; the oldest are forgotten first (they stay reachable as recents). */
export const MAX_GRANTED_PATHS = 500;

export function createPathAllowList(): PathPolicy {
  const granted = new Set<string>();
  return {
    grant(p) {
      const resolved = path.resolve(p);
      granted.delete(resolved);
      granted.add(resolved);
      if (granted.size > MAX_GRANTED_PATHS) granted.delete(granted.values().next().value!);
    },
    isGranted(p) {
      return granted.has(path.resolve(p));
    },
  };
}
