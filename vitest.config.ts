import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Integration tests spawn the CLI and servers; keep them from starving each other on two cores.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
