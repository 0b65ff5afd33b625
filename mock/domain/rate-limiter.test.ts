import { describe, expect, it } from 'vitest';
import { Clock } from './clock.js';
import { RateLimiter, UNLIMITED_QUOTA } from './rate-limiter.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const WINDOW = 60_000;

function setup() {
  const clock = new Clock({ scale: 'manual', start: T0 });
  return { clock, limiter: new RateLimiter(clock) };
}

describe('RateLimiter', () => {
  it('allows exactly `limit` requests per window, counting remaining down to 0', () => {
    const { limiter } = setup();
    const verdicts = Array.from({ length: 5 }, () => limiter.take('demo', 3));
    expect(verdicts).toEqual([
      { allowed: true, limit: 3, remaining: 2, resetAt: T0 + WINDOW },
      { allowed: true, limit: 3, remaining: 1, resetAt: T0 + WINDOW },
      { allowed: true, limit: 3, remaining: 0, resetAt: T0 + WINDOW },
      { allowed: false, limit: 3, remaining: 0, resetAt: T0 + WINDOW },
      { allowed: false, limit: 3, remaining: 0, resetAt: T0 + WINDOW },
    ]);
  });

  it('of 150 requests in one window exactly 100 pass', () => {
    const { limiter } = setup();
    const allowed = Array.from({ length: 150 }, () => limiter.take('demo', 100)).filter((v) => v.allowed);
    expect(allowed).toHaveLength(100);
  });

  it('the window resets after 60 s of mock time, not before', () => {
    const { clock, limiter } = setup();
    limiter.take('demo', 1);
    clock.advance(WINDOW - 1);
    expect(limiter.take('demo', 1)).toMatchObject({ allowed: false, resetAt: T0 + WINDOW });
    clock.advance(1);
    expect(limiter.take('demo', 1)).toEqual({
      allowed: true,
      limit: 1,
      remaining: 0,
      resetAt: T0 + 2 * WINDOW,
    });
  });

  it('counts each user separately', () => {
    const { limiter } = setup();
    limiter.take('demo', 1);
    expect(limiter.take('demo', 1).allowed).toBe(false);
    expect(limiter.take('other', 1).allowed).toBe(true);
  });

  it('limit 0 is a quota nobody reaches, counted down like any other', () => {
    const { limiter } = setup();
    const verdicts = Array.from({ length: 1_000 }, () => limiter.take('demo', 0));
    expect(verdicts.every((v) => v.allowed && v.limit === UNLIMITED_QUOTA)).toBe(true);
    expect(verdicts.at(-1)).toEqual({
      allowed: true,
      limit: UNLIMITED_QUOTA,
      remaining: UNLIMITED_QUOTA - 1_000,
      resetAt: T0 + WINDOW,
    });
  });

  it('reset() forgets every window', () => {
    const { limiter } = setup();
    limiter.take('demo', 1);
    limiter.reset();
    expect(limiter.take('demo', 1).allowed).toBe(true);
  });
});
