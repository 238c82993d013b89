import { defineConfig } from 'vitest/config';

// Mutation testing (npm run mutate) only: the test files that exercise src/nn and
// src/methods in the main thread. Pool workers run the compiled dist/ bundle,
// which never contains Stryker's mutants, so tests that compare a pool with the
// main thread would "kill" mutants for the wrong reason; they stay out, and so
// does the global setup that builds dist/.
export default defineConfig({
  test: {
    include: [
      'test/network.test.ts',
      'test/gradient.test.ts',
      'test/candidates.test.ts',
      'test/loss.test.ts',
      'test/softmax.test.ts',
      'test/metrics.test.ts',
      'test/incremental.test.ts',
      'test/nn-*.test.ts',
      'test/methods-*.test.ts',
    ],
    testTimeout: 30_000,
  },
});
