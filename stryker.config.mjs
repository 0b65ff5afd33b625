// @ts-check
/**
 * Mutation testing (`npm run mutation`, see the README's "Mutation testing"): Stryker changes the
 * code one small way at a time and checks that some test fails. This file is the run over
 * `mock/domain`, judged by the domain's own unit tests only; `stryker.api.config.mjs` is the run
 * over `mock/pipeline`, `mock/operations`, `mock/stores` with the pipeline's unit tests. Stryker 9.6 is the last line that runs on
 * Node 20 (10.x needs Node 22).
 *
 * One file while working on its tests: `npx stryker run --mutate mock/domain/clock.ts`.
 *
 * Equivalent mutants (same behaviour, so no test can tell them apart) are listed in the README's
 * "Mutation testing" section rather than hidden with comments in the code.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['mock/domain/**/*.ts', '!mock/domain/**/*.test.ts'],
  // Only the tests beside the code under mutation judge it.
  testFiles: ['mock/domain/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (in code that runs once, at import: the tables of DEFAULT_USERS, TIMINGS, the
  // error catalog…) can only be judged by the whole suite, one full run each; skipped, it shows as
  // "ignored" in the report and keeps a run in minutes. Set it to false for a complete run.
  ignoreStatic: true,
  // The machine is shared: two test runners at most.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/domain.html' },
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  // `npm run mutation -- --incremental` re-tests only what changed since the last run.
  incrementalFile: 'reports/mutation/domain-incremental.json',
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Below `break` the run fails: the score the domain's tests promise.
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'reports', 'coverage', '.vitest', 'bench', 'examples', 'contracts'],
};
