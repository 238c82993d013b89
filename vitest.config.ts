import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Worker pools start threads that load TypeScript through tsx: slow-ish.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
