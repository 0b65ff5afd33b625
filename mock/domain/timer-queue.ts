/** Whose a timer is: what it does, and how to mark its owner failed should it throw. */
export interface TimerOwner {
  /** What the timer does, for the log (`voice cloning of agt_…`). */
  readonly what: string;
  /** Marks what the timer served (a clone, a delivery, a call) failed, with the reason. */
  readonly failed?: (reason: string) => void;
}

/**
 * An owner that runs its own timers, each scheduled with a step: many timers, one object and no
 * closure per timer (a store of 100,000 waiting calls counts every byte).
 */
export interface TimerTarget<S> extends TimerOwner {
  fire(step: S): void;
}

/** A timer waiting in the queue; `run` is dropped once it is cancelled, fired or cleared. */
export interface QueuedTimer {
  readonly at: number;
  readonly seq: number;
  run: (() => void) | undefined;
  owner: TimerOwner | undefined;
  /** For a timer of a {@link TimerTarget} (`run` is then {@link FIRE_STEP}): the step to fire. */
  step?: unknown;
}

/** A timer as its scheduler holds it, to cancel it (`TimerQueue.cancel`). */
export type TimerHandle = Readonly<Pick<QueuedTimer, 'at'>>;

// Marks a target's timer: on taking it, the queue calls `owner.fire(step)` instead.
const FIRE_STEP = () => {};

/** A timer taken from the queue to run. */
export interface DueTimer {
  at: number;
  run: () => void;
  owner: TimerOwner | undefined;
}

// Rebuild the heap without cancelled timers once they are this many (and outnumber the live ones).
const COMPACT_AFTER = 1024;

const earlier = (a: QueuedTimer, b: QueuedTimer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Timers by due time, ties in the order they were added: a binary min-heap, so adding and taking
 * cost O(log n) however many calls are live (each has a long max-duration timer). A cancelled
 * timer is only marked and skipped when it reaches the top; its callback is released at once, and
 * the heap is compacted once cancelled timers are the majority, so memory stays bounded.
 */
export class TimerQueue {
  #heap: QueuedTimer[] = [];
  #seq = 0;
  #live = 0;

  /** Timers waiting that have not been cancelled. */
  get size(): number {
    return this.#live;
  }

  /** Adds a timer due at `at`. Returns a function that cancels it (a no-op once it has run). */
  add(at: number, run: () => void, owner?: TimerOwner): () => void {
    const timer = this.#push({ at, seq: this.#seq++, run, owner, step: undefined });
    return () => this.cancel(timer);
  }

  /** Adds a timer due at `at` that calls `target.fire(step)`. Returns its handle, for {@link cancel}. */
  addStep<S>(at: number, target: TimerTarget<S>, step: S): TimerHandle {
    return this.#push({ at, seq: this.#seq++, run: FIRE_STEP, owner: target, step });
  }

  /** Cancels a timer (a no-op once it has run or been cancelled). */
  cancel(handle: TimerHandle): void {
    const timer = handle as QueuedTimer;
    if (timer.run === undefined) return;
    this.#release(timer);
    this.#live -= 1;
    this.#compactIfSparse();
  }

  /** When the next live timer is due, if any. */
  nextAt(): number | undefined {
    return this.#peek()?.at;
  }

  /** Removes and returns the next live timer if it is due by `at`. */
  takeDue(at: number): DueTimer | undefined {
    const next = this.#peek();
    if (!next || next.at > at) return undefined;
    this.#pop();
    const { owner, step } = next;
    const run = next.run === FIRE_STEP ? () => (owner as TimerTarget<unknown>).fire(step) : next.run;
    this.#release(next);
    this.#live -= 1;
    return { at: next.at, run: run as () => void, owner };
  }

  /** Drops every timer; their cancel functions become no-ops. */
  clear(): void {
    for (const timer of this.#heap) this.#release(timer);
    this.#heap = [];
    this.#live = 0;
  }

  #push(timer: QueuedTimer): QueuedTimer {
    this.#heap.push(timer);
    this.#up(this.#heap.length - 1);
    this.#live += 1;
    return timer;
  }

  // What the timer would have run, and whose it was, are let go: a held handle pins nothing.
  #release(timer: QueuedTimer): void {
    timer.run = undefined;
    timer.owner = undefined;
    timer.step = undefined;
  }

  // The top live timer, discarding cancelled ones above it.
  #peek(): QueuedTimer | undefined {
    let top = this.#heap[0];
    while (top && top.run === undefined) {
      this.#pop();
      top = this.#heap[0];
    }
    return top;
  }

  #pop(): void {
    const last = this.#heap.pop();
    if (last && this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
  }

  #up(index: number): void {
    const heap = this.#heap;
    const timer = heap[index] as QueuedTimer;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >>> 1;
      const parent = heap[parentIndex] as QueuedTimer;
      if (!earlier(timer, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = timer;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const timer = heap[index] as QueuedTimer;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && earlier(heap[right] as QueuedTimer, heap[left] as QueuedTimer)) child = right;
      const smaller = heap[child] as QueuedTimer;
      if (!earlier(smaller, timer)) break;
      heap[i] = smaller;
      i = child;
    }
    heap[i] = timer;
  }

  #compactIfSparse(): void {
    const cancelled = this.#heap.length - this.#live;
    if (cancelled <= COMPACT_AFTER || cancelled <= this.#live) return;
    this.#heap = this.#heap.filter((timer) => timer.run !== undefined);
    for (let i = (this.#heap.length >>> 1) - 1; i >= 0; i--) this.#down(i);
  }
}
