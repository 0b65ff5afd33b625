import { describe, expect, it } from 'vitest';
import { CORS_HEADERS, PREFLIGHT_HEADERS, rateLimitHeaders } from './response-headers.js';

describe('rateLimitHeaders', () => {
  it.each([
    [
      'a window with requests left',
      { allowed: true, limit: 100, remaining: 42, resetAt: 1_767_225_660_000 },
      ['100', '42', '1767225660'],
    ],
    [
      'the reset rounded up to the next whole second',
      { allowed: false, limit: 5, remaining: 0, resetAt: 1_767_225_660_001 },
      ['5', '0', '1767225661'],
    ],
    [
      'rate limiting off: a quota nobody reaches, counted like any other',
      { allowed: true, limit: 2 ** 31 - 1, remaining: 2 ** 31 - 2, resetAt: 60_000 },
      [String(2 ** 31 - 1), String(2 ** 31 - 2), '60'],
    ],
  ])('%s', (_name, verdict, [limit, remaining, reset]) => {
    const now = verdict.resetAt - 30_500;
    expect(rateLimitHeaders(verdict, now)).toEqual({
      'X-RateLimit-Limit': limit,
      'X-RateLimit-Remaining': remaining,
      'X-RateLimit-Reset': reset,
      // The IETF fields say the same: the quota, what is left, 31 s to the reset.
      'RateLimit-Policy': `"default";q=${limit};w=60`,
      RateLimit: `"default";r=${remaining};t=31`,
    });
  });
});

describe('CORS', () => {
  it('an allowed browser origin may read the headers a client needs', () => {
    const exposed = CORS_HEADERS['Access-Control-Expose-Headers'].split(', ');
    for (const name of [
      'X-RateLimit-Remaining',
      'Retry-After',
      'X-Request-Id',
      'Location',
      'Idempotent-Replayed',
    ])
      expect(exposed).toContain(name);
  });

  it('a preflight allows the methods and headers the API takes, and may be cached', () => {
    expect(PREFLIGHT_HEADERS['Access-Control-Allow-Methods'].split(', ')).toEqual([
      'GET',
      'POST',
      'PUT',
      'OPTIONS',
    ]);
    const allowed = PREFLIGHT_HEADERS['Access-Control-Allow-Headers'].split(', ');
    for (const name of ['Authorization', 'Content-Type', 'Idempotency-Key', 'Prefer'])
      expect(allowed).toContain(name);
    expect(Number(PREFLIGHT_HEADERS['Access-Control-Max-Age'])).toBeGreaterThan(0);
  });
});
