import { describe, expect, it } from 'vitest';
import { runContractSuite } from '../contracts/runner.js';
import { type MockOptions, startMock } from '../exports/server.js';
import { contractOptions, failuresOf } from './support/contract-run.js';

// The options CI users start the mock with: the mock must still pass its own contract suite.
const options: Array<[string, MockOptions]> = [
  ['--rate-limit 0 (no throttling)', { rateLimit: 0 }],
  ['--time-scale 10', { timeScale: 10 }],
];

describe('the contract suite against the mock started with', () => {
  for (const [name, mockOptions] of options) {
    it(`${name}: every check passes`, async () => {
      const mock = await startMock({ port: 0, timeScale: 20, ...mockOptions });
      try {
        const run = await runContractSuite(contractOptions(mock.url));
        expect(failuresOf(run)).toEqual([]);
        expect(run.matrix.summary().pass).toBeGreaterThan(200);
      } finally {
        await mock.close();
      }
    }, 90_000);
  }

  it('--rate-limit 0 with the opt-in rate-limit checks: the quota nobody reaches is not spent', async () => {
    const mock = await startMock({ port: 0, timeScale: 20, rateLimit: 0 });
    try {
      const checks = ['rate-limit', 'rate-limit-concurrency'];
      const run = await runContractSuite(contractOptions(mock.url, { include: ['rate-limit'], checks }));
      expect(failuresOf(run)).toEqual([]);
      expect(run.matrix.cell('listCalls', 'rate-limit')?.reason).toMatch(
        /requests left: more than 1000 to spend/,
      );
      expect(run.matrix.cell('listCalls', 'rate-limit-concurrency')?.verdict).toBe('skip');
      expect(run.requests).toBeLessThan(20);
    } finally {
      await mock.close();
    }
  });
});
