import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pool workers run the compiled bundle: build it first if a source changed.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    // One file at a time: several test files start worker pools, and the
    // adaptive-runner test times fake runners; on 2 cores they would contend.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
