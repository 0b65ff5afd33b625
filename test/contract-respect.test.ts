import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';
import { runRespect } from '../judges/respect/respect.js';
import { startBreakingProxy } from './support/breaks/breaking-proxy.js';
import { BREAKAGES } from './support/breaks/breaks.js';

// The Arazzo workflows, run by Redocly's respect: a third judge, next to the suite and Dredd.
async function respect(baseUrl: string): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runRespect(['--base-url', baseUrl], {
    stdio: 'pipe',
    onOutput: (text) => {
      output += text;
    },
  });
  return { code, output };
}

describe('the Arazzo workflows (npm run contract:respect)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20 });
  });
  afterAll(() => mock.close());

  it('pass against the mock: lifecycle, SMS, auth and tenancy, idempotency, rate limit', async () => {
    const { code, output } = await respect(mock.url);
    expect(output).not.toMatch(/Workflows: \d+ failed/);
    for (const workflow of [
      'callLifecycle',
      'smsRoundTrip',
      'authAndTenancy',
      'idempotentCreate',
      'rateLimit',
    ])
      expect(output).toContain(`/ ${workflow}`);
    expect(code).toBe(0);
  }, 120_000);

  it('fail against a broken variant, at the step that meets the break', async () => {
    const broken = BREAKAGES.find((b) => b.name === 'turns 409 into 200');
    const proxy = await startBreakingProxy(mock.url, broken?.breakage ?? {});
    try {
      const { code, output } = await respect(proxy.url);
      expect(code).not.toBe(0);
      // The second hang-up and the other body under one idempotency key are 409s no more.
      expect(output).toMatch(/✗ PUT \/calls\/\{callId\}\/hangup - step hangUpAgain/);
      expect(output).toMatch(/✗ POST \/agents - step otherBody/);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
