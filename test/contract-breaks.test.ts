import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractOptions } from '../contracts/options.js';
import { PASSIVE_CHECKS } from '../contracts/results.js';
import { runContractSuite } from '../contracts/runner.js';
import { type RunningMock, startMock } from '../exports/server.js';
import { startBreakingProxy } from './support/breaks/breaking-proxy.js';
import { BREAKAGES } from './support/breaks/breaks.js';

// The passive checks judge every response, so they ride along with each focused run.
const PASSIVE = PASSIVE_CHECKS;

const options = (baseUrl: string, checks: string[]): ContractOptions => ({
  baseUrl,
  token: 'demo-token',
  readonlyToken: 'demo-token-readonly',
  otherToken: 'demo-token-other',
  suspendedToken: 'demo-token-suspended',
  include: ['rate-limit', 'webhooks'],
  only: [],
  checks,
  callTo: '+14155550123',
  maxCalls: 6,
  readOnly: false,
  timeoutMs: 3000,
  webhookPort: 0,
});

describe('the contract suite can fail: the mock with one thing broken', () => {
  // A generous limit keeps the focused runs from waiting out 429s; the rate-limit break brings its own mock.
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20, rateLimit: 100_000 });
  });
  afterAll(() => mock.close());

  it('a transparent proxy changes nothing: the focused checks pass through it', async () => {
    const proxy = await startBreakingProxy(mock.url, {});
    try {
      const checks = [...new Set(BREAKAGES.flatMap((b) => [b.expect, ...b.checks]))].filter(
        (c) => c !== 'rate-limit' && c !== 'webhooks',
      );
      const run = await runContractSuite(options(proxy.url, [...checks, ...PASSIVE]));
      expect(run.matrix.failures().map((f) => `${f.operationId} ${f.check}: ${f.cell.reason}`)).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 90_000);

  it.each(BREAKAGES.map((b) => [b.name, b.expect, b] as const))(
    '%s → fails %s',
    async (_name, _check, broken) => {
      const own = broken.mock ? await startMock({ port: 0, timeScale: 20, ...broken.mock }) : undefined;
      const proxy = await startBreakingProxy((own ?? mock).url, broken.breakage);
      try {
        const run = await runContractSuite(options(proxy.url, [broken.expect, ...broken.checks, ...PASSIVE]));
        const failed = new Set(run.matrix.failures().map((f) => f.check));
        expect(failed).toContain(broken.expect);
        if (broken.reason)
          expect(run.matrix.failures().find((f) => f.check === broken.expect)?.cell.reason).toMatch(
            broken.reason,
          );
        expect(run.matrix.summary().fail).toBeGreaterThan(0);
      } finally {
        await proxy.close();
        await own?.close();
      }
    },
  );
});
