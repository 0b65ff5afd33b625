import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractSuite } from '../contracts/runner.js';
import { type RunningMock, startMock } from '../exports/server.js';
import { type BreakingProxy, startBreakingProxy } from './support/breaks/breaking-proxy.js';
import { contractOptions, failuresOf } from './support/contract-run.js';

// The mock with its real rate limit (100 a minute per user) on a clock 20× ours, so a window is 3 s:
// the suite must pace itself by the headers rather than run into 429 and wait it out.
describe('the contract suite against a deployment that allows 100 requests a minute', () => {
  let mock: RunningMock;
  let proxy: BreakingProxy;
  const statuses: number[] = [];
  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20 });
    proxy = await startBreakingProxy(mock.url, { response: (r) => void statuses.push(r.status) });
  });
  afterAll(async () => {
    await proxy.close();
    await mock.close();
  });

  it('completes, passes, and gets at most 5 answers of 429', async () => {
    const run = await runContractSuite(contractOptions(proxy.url));
    expect(failuresOf(run)).toEqual([]);
    const refused = statuses.filter((s) => s === 429).length;
    // More requests than one window holds, so pacing was needed at all.
    expect(statuses.length).toBeGreaterThan(200);
    expect(refused, `${refused} answers of 429 in ${statuses.length} requests`).toBeLessThanOrEqual(5);
    // The report says what pacing cost, counted by the suite itself.
    expect(run.notes.find((n) => n.startsWith('paced by the rate-limit headers'))).toMatch(
      new RegExp(`waited [\\d.]+ s for windows to reset; ${refused} answers of 429`),
    );
    console.log(`contract suite at 100/min: ${statuses.length} requests, ${refused} answers of 429`);
  }, 120_000);
});
