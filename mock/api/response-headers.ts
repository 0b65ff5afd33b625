import type { RateLimitVerdict } from '../domain/rate-limiter.js';

/** The CORS headers beside `Access-Control-Allow-Origin` on a telephony answer to an allowed origin (cors.ts). */
export const CORS_HEADERS = {
  'Access-Control-Expose-Headers':
    'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, X-Request-Id, Location, WWW-Authenticate, Idempotent-Replayed',
};
/** The answer to a CORS preflight. */
export const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Prefer',
  'Access-Control-Max-Age': '600',
};
// Rate limiting off (--rate-limit 0): the spec still requires the headers on every authenticated
// response. The limit echoes the setting (0: none, as the contract suite reads it), and Remaining
// never tells a client that paces itself by it to wait.
const UNLIMITED = String(2 ** 31 - 1);

/** The X-RateLimit-* headers for a verdict of the rate limiter. */
export function rateLimitHeaders(v: RateLimitVerdict): Record<string, string> {
  const off = v.limit === 0;
  return {
    'X-RateLimit-Limit': String(v.limit),
    'X-RateLimit-Remaining': off ? UNLIMITED : String(v.remaining),
    'X-RateLimit-Reset': String(Math.ceil(v.resetAt / 1000)),
  };
}
