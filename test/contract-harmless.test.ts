import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractSuite } from '../contracts/runner.js';
import { type RunningMock, startMock } from '../exports/server.js';
import { startBreakingProxy } from './support/breaks/breaking-proxy.js';
import { HARMLESS } from './support/breaks/harmless.js';
import { contractOptions, failuresOf, skipsOf } from './support/contract-run.js';

// No false failures: a correct server that differs from the mock only in what the spec leaves open passes.
describe('the contract suite passes a correct server with harmless differences', () => {
  // A generous limit keeps these runs from waiting out 429s; the rate-limit variation brings its own mock.
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20, rateLimit: 100_000 });
  });
  afterAll(() => mock.close());

  it.each(HARMLESS.map((h) => [h.name, h] as const))(
    '%s',
    async (_name, harmless) => {
      const own = harmless.mock ? await startMock({ port: 0, timeScale: 20, ...harmless.mock }) : undefined;
      const proxy = await startBreakingProxy((own ?? mock).url, harmless.variation);
      try {
        const run = await runContractSuite(contractOptions(proxy.url, { include: harmless.include ?? [] }));
        expect(failuresOf(run)).toEqual([]);
        expect(skipsOf(run)).toEqual([]);
        expect(run.matrix.summary().pass).toBeGreaterThan(200);
        if (harmless.include?.includes('rate-limit'))
          expect(run.matrix.cell('listCalls', 'rate-limit-fields')?.verdict).toBe('pass');
      } finally {
        await proxy.close();
        await own?.close();
      }
    },
    90_000,
  );
});
