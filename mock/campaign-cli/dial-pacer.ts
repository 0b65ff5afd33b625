/** The mock's time as the pacer sees it, and how to let some of it pass. */
export interface PacerClock {
  /** Now on the mock's clock, ms. */
  now(): Promise<number>;
  /** Waits (real time) for about `mockMs` of the mock's clock to pass, or a poll interval when it is manual. */
  sleep(mockMs: number): Promise<void>;
}

/** The rate-limit headers of an answer, as the pacer reads them. */
export interface RateLimitAnswer {
  status: number;
  headers: { get(name: string): string | null };
}

const seconds = (value: string | null) => {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * A well-behaved client's pacing, shared by every concurrent request of a dial: it never has more
 * requests out than the window has left (`X-RateLimit-Remaining`, less those still in flight),
 * waits for the window's reset (`X-RateLimit-Reset`, on the mock's clock) when it is spent, and
 * after a 429 sends nothing until its `Retry-After` has passed. Until the first answer tells it the
 * budget, it sends one request at a time.
 */
export class RequestPacer {
  #clock: PacerClock;
  #remaining: number | undefined;
  /** When the current window ends, ms on the mock's clock. */
  #resetAt = 0;
  /** After a 429: nothing goes out before this, ms on the mock's clock. */
  #pausedUntil = 0;
  #inFlight = 0;

  constructor(clock: PacerClock) {
    this.#clock = clock;
  }

  /** Waits until one more request may go out, and counts it as in flight. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = await this.#clock.now();
      if (now < this.#pausedUntil) {
        await this.#clock.sleep(this.#pausedUntil - now);
        continue;
      }
      if (this.#remaining !== undefined && now >= this.#resetAt) this.#remaining = undefined;
      const free =
        this.#remaining === undefined ? (this.#inFlight === 0 ? 1 : 0) : this.#remaining - this.#inFlight;
      if (free > 0) break;
      await this.#clock.sleep(this.#remaining === undefined ? 10 : Math.max(10, this.#resetAt - now));
    }
    this.#inFlight++;
  }

  /** Learns from an answer to a request that `acquire` let out (or gives its place back on a network error). */
  async release(answer?: RateLimitAnswer): Promise<void> {
    this.#inFlight--;
    if (!answer) return;
    const remaining = seconds(answer.headers.get('x-ratelimit-remaining'));
    const reset = seconds(answer.headers.get('x-ratelimit-reset'));
    if (reset !== undefined) {
      const resetAt = reset * 1000;
      // Answers can arrive out of order: within one window the smallest remaining is the truest.
      if (resetAt !== this.#resetAt) this.#remaining = remaining;
      else if (remaining !== undefined) this.#remaining = Math.min(this.#remaining ?? remaining, remaining);
      this.#resetAt = Math.max(this.#resetAt, resetAt);
    }
    if (answer.status === 429) {
      const retryAfter = seconds(answer.headers.get('retry-after')) ?? 1;
      const until = (await this.#clock.now()) + retryAfter * 1000;
      this.#pausedUntil = Math.max(this.#pausedUntil, until, this.#resetAt);
      this.#remaining = 0;
    }
  }
}
