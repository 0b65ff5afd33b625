import type { Clock } from './clock.js';

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the window ends, ms on the mock's clock. */
  resetAt: number;
}

/** The length of a rate-limit window, ms on the mock's clock. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * The quota of a user whose limit is off (`--rate-limit 0`): more than any client can send in a
 * window, so nobody is ever throttled, while every header stays a true count (the limit, what is
 * left of it, the reset) that a client pacing itself by the headers reads as "go on".
 */
export const UNLIMITED_QUOTA = 2 ** 31 - 1;

/**
 * A fixed one-minute window per user on the mock's clock. Counting happens synchronously in one
 * call, so concurrent requests are counted exactly: of 150 parallel requests, exactly `limit` pass.
 */
export class RateLimiter {
  #clock: Clock;
  #windows = new Map<string, { start: number; count: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Counts one request of `userId` against `limit` per minute (0 means unlimited: UNLIMITED_QUOTA). */
  take(userId: string, setting: number): RateLimitVerdict {
    const limit = setting <= 0 ? UNLIMITED_QUOTA : setting;
    const now = this.#clock.now();
    let window = this.#windows.get(userId);
    if (!window || now >= window.start + RATE_LIMIT_WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.set(userId, window);
    }
    const resetAt = window.start + RATE_LIMIT_WINDOW_MS;
    const allowed = window.count < limit;
    if (allowed) window.count += 1;
    return { allowed, limit, remaining: limit - window.count, resetAt };
  }

  reset(): void {
    this.#windows.clear();
  }
}
