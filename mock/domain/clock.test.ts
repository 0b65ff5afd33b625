import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Clock } from './clock.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** Resolves once `ready()` holds, polling real time; rejects after `ms` so a broken clock fails the test. */
function eventually(ready: () => boolean, ms = 2_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      clearInterval(poll);
      reject(new Error('the timer never fired'));
    }, ms);
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      clearTimeout(deadline);
      resolve();
    }, 5);
  });
}

describe('Clock', () => {
  it('in manual mode does not move by itself', async () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    let fired = false;
    clock.after(1, () => {
      fired = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ now: clock.now(), fired, pending: clock.pending }).toEqual({
      now: T0,
      fired: false,
      pending: 1,
    });
  });

  it('advance fires due timers in order, each at its own time, and stops at the target', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const seen: Array<[string, number]> = [];
    const record = (name: string) => () => seen.push([name, clock.now() - T0]);
    clock.after(3_000, record('c'));
    clock.after(1_000, record('a'));
    clock.after(2_000, record('b1'));
    clock.after(2_000, record('b2'));
    clock.after(9_000, record('late'));
    clock.advance(5_000);
    expect(seen).toEqual([
      ['a', 1_000],
      ['b1', 2_000],
      ['b2', 2_000],
      ['c', 3_000],
    ]);
    expect(clock.now()).toBe(T0 + 5_000);
    expect(clock.pending).toBe(1);
  });

  it('fires, in the same advance, timers that due timers schedule', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const seen: number[] = [];
    clock.after(1_000, () => clock.after(1_000, () => seen.push(clock.now() - T0)));
    clock.advance(2_000);
    expect(seen).toEqual([2_000]);
  });

  it('cancel stops a timer; clear drops them all', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const seen: string[] = [];
    const cancel = clock.after(1_000, () => seen.push('cancelled'));
    clock.after(1_000, () => seen.push('kept'));
    cancel();
    clock.advance(1_000);
    clock.after(1_000, () => seen.push('cleared'));
    clock.clear();
    clock.advance(10_000);
    expect(seen).toEqual(['kept']);
    expect(clock.pending).toBe(0);
  });

  it('cancelFor stops every waiting timer of one owner and no other', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const call = { what: 'a call' };
    const other = { what: 'another call' };
    const fired: string[] = [];
    clock.after(1_000, () => fired.push('call 1 s'), call);
    clock.after(2_000, () => fired.push('call 2 s'), call);
    clock.after(1_500, () => fired.push('other'), other);
    clock.after(3_000, () => fired.push('unowned'));
    clock.advance(1_000);
    clock.cancelFor(call);
    clock.cancelFor(call);
    clock.advance(5_000);
    expect(fired).toEqual(['call 1 s', 'other', 'unowned']);
    expect(clock.pending).toBe(0);
  });

  it('any mix of timers and cancellations fires the rest by time, ties in scheduling order', () => {
    const timers = fc.array(fc.record({ delay: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(timers, (specs) => {
        const clock = new Clock({ scale: 'manual', start: T0 });
        const fired: number[] = [];
        const cancels = specs.map((spec, i) => clock.after(spec.delay, () => fired.push(i)));
        specs.forEach((spec, i) => {
          if (spec.cancel) cancels[i]?.();
        });
        clock.advance(50);
        const want = specs
          .map((spec, i) => ({ ...spec, i }))
          .filter((spec) => !spec.cancel)
          .sort((a, b) => a.delay - b.delay || a.i - b.i)
          .map((spec) => spec.i);
        expect(fired).toEqual(want);
        expect(clock.pending).toBe(0);
      }),
    );
  });

  it('a failing timer neither strands the others nor leaves time behind', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const seen: string[] = [];
    clock.after(1_000, () => {
      throw new Error('boom');
    });
    clock.after(2_000, () => seen.push('after the failure'));
    expect(() => clock.advance(5_000)).not.toThrow();
    expect(seen).toEqual(['after the failure']);
    expect(clock.now()).toBe(T0 + 5_000);
  });

  it('reports a failing timer with what it was and marks its owner failed, on the manual clock', () => {
    const reported: string[] = [];
    const clock = new Clock({
      scale: 'manual',
      start: T0,
      onTimerFailure: ({ what, at, error }) =>
        reported.push(`${what} @${at - T0}: ${(error as Error).message}`),
    });
    const owner: string[] = [];
    clock.after(
      1_000,
      () => {
        throw new Error('boom');
      },
      { what: 'voice cloning of agt_1', failed: (reason) => owner.push(reason) },
    );
    clock.advance(2_000);
    expect(reported).toEqual(['voice cloning of agt_1 @1000: boom']);
    expect(owner).toEqual(['internal error in voice cloning of agt_1: boom']);
    expect(clock.failures.count).toBe(1);
  });

  it('on the real scaled clock, a throwing timer never leaves its setTimeout: the process and the other timers go on', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const reported: string[] = [];
      const clock = new Clock({ scale: 1_000, onTimerFailure: ({ what }) => reported.push(what) });
      const owner: string[] = [];
      const seen: string[] = [];
      clock.after(
        1_000,
        () => {
          throw new TypeError('Invalid URL');
        },
        { what: 'voice cloning of agt_2', failed: (reason) => owner.push(reason) },
      );
      // A failing owner report is contained as well.
      clock.after(
        1_500,
        () => {
          throw new Error('first');
        },
        {
          what: 'retry of webhook delivery evt_1',
          failed: () => {
            throw new Error('second');
          },
        },
      );
      clock.after(2_000, () => seen.push('later'));
      await eventually(() => seen.length === 1);
      expect(seen).toEqual(['later']);
      expect(reported).toEqual(['voice cloning of agt_2', 'retry of webhook delivery evt_1']);
      expect(owner).toEqual(['internal error in voice cloning of agt_2: Invalid URL']);
      expect(clock.failures.count).toBe(3);
      clock.clear();
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  it('iso() formats the mock time', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    clock.advance(1_500);
    expect(clock.iso()).toBe('2026-01-01T00:00:01.500Z');
  });

  it('setScale keeps the current time and switches how it moves', () => {
    const clock = new Clock({ scale: 1000, start: T0 });
    clock.setScale('manual');
    const frozen = clock.now();
    expect(frozen).toBeGreaterThanOrEqual(T0);
    expect(clock.scale).toBe('manual');
    clock.advance(500);
    expect(clock.now()).toBe(frozen + 500);
    clock.setScale(2);
    expect(clock.scale).toBe(2);
    expect(clock.now()).toBeGreaterThanOrEqual(frozen + 500);
    clock.clear();
  });

  it('on a scaled clock (×1000) a timer really fires', async () => {
    const clock = new Clock({ scale: 1000, start: T0 });
    let firedAt: number | undefined;
    // 10 s of mock time is about 10 ms of real time.
    clock.after(10_000, () => {
      firedAt = clock.now();
    });
    await eventually(() => firedAt !== undefined);
    expect(firedAt).toBeGreaterThanOrEqual(T0 + 10_000);
    expect(clock.pending).toBe(0);
  });

  it('on a scaled clock, a timer scheduled before the one the wake-up is armed for fires first', async () => {
    const clock = new Clock({ scale: 1000, start: T0 });
    const seen: string[] = [];
    clock.after(3_600_000, () => seen.push('in an hour'));
    clock.after(10_000, () => seen.push('in 10 s'));
    clock.after(20_000, () => seen.push('in 20 s'));
    await eventually(() => seen.length === 2);
    expect(seen).toEqual(['in 10 s', 'in 20 s']);
    expect(clock.pending).toBe(1);
    clock.clear();
  });

  it('pending counts the timers still waiting: cancelling twice or after firing changes nothing', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const fired = clock.after(1_000, () => {});
    const cancelled = clock.after(2_000, () => {});
    clock.after(3_000, () => {});
    cancelled();
    cancelled();
    expect(clock.pending).toBe(2);
    clock.advance(1_000);
    fired();
    expect(clock.pending).toBe(1);
  });

  it('a manual clock switched to a scale starts firing what is due', async () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    let fired = false;
    clock.after(5_000, () => {
      fired = true;
    });
    clock.setScale(1000);
    await eventually(() => fired);
    expect(fired).toBe(true);
  });
});

describe('advanceTo', () => {
  it('moves forward to the given time and refuses to move back', () => {
    const clock = new Clock({ scale: 'manual', start: 1_000_000 });
    let fired = 0;
    clock.schedule(1_002_000, () => fired++);
    clock.advanceTo(1_005_000);
    expect([clock.now(), fired]).toEqual([1_005_000, 1]);
    expect(() => clock.advanceTo(1_004_999)).toThrow(/never moves back/);
    expect(clock.now()).toBe(1_005_000);
  });
});
