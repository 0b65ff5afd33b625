import { RATE_LIMIT_WINDOW_MS, type RateLimitVerdict } from '../domain/rate-limiter.js';

/** The CORS headers beside `Access-Control-Allow-Origin` on a telephony answer to an allowed origin (cors.ts). */
export const CORS_HEADERS = {
  'Access-Control-Expose-Headers':
    'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, RateLimit-Policy, RateLimit, Retry-After, X-Request-Id, Location, WWW-Authenticate, Idempotent-Replayed',
};
/** The answer to a CORS preflight. */
export const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Prefer',
  'Access-Control-Max-Age': '600',
};

/** Whole seconds from `now` (ms on the mock's clock) until the verdict's window resets; what `Retry-After` says on a 429. */
export function secondsToReset(v: RateLimitVerdict, now: number): number {
  return Math.max(1, Math.ceil((v.resetAt - now) / 1000));
}

/**
 * The rate-limit headers for a verdict of the rate limiter: the API's `X-RateLimit-*` and the IETF
 * `RateLimit-Policy` / `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers, one policy named
 * "default"), both from the same verdict so they never disagree. With limiting off the verdict
 * carries UNLIMITED_QUOTA (mock/domain/rate-limiter.ts), so the fields stay one coherent count.
 */
export function rateLimitHeaders(v: RateLimitVerdict, now: number): Record<string, string> {
  const remaining = String(v.remaining);
  return {
    'X-RateLimit-Limit': String(v.limit),
    'X-RateLimit-Remaining': remaining,
    'X-RateLimit-Reset': String(Math.ceil(v.resetAt / 1000)),
    'RateLimit-Policy': `"default";q=${v.limit};w=${RATE_LIMIT_WINDOW_MS / 1000}`,
    RateLimit: `"default";r=${remaining};t=${secondsToReset(v, now)}`,
  };
}
