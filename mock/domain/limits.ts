/** Requests per minute per user, unless configured; 0 turns rate limiting off. */
export const DEFAULT_RATE_LIMIT = 100;

/** Finished calls and texts kept per user before the oldest are evicted, unless configured. */
export const DEFAULT_RETAIN = 1000;

/** Calls per user that may be live (queued, ringing or in progress) at once, unless configured. */
export const DEFAULT_MAX_LIVE_CALLS = 10_000;

/** Agents one user may have, unless configured: agents are never evicted, so this bounds them. */
export const DEFAULT_MAX_AGENTS = 1000;

// A per-user cap, checked: a whole number of at least 1 (or Infinity, for no cap).
function capOf(name: string, max: number): number {
  if (!(Number.isInteger(max) && max >= 1) && max !== Number.POSITIVE_INFINITY)
    throw new RangeError(`${name} must be a whole number of at least 1, not ${max}`);
  return max;
}

/** The live-call cap, checked: a whole number of at least 1 (or Infinity, for no cap). */
export function maxLiveCallsOf(max: number = DEFAULT_MAX_LIVE_CALLS): number {
  return capOf('maxLiveCalls', max);
}

/** The agent cap, checked the same way. */
export function maxAgentsOf(max: number = DEFAULT_MAX_AGENTS): number {
  return capOf('maxAgents', max);
}
