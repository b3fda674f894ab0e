// Build of the three parts (no Electron binary needed: electron-vite only reads
// node_modules/electron/package.json for the Node/Chrome targets).
//   main     → out/main/{electron,web,cli,check-worker}.js (CommonJS; dependencies stay in node_modules)
//   preload  → out/preload/index.js           (one self-contained CommonJS file: sandbox)
//   renderer → out/renderer/                   (React app; every asset bundled, nothing remote)
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = __dirname;
const cliEntry = resolve(root, 'main/cli/index.ts');
if (!existsSync(cliEntry)) {
  console.warn('electron.vite.config: main/cli/index.ts does not exist yet; out/main/cli.js is not built.');
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          electron: resolve(root, 'main/electron/index.ts'),
          web: resolve(root, 'main/web/serve.ts'),
          // Worker thread of the web host and the desktop app for large site texts (main/host/check-offload.ts).
          'check-worker': resolve(root, 'main/host/check-worker.ts'),
          ...(existsSync(cliEntry) ? { cli: cliEntry } : {}),
        },
        output: {
          format: 'cjs',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // Keep fonts and images as files: the CSP allows no data: fonts.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
