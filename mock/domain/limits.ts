/** Requests per minute per user, unless configured; 0 turns rate limiting off. */
export const DEFAULT_RATE_LIMIT = 100;

/** Finished calls and texts kept per user before the oldest are evicted, unless configured. */
export const DEFAULT_RETAIN = 1000;

/** Calls per user that may be live (queued, ringing or in progress) at once, unless configured. */
export const DEFAULT_MAX_LIVE_CALLS = 10_000;

/** The live-call cap, checked: a whole number of at least 1 (or Infinity, for no cap). */
export function maxLiveCallsOf(max: number = DEFAULT_MAX_LIVE_CALLS): number {
  if (!(Number.isInteger(max) && max >= 1) && max !== Number.POSITIVE_INFINITY)
    throw new RangeError(`maxLiveCalls must be a whole number of at least 1, not ${max}`);
  return max;
}
