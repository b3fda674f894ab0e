import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Renderer component tests render PatternFly in Node: use its ES module build, which Vite
  // transforms (inline, CSS ignored); the CommonJS build requires .css files Node cannot load.
  resolve: { alias: [{ find: /^@patternfly\/react-core$/, replacement: '@patternfly/react-core/dist/esm/index.js' }] },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Integration tests spawn the CLI and servers; keep them from starving each other on two cores.
    maxWorkers: 2,
    // A limit only for a test that hangs: tests never assert on time (speed is measured by
    // `npm run bench`), and on a busy two-core machine a real SSH or Git round trip can take
    // many seconds, so the limit is wide.
    testTimeout: 90_000,
    // Test beds (sshd in namespaces, in-process SSH servers, key generation) start in hooks;
    // on a loaded two-core machine that can take longer than vitest's 10 s default.
    hookTimeout: 180_000,
    server: { deps: { inline: [/@patternfly\/react-/] } },
    css: false,
  },
});
