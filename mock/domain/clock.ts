/** How the mock's time moves: `scale` times real time, or only when advanced (`'manual'`). */
export type TimeScale = number | 'manual';

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

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
  #timers: Timer[] = [];
  #seq = 0;
  #realTimer: ReturnType<typeof setTimeout> | undefined;
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

  /** Runs `run` once the mock's clock reaches `at`. Returns a function that cancels it. */
  schedule(at: number, run: () => void): () => void {
    const timer: Timer = { at, seq: this.#seq++, run };
    const i = this.#position(timer);
    this.#timers.splice(i, 0, timer);
    if (i === 0) this.#arm();
    return () => {
      const index = this.#position(timer);
      if (this.#timers[index] === timer) this.#timers.splice(index, 1);
    };
  }

  /** Runs `run` after `ms` milliseconds of mock time. */
  after(ms: number, run: () => void): () => void {
    return this.schedule(this.now() + ms, run);
  }

  /** How many timers are waiting (for tests and the inspector). */
  get pending(): number {
    return this.#timers.length;
  }

  /** Drops every timer and stops the real-time wake-up (reset, shutdown). */
  clear(): void {
    this.#timers = [];
    if (this.#realTimer) clearTimeout(this.#realTimer);
    this.#realTimer = undefined;
  }

  #later(a: Timer, b: Timer): boolean {
    return a.at > b.at || (a.at === b.at && a.seq > b.seq);
  }

  // Binary search in the sorted queue: where `timer` is, or would go. A linear scan would cost
  // every new call a pass over all the long max-duration timers of the calls in progress.
  #position(timer: Timer): number {
    let low = 0;
    let high = this.#timers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#later(timer, this.#timers[mid] as Timer)) low = mid + 1;
      else high = mid;
    }
    return low;
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
      for (let next = this.#timers[0]; next && next.at <= target; next = this.#timers[0]) {
        this.#timers.shift();
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

  #arm(): void {
    if (this.#realTimer) clearTimeout(this.#realTimer);
    this.#realTimer = undefined;
    const next = this.#timers[0];
    if (!next || this.#scale === 'manual' || this.#scale <= 0) return;
    const wait = Math.max(0, (next.at - this.now()) / this.#scale);
    this.#realTimer = setTimeout(
      () => {
        this.#realTimer = undefined;
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
