// The app version for builds run from the repository (web host, CLI): read from the
// package.json above this file. The Electron adapter uses app.getVersion() instead.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findPackageVersion(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'acp-sitekit' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return '0.0.0-dev';
    dir = parent;
  }
}
