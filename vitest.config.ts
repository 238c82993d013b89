import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Worker pools start threads that load TypeScript through tsx: slow-ish.
    testTimeout: 120_000,
    // One file at a time: several test files start worker pools, and the
    // adaptive-runner test times fake runners; on 2 cores they would contend.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
