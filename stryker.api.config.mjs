// @ts-check
import domain from './stryker.config.mjs';

/**
 * The mutation run over the pipeline, `mock/api`, judged by the unit tests beside its files
 * (`npm run mutation:api`; `npx stryker run stryker.api.config.mjs --mutate src/router.ts`
 * for one file). Everything else as in stryker.config.mjs.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...domain,
  mutate: ['mock/api/**/*.ts', '!mock/api/**/*.test.ts'],
  testFiles: ['mock/api/**/*.test.ts'],
  htmlReporter: { fileName: 'reports/mutation/api.html' },
  jsonReporter: { fileName: 'reports/mutation/api.json' },
  incrementalFile: 'reports/mutation/api-incremental.json',
  thresholds: { high: 90, low: 85, break: 85 },
};
