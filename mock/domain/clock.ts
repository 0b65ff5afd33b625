import { DomainError } from './errors.js';
import { TimerQueue } from './timer-queue.js';

/** How the mock's time moves: `scale` times real time, or only when advanced (`'manual'`). */
export type TimeScale = number | 'manual';

/**
 * The mock's own clock. Everything timed (call progress, voice cloning, rate-limit windows,
 * webhook retries) reads it and schedules on it, so a test on the manual clock steps through
 * a whole call in milliseconds and gets the same result every time.
 */
export class Clock {
  #scale: TimeScale;
  // Mock time = #base + (real elapsed since #realBase) × scale; re-anchored whenever the scale changes.
  #base: number;
  #realBase: number;
  #timers = new TimerQueue();
  // Timers by what they belong to (a call, a voice clone, a text), so they can be cancelled together.
  #owned = new WeakMap<object, Array<() => void>>();
  #realTimer: ReturnType<typeof setTimeout> | undefined;
  // When #realTimer is due to wake up, on the mock's clock.
  #armedAt: number | undefined;
  #firing = false;

  constructor(options: { scale?: TimeScale; start?: number } = {}) {
    this.#scale = options.scale ?? 1;
    this.#base = options.start ?? Date.now();
    this.#realBase = Date.now();
  }

  /** Milliseconds since the epoch, on the mock's clock. */
  now(): number {
    if (this.#scale === 'manual') return this.#base;
    return this.#base + (Date.now() - this.#realBase) * this.#scale;
  }

  iso(at: number = this.now()): string {
    return new Date(at).toISOString();
  }

  get scale(): TimeScale {
    return this.#scale;
  }

  setScale(scale: TimeScale): void {
    this.#base = this.now();
    this.#realBase = Date.now();
    this.#scale = scale;
    this.#arm();
  }

  /** Sets the time without running timers (a state import puts the clock back where the export was). */
  setTime(at: number): void {
    this.#setNow(at);
    this.#arm();
  }

  /** Moves time forward to `at`; the clock never moves back (a conflict). */
  advanceTo(at: number): void {
    const now = this.now();
    if (at < now) {
      throw new DomainError(
        'conflict',
        'clock_cannot_go_back',
        `The clock is at ${this.iso(now)}; it never moves back.`,
      );
    }
    this.advance(at - now);
  }

  /** Moves time forward, running every timer that falls due, in order, each at its own time. */
  advance(ms: number): void {
    const target = this.now() + ms;
    try {
      this.#fireUntil(target);
    } finally {
      this.#setNow(Math.max(target, this.now()));
      this.#arm();
    }
  }

  /**
   * Runs `run` once the mock's clock reaches `at`. Returns a function that cancels it; with an
   * `owner`, `cancelFor(owner)` cancels it too.
   */
  schedule(at: number, run: () => void, owner?: object): () => void {
    const cancel = this.#timers.add(at, run);
    if (owner) {
      const owned = this.#owned.get(owner);
      if (owned) owned.push(cancel);
      else this.#owned.set(owner, [cancel]);
    }
    // Only a timer that comes before the armed wake-up needs a new one (O(1) for the usual far-off timer).
    if (this.#armedAt === undefined || at < this.#armedAt) this.#arm();
    return cancel;
  }

  /** Runs `run` after `ms` milliseconds of mock time. */
  after(ms: number, run: () => void, owner?: object): () => void {
    return this.schedule(this.now() + ms, run, owner);
  }

  /** Cancels every timer scheduled for `owner` that has not run: what it waited for will not come. */
  cancelFor(owner: object): void {
    for (const cancel of this.#owned.get(owner) ?? []) cancel();
    this.#owned.delete(owner);
  }

  /** How many timers are waiting (for tests and the inspector). */
  get pending(): number {
    return this.#timers.size;
  }

  /** Drops every timer and stops the real-time wake-up (reset, shutdown). */
  clear(): void {
    this.#timers.clear();
    this.#owned = new WeakMap();
    this.#disarm();
  }

  #setNow(at: number): void {
    this.#base = at;
    this.#realBase = Date.now();
  }

  #fireUntil(target: number): void {
    if (this.#firing) return;
    this.#firing = true;
    // One failing timer must not strand the others (or leave time behind): run them all, then report.
    const failures: unknown[] = [];
    try {
      for (let next = this.#timers.takeDue(target); next; next = this.#timers.takeDue(target)) {
        if (next.at > this.now()) this.#setNow(next.at);
        try {
          next.run();
        } catch (error) {
          failures.push(error);
        }
      }
    } finally {
      this.#firing = false;
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} timers failed`);
  }

  #disarm(): void {
    if (this.#realTimer) clearTimeout(this.#realTimer);
    this.#realTimer = undefined;
    this.#armedAt = undefined;
  }

  #arm(): void {
    this.#disarm();
    const next = this.#timers.nextAt();
    if (next === undefined || this.#scale === 'manual' || this.#scale <= 0) return;
    const wait = Math.max(0, (next - this.now()) / this.#scale);
    this.#armedAt = next;
    this.#realTimer = setTimeout(
      () => {
        this.#realTimer = undefined;
        this.#armedAt = undefined;
        try {
          this.#fireUntil(this.now());
        } finally {
          this.#arm();
        }
      },
      Math.min(wait, 2 ** 31 - 1),
    );
    this.#realTimer.unref?.();
  }
}
