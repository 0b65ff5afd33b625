import { isoAt } from '../lib/iso-time.js';
import { DomainError } from './errors.js';
import {
  type DueTimer,
  type TimerHandle,
  type TimerOwner,
  TimerQueue,
  type TimerTarget,
} from './timer-queue.js';

export type { TimerHandle, TimerOwner, TimerTarget } from './timer-queue.js';

/** A timer that threw: what it was, when on the mock's clock, and the error. */
export interface TimerFailure {
  what: string;
  at: number;
  error: unknown;
}

/** Failures the clock keeps for the inspector and tests; older ones are only counted. */
const KEPT_FAILURES = 20;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How the mock's time moves: `scale` times real time, or only when advanced (`'manual'`). */
export type TimeScale = number | 'manual';

/**
 * The mock's own clock. Everything timed (call progress, voice cloning, rate-limit windows,
 * webhook retries) reads it and schedules on it, so a test on the manual clock steps through
 * a whole call in milliseconds and gets the same result every time.
 */
export class Clock {
  #scale: TimeScale;
  // Mock time = #base + (real elapsed since #realBase) * scale; re-anchored whenever the scale changes.
  #base: number;
  #realBase: number;
  #timers = new TimerQueue();
  // Timers by what they belong to (a call, a voice clone, a text), so they can be cancelled together.
  #owned = new WeakMap<TimerOwner, Array<() => void>>();
  #realTimer: ReturnType<typeof setTimeout> | undefined;
  // When #realTimer is due to wake up, on the mock's clock.
  #armedAt: number | undefined;
  #firing = false;
  #onFailure: ((failure: TimerFailure) => void) | undefined;
  #failures: TimerFailure[] = [];
  #failureCount = 0;

  constructor(
    options: { scale?: TimeScale; start?: number; onTimerFailure?: (failure: TimerFailure) => void } = {},
  ) {
    this.#scale = options.scale ?? 1;
    this.#base = options.start ?? Date.now();
    this.#realBase = Date.now();
    this.#onFailure = options.onTimerFailure;
  }

  /** Where failing timers are reported (the server's logger); they are never rethrown. */
  set onTimerFailure(report: ((failure: TimerFailure) => void) | undefined) {
    this.#onFailure = report;
  }

  /** The latest timers that threw (at most 20), oldest first, and how many threw in all. */
  get failures(): { latest: readonly TimerFailure[]; count: number } {
    return { latest: [...this.#failures], count: this.#failureCount };
  }

  /** Milliseconds since the epoch, on the mock's clock. */
  now(): number {
    if (this.#scale === 'manual') return this.#base;
    return this.#base + (Date.now() - this.#realBase) * this.#scale;
  }

  iso(at: number = this.now()): string {
    return isoAt(at);
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
    this.#fireUntil(target);
    this.#setNow(Math.max(target, this.now()));
    this.#arm();
  }

  /**
   * Runs `run` once the mock's clock reaches `at`. Returns a function that cancels it;
   * `cancelFor(owner)` cancels it too. Should `run` throw, the clock reports it (with `owner.what`),
   * tells `owner.failed`, and goes on.
   */
  schedule(at: number, run: () => void, owner?: TimerOwner): () => void {
    const cancel = this.#timers.add(at, run, owner);
    if (owner) {
      const owned = this.#owned.get(owner);
      if (owned) owned.push(cancel);
      else this.#owned.set(owner, [cancel]);
    }
    this.#wakeFor(at);
    return cancel;
  }

  /**
   * Calls `target.fire(step)` once the mock's clock reaches `at`: for owners with many timers (a
   * store of calls), no closure per timer. Cancel it with {@link cancel}; should it throw, the
   * clock reports it and tells `target.failed`, as for {@link schedule}.
   */
  scheduleStep<S>(at: number, target: TimerTarget<S>, step: S): TimerHandle {
    const handle = this.#timers.addStep(at, target, step);
    this.#wakeFor(at);
    return handle;
  }

  /** Cancels a timer made by {@link scheduleStep} (a no-op once it has run). */
  cancel(handle: TimerHandle): void {
    this.#timers.cancel(handle);
  }

  /** Runs `run` after `ms` milliseconds of mock time. */
  after(ms: number, run: () => void, owner?: TimerOwner): () => void {
    return this.schedule(this.now() + ms, run, owner);
  }

  /** Cancels every timer scheduled for `owner` that has not run: what it waited for will not come. */
  cancelFor(owner: TimerOwner): void {
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

  // Only a timer that comes before the armed wake-up needs a new one (O(1) for the usual far-off timer).
  #wakeFor(at: number): void {
    if (this.#armedAt === undefined || at < this.#armedAt) this.#arm();
  }

  #setNow(at: number): void {
    this.#base = at;
    this.#realBase = Date.now();
  }

  #fireUntil(target: number): void {
    if (this.#firing) return;
    this.#firing = true;
    try {
      for (let next = this.#timers.takeDue(target); next; next = this.#timers.takeDue(target)) {
        if (next.at > this.now()) this.#setNow(next.at);
        this.#runContained(next);
      }
    } finally {
      this.#firing = false;
    }
  }

  // A timer that throws is a bug in the mock, never the caller's: it is reported, its owner is
  // marked failed, and the other timers (and the process) go on. Nothing leaves a real setTimeout.
  #runContained(timer: DueTimer): void {
    try {
      timer.run();
    } catch (error) {
      const failure: TimerFailure = { what: timer.owner?.what ?? 'a timer', at: timer.at, error };
      this.#keep(failure);
      try {
        timer.owner?.failed?.(`internal error in ${failure.what}: ${messageOf(error)}`);
      } catch (again) {
        this.#keep({ what: `marking ${failure.what} failed`, at: timer.at, error: again });
      }
      this.#notify(failure);
    }
  }

  /**
   * Keeps and reports a failure of the mock's own code that no caller can be told of: a timer
   * that threw (above), or a listener of the domain's events that threw (Telephony). Never throws.
   */
  report(failure: TimerFailure): void {
    this.#keep(failure);
    this.#notify(failure);
  }

  #notify(failure: TimerFailure): void {
    try {
      this.#onFailure?.(failure);
    } catch {
      // A reporter that throws has nowhere left to report to; the failure is kept all the same.
    }
  }

  #keep(failure: TimerFailure): void {
    this.#failureCount += 1;
    this.#failures.push(failure);
    if (this.#failures.length > KEPT_FAILURES) this.#failures.shift();
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
        this.#fireUntil(this.now());
        this.#arm();
      },
      Math.min(wait, 2 ** 31 - 1),
    );
    this.#realTimer.unref?.();
  }
}
