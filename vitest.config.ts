import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'spec/**/*.test.ts',
      'client/**/*.test.ts',
      'exports/**/*.test.ts',
      'judges/**/*.test.ts',
      'mock/**/*.test.ts',
      'contracts/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/**/*.test.ts',
      'bin/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
