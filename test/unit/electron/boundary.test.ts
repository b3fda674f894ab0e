// Only main/electron and preload may load 'electron' at run time; everything else runs in
// plain Node (CLI, web host, tests). ESLint enforces this too; this test also catches
// require() calls and files ESLint might ignore.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/sitekit-fixtures';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

const ELECTRON_IMPORT = /(?:^|\n)\s*import\s+(?!type\b)[^;]*?from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/;

describe('electron import boundary', () => {
  const allowed = [path.join(REPO_ROOT, 'main/electron'), path.join(REPO_ROOT, 'preload')];
  const roots = ['main', 'renderer/src', 'preload', 'scripts', 'bin'].map((d) => path.join(REPO_ROOT, d));
  const files = roots.flatMap((r) => {
    try {
      return sourceFiles(r);
    } catch {
      return [];
    }
  });

  it('finds source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('keeps runtime electron imports inside main/electron and preload', () => {
    const offenders = files
      .filter((f) => !allowed.some((a) => f.startsWith(a + path.sep)))
      .filter((f) => ELECTRON_IMPORT.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(REPO_ROOT, f));
    expect(offenders).toEqual([]);
  });
});
