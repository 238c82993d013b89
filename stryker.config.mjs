// StrykerJS mutation testing of the network math and the evaluation code.
// Run with `npm run mutate` (scripts/mutate.mjs runs it on Node 24); results and
// the surviving mutants judged equivalent are in docs/mutation.md.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/nn/**/*.ts', 'src/methods/**/*.ts'],
  testRunner: 'vitest',
  // Only the tests that run nn/ and methods/ in the main thread (see that file).
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 2_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
