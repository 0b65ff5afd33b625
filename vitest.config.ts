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
    // Most test files wait (on servers, child processes, timers, a browser) more than they compute:
    // more files at once than there are cores, where Vitest's default is one fewer than the cores.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
