// Finds the shipped `resources/` folder (examples, schemas) the same way from every place
// the code runs: TypeScript source under tsx or vitest (ESM), the electron-vite CJS build
// in out/main/, the CLI started from any working directory, or a packaged app.
import { existsSync } from 'node:fs';
import path from 'node:path';

const MARKER = path.join('resources', 'examples');
let cached: string | undefined;

/** Absolute path of a file or folder inside `resources/`. Throws when it cannot be found. */
export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}

/** The `resources/` folder. `SITEKIT_RESOURCES` (the folder itself) overrides the search. */
export function resourcesDir(): string {
  const fromEnv = process.env.SITEKIT_RESOURCES;
  if (fromEnv) return path.resolve(fromEnv);
  if (cached) return cached;
  for (const start of startingPoints()) {
    const found = walkUp(start);
    if (found) return (cached = found);
  }
  throw new Error(
    'cannot find the Sitekit resources folder (resources/examples); set SITEKIT_RESOURCES to its path',
  );
}

function startingPoints(): string[] {
  const points: string[] = [];
  // __dirname exists in CJS (the build, tsx); vitest's ESM runner may or may not define it.
  if (typeof __dirname === 'string') points.push(__dirname);
  const electronResources = (process as { resourcesPath?: string }).resourcesPath;
  if (electronResources) points.push(electronResources);
  if (process.argv[1]) points.push(path.dirname(path.resolve(process.argv[1])));
  points.push(process.cwd());
  return points;
}

function walkUp(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, MARKER))) return path.join(dir, 'resources');
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
