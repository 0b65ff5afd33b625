import type { Telephony } from '../domain/telephony.js';
import type { UserConfig } from '../domain/tenants.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import { rateLimitHeaders, secondsToReset } from './response-headers.js';
import type { ApiResponse } from './types.js';

/**
 * Counts a request against its user's window: the answer's headers extended with the rate-limit
 * headers, or the 429 (with `Retry-After`) when the window is spent. Windows run on the mock's clock.
 */
export function chargeRequest(
  telephony: Telephony,
  user: UserConfig,
  requestId: string,
  headers: Record<string, string>,
): { headers: Record<string, string> } | { response: ApiResponse } {
  const verdict = telephony.rateLimiter.take(user.id, user.rateLimit ?? telephony.rateLimit);
  const now = telephony.clock.now();
  // The caller's headers are fresh per request: extended rather than copied.
  const charged = Object.assign(headers, rateLimitHeaders(verdict, now));
  if (verdict.allowed) return { headers: charged };
  const wait = secondsToReset(verdict, now);
  const detail = `${verdict.limit} requests per minute; the window resets in ${wait} s.`;
  return {
    response: problemResponse(problem('rate_limited', detail, requestId), {
      ...charged,
      'Retry-After': String(wait),
    }),
  };
}
