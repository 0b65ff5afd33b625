import type { Exchange } from './exchange.js';

/** A non-negative integer header or structured-field parameter, if it is one. */
const integer = (value: string | undefined) =>
  value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;

/** `t` of the IETF `RateLimit` field: seconds until the window resets, on the target's clock. */
function resetSecondsOf(headers: Record<string, string>): number | undefined {
  const t = /(?:^|;)\s*t=(\d+)/.exec(headers.ratelimit ?? '')?.[1];
  if (t !== undefined) return Number(t);
  const reset = integer(headers['x-ratelimit-reset']);
  if (reset === undefined) return undefined;
  // X-RateLimit-Reset is Unix seconds of the target's clock: read it against the target's `Date`.
  const date = Date.parse(headers.date ?? '');
  return Math.max(0, reset - Math.floor((Number.isNaN(date) ? Date.now() : date) / 1000));
}

/** What one caller (one token) last heard of its window. */
interface Window {
  /** `X-RateLimit-Reset` as sent (or the 429 that spent it): a new value is a new window. */
  reset: string;
  /** Requests left as of the latest answer, less those sent since; Infinity: unknown until the next answer. */
  left: number;
  /** Target seconds until the reset, and when (our ms) that was said. */
  resetIn: number;
  heardAt: number;
  /** The first reading of this window, to learn how fast the target's clock runs. */
  firstResetIn: number;
  firstHeardAt: number;
}

// Longest wait for one window; a target whose window never seems to end (a manual test clock) is
// then tried anyway and its 429 handled as any other.
const MAX_WAIT_MS = 65_000;
// Extra wait past the computed reset: the target's seconds are whole, ours are not.
const MARGIN_MS = 250;
// Before the target's clock rate is known, a wait is cut into this many tries.
const UNKNOWN_RATE_SLICES = 8;

/**
 * Paces the suite by the target's own rate-limit headers, so that it spends the quota without
 * running into 429: before a request, `X-RateLimit-Remaining` (less what is in flight) says whether
 * one is left; when none is, it waits until the window resets — `RateLimit`'s `t`, or
 * `X-RateLimit-Reset` against the target's `Date`, or a 429's `Retry-After` — on the target's
 * clock. How fast that clock runs (a test mock's may run 20× ours) is learnt from how fast `t`
 * counts down; until it is known, the wait is tried in slices. One window per token (each belongs
 * to a user with a quota of its own).
 */
export class Pacer {
  readonly #windows = new Map<string, Window>();
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  /** Target seconds per second of ours, once seen; undefined until then. */
  #rate: number | undefined;
  /** Answers of 429 seen, and ms spent waiting for windows to reset. */
  rateLimited = 0;
  waitedMs = 0;

  constructor(options: { sleep?: (ms: number) => Promise<void>; now?: () => number } = {}) {
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
  }

  /** Waits, if need be, until `key` may send one more request, and counts it as sent. */
  async before(key: string): Promise<void> {
    const window = this.#windows.get(key);
    if (!window) return;
    if (window.left > 0) {
      window.left -= 1;
      return;
    }
    await this.#waitForReset(window);
    // The window has reset, or so we believe: the next answer says what is left.
    window.left = Number.POSITIVE_INFINITY;
  }

  /** Learns from an answer what is left of `key`'s window; after a 429 the window is spent. */
  after(key: string, exchange: Exchange): void {
    const headers = exchange.responseHeaders;
    const refused = exchange.status === 429;
    if (refused) this.rateLimited += 1;
    const remaining = refused ? 0 : integer(headers['x-ratelimit-remaining']);
    const resetIn = resetSecondsOf(headers) ?? (refused ? (integer(headers['retry-after']) ?? 1) : undefined);
    if (remaining === undefined || resetIn === undefined) return;
    const reset = headers['x-ratelimit-reset'] ?? `429 at ${this.#now()}`;
    const heardAt = this.#now();
    const known = this.#windows.get(key);
    if (!known || known.reset !== reset) {
      this.#windows.set(key, {
        reset,
        left: remaining,
        resetIn,
        heardAt,
        firstResetIn: resetIn,
        firstHeardAt: heardAt,
      });
      return;
    }
    // Answers to concurrent requests arrive in any order: the lowest count is the latest.
    known.left = Math.min(known.left, remaining);
    known.resetIn = resetIn;
    known.heardAt = heardAt;
    const counted = known.firstResetIn - resetIn;
    const elapsed = (heardAt - known.firstHeardAt) / 1000;
    // Whole seconds only: a few of them before trusting the rate (rounded down: better late than 429).
    if (counted >= 3 && elapsed > 0) this.#rate = Math.max(1, (counted - 1) / elapsed);
  }

  async #waitForReset(window: Window): Promise<void> {
    const full = (window.resetIn * 1000) / (this.#rate ?? 1);
    const due =
      window.heardAt +
      (this.#rate === undefined ? Math.max(1000, full / UNKNOWN_RATE_SLICES) : full + MARGIN_MS);
    const ms = Math.min(MAX_WAIT_MS, Math.max(0, due - this.#now()));
    this.waitedMs += ms;
    await this.#sleep(ms);
  }
}
