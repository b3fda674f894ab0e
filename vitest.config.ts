import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Integration tests spawn the CLI and servers; keep them from starving each other on two cores.
    maxWorkers: 2,
    testTimeout: 20_000,
    // Test beds (sshd in namespaces, in-process SSH servers, key generation) start in hooks;
    // on a loaded two-core machine that can take longer than vitest's 10 s default.
    hookTimeout: 60_000,
  },
});
