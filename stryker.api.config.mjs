// @ts-check
import domain from './stryker.config.mjs';

/**
 * The mutation run over the pipeline, `mock/pipeline`, `mock/operations`, `mock/stores`, judged by the unit tests beside its files
 * (`npm run mutation:api`; `npx stryker run stryker.api.config.mjs --mutate spec/router.ts`
 * for one file). Everything else as in stryker.config.mjs.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...domain,
  mutate: ['mock/{pipeline,operations,stores}/**/*.ts', '!mock/{pipeline,operations,stores}/**/*.test.ts'],
  testFiles: ['mock/{pipeline,operations,stores}/**/*.test.ts'],
  htmlReporter: { fileName: 'reports/mutation/api.html' },
  jsonReporter: { fileName: 'reports/mutation/api.json' },
  incrementalFile: 'reports/mutation/api-incremental.json',
  thresholds: { high: 90, low: 85, break: 85 },
};
