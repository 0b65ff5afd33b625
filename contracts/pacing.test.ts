import { describe, expect, it } from 'vitest';
import type { Exchange } from './exchange.js';
import { Pacer } from './pacing.js';

/**
 * A deployment that allows `limit` requests a window of 60 s on its own clock, which runs `rate`×
 * ours; time is simulated (the pacer's sleep moves it), so a run of many windows takes no time.
 */
function simulate(options: { limit: number; rate: number; ietf: boolean }) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let windowStart = now;
  let count = 0;
  const pacer = new Pacer({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const answer = (): Exchange => {
    const targetNow = windowStart + (now - windowStart) * options.rate;
    if (targetNow >= windowStart + 60_000) {
      windowStart = now;
      count = 0;
    }
    const resetAt = windowStart + 60_000 / options.rate;
    const resetIn = Math.ceil(((resetAt - now) * options.rate) / 1000);
    const allowed = count < options.limit;
    if (allowed) count += 1;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(options.limit),
      'x-ratelimit-remaining': String(options.limit - count),
      // Unix seconds of the target's clock, and its Date header in the same clock.
      'x-ratelimit-reset': String(Math.ceil((windowStart + 60_000) / 1000)),
      date: new Date(targetNow).toUTCString(),
    };
    if (options.ietf) headers.ratelimit = `"default";r=${options.limit - count};t=${resetIn}`;
    if (!allowed) headers['retry-after'] = String(resetIn);
    return {
      method: 'GET',
      url: '/calls',
      requestHeaders: {},
      status: allowed ? 200 : 429,
      responseHeaders: headers,
      responseBody: '',
    };
  };
  const send = async (times: number) => {
    for (let i = 0; i < times; i++) {
      await pacer.before('Bearer demo-token');
      // Each request takes 20 ms of ours.
      now += 20;
      pacer.after('Bearer demo-token', answer());
    }
  };
  return { pacer, send, elapsedMs: () => now - Date.parse('2026-01-01T00:00:00Z') };
}

describe('Pacer', () => {
  const cases: Array<[string, { limit: number; rate: number; ietf: boolean }]> = [
    ['100 a minute on real time, IETF t', { limit: 100, rate: 1, ietf: true }],
    ['100 a minute on real time, X-RateLimit-Reset against Date', { limit: 100, rate: 1, ietf: false }],
    ['100 a minute on a clock 20× ours', { limit: 100, rate: 20, ietf: true }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: 400 requests, at most one 429, each window waited out once`, async () => {
      const target = simulate(options);
      await target.send(400);
      // How fast the target's clock runs is learnt in the first window: until then a wait is tried
      // in slices, and a slice too early costs one 429.
      expect(target.pacer.rateLimited).toBeLessThanOrEqual(1);
      // Three windows waited out, each not much longer than its rest (in our time).
      const windowMs = 60_000 / options.rate;
      expect(target.elapsedMs()).toBeGreaterThan(3 * windowMs);
      expect(target.elapsedMs()).toBeLessThan(4 * windowMs + 2_000);
    });
  }

  it('lets a token with requests left go at once, and keeps each token’s window apart', async () => {
    const sleeps: number[] = [];
    const pacer = new Pacer({ now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
    const answer = (remaining: number): Exchange => ({
      method: 'GET',
      url: '/calls',
      requestHeaders: {},
      status: 200,
      responseHeaders: {
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': '60',
        ratelimit: `"default";r=${remaining};t=30`,
      },
      responseBody: '',
    });
    pacer.after('a', answer(1));
    pacer.after('b', answer(0));
    await pacer.before('a');
    expect(sleeps).toEqual([]);
    await pacer.before('b');
    // The target's clock rate is not known yet: the first try comes after an eighth of the 30 s.
    expect(sleeps).toEqual([3_750]);
  });

  it('after a 429 without rate-limit headers, waits its Retry-After', async () => {
    const sleeps: number[] = [];
    const pacer = new Pacer({ now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
    pacer.after('a', {
      method: 'GET',
      url: '/',
      requestHeaders: {},
      status: 429,
      responseHeaders: { 'retry-after': '7' },
      responseBody: '',
    });
    await pacer.before('a');
    expect(pacer.rateLimited).toBe(1);
    // The target's clock rate is not known yet: the first try comes after a slice of the wait.
    expect(sleeps).toEqual([1_000]);
  });
});
