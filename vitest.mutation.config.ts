import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs for every mutant (`npm run mutation`): only the unit tests that sit beside
 * the domain and the pipeline, so a mutant in `mock/domain` or `mock/pipeline`, `mock/operations`, `mock/stores` is judged by its own
 * tests in seconds, not by the whole suite with servers and browsers.
 */
export default defineConfig({
  test: {
    include: ['mock/domain/**/*.test.ts', 'mock/{pipeline,operations,stores}/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
