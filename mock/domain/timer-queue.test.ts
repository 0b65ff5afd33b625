import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerQueue } from './timer-queue.js';

/** Takes and runs every timer due by `at`. */
function drain(queue: TimerQueue, at: number): void {
  for (let next = queue.takeDue(at); next; next = queue.takeDue(at)) next.run();
}

describe('TimerQueue', () => {
  it('takes timers by time, ties in the order added, whatever was added, cancelled and taken', () => {
    const op = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ cancel: fc.nat() }),
      fc.record({ take: fc.integer({ min: 0, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const queue = new TimerQueue();
        const fired: number[] = [];
        // The model: waiting timers as [at, n], kept sorted by (at, n).
        let model: Array<[number, number]> = [];
        const cancels: Array<() => void> = [];
        const want: number[] = [];
        for (const step of ops) {
          if ('add' in step) {
            const n = cancels.length;
            cancels.push(queue.add(step.add, () => fired.push(n)));
            model.push([step.add, n]);
            model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          } else if ('cancel' in step) {
            if (cancels.length === 0) continue;
            const n = step.cancel % cancels.length;
            cancels[n]?.();
            model = model.filter(([, m]) => m !== n);
          } else {
            drain(queue, step.take);
            const due = model.filter(([at]) => at <= step.take);
            want.push(...due.map(([, n]) => n));
            model = model.slice(due.length);
          }
          expect(queue.size).toBe(model.length);
          expect(queue.nextAt()).toBe(model[0]?.[0]);
        }
        drain(queue, Number.POSITIVE_INFINITY);
        expect(fired).toEqual([...want, ...model.map(([, n]) => n)]);
        expect(queue.size).toBe(0);
      }),
    );
  });

  it('stays right across compactions of many cancelled timers', () => {
    const queue = new TimerQueue();
    const fired: number[] = [];
    // Times in a scrambled order, so the heap left after dropping the cancelled ones must be rebuilt.
    const atOf = (n: number) => (n * 7_919) % 5_000;
    const cancels = Array.from({ length: 5_000 }, (_, n) => queue.add(atOf(n), () => fired.push(n)));
    const kept = cancels.map((_, n) => n).filter((n) => n % 97 === 0);
    cancels.forEach((cancel, n) => {
      if (n % 97 !== 0) cancel();
    });
    // A cancel after compaction, and twice, must not miscount.
    cancels[1]?.();
    expect(queue.size).toBe(kept.length);
    queue.add(-1, () => fired.push(-1));
    drain(queue, 10_000);
    expect(fired).toEqual([-1, ...kept.sort((a, b) => atOf(a) - atOf(b))]);
    expect(queue.size).toBe(0);
  });

  it('a cancel after the timer ran, or after clear(), changes nothing', () => {
    const queue = new TimerQueue();
    const ran = queue.add(1, () => {});
    const cleared = queue.add(5, () => {});
    drain(queue, 1);
    ran();
    expect(queue.size).toBe(1);
    queue.clear();
    queue.add(3, () => {});
    cleared();
    expect([queue.size, queue.nextAt()]).toEqual([1, 3]);
  });

  // 1,025 cancelled timers are just past the compaction threshold: the last cancel compacts the
  // queue down to nothing.
  it('after every timer is cancelled (the queue compacted to nothing), new timers still run, in order', () => {
    const queue = new TimerQueue();
    const cancels = Array.from({ length: 1_025 }, (_, n) => queue.add(n, () => {}));
    for (const cancel of cancels) cancel();
    expect([queue.size, queue.nextAt()]).toEqual([0, undefined]);
    const fired: number[] = [];
    for (const at of [30, 10, 20]) queue.add(at, () => fired.push(at));
    drain(queue, 100);
    expect(fired).toEqual([10, 20, 30]);
  });

  it('after a compaction, the earliest timer left comes first even when it sat below a later one', () => {
    const queue = new TimerQueue();
    const fired: number[] = [];
    // 10 and 20 sit under 5 at the top; with 5 gone, 20 comes first in the heap's array.
    queue.add(10, () => fired.push(10));
    queue.add(20, () => fired.push(20));
    const first = queue.add(5, () => fired.push(5));
    const fillers = Array.from({ length: 2_000 }, (_, n) =>
      queue.add(1_000 + n, () => fired.push(1_000 + n)),
    );
    first();
    for (const cancel of fillers) cancel();
    expect([queue.size, queue.nextAt()]).toEqual([2, 10]);
    drain(queue, 10_000);
    expect(fired).toEqual([10, 20]);
  });
});
