import { describe, expect, it } from 'vitest';
import { Clock } from './clock.js';
import { TimerQueue, type TimerTarget } from './timer-queue.js';

/** A target that notes each step it fires, and each failure it is told of. */
function target(what = 'the target'): TimerTarget<string> & { fired: string[]; failures: string[] } {
  const fired: string[] = [];
  const failures: string[] = [];
  return {
    what,
    fired,
    failures,
    fire(step) {
      if (step === 'throw') throw new Error('boom');
      fired.push(step);
    },
    failed(reason) {
      failures.push(reason);
    },
  };
}

describe('TimerQueue steps (one target, many timers, no closure each)', () => {
  it('fires each step on its target, in time order among closure timers, ties in the order added', () => {
    const queue = new TimerQueue();
    const order: string[] = [];
    const a = target();
    const record: TimerTarget<string> = { what: 'b', fire: (step) => order.push(`b:${step}`) };
    queue.addStep(2, a, 'late');
    queue.add(1, () => order.push('closure'));
    queue.addStep(1, record, 'tie');
    queue.addStep(0, a, 'first');
    expect(queue.size).toBe(4);
    for (let next = queue.takeDue(5); next; next = queue.takeDue(5)) {
      next.run();
      order.push(`(${next.at})`);
    }
    expect(a.fired).toEqual(['first', 'late']);
    expect(order).toEqual(['(0)', 'closure', '(1)', 'b:tie', '(1)', '(2)']);
    expect(queue.size).toBe(0);
  });

  it('hands the target back as the owner of the timer it takes', () => {
    const queue = new TimerQueue();
    const a = target();
    queue.addStep(1, a, 'x');
    expect(queue.takeDue(0)).toBeUndefined();
    expect(queue.takeDue(1)?.owner).toBe(a);
  });

  it('a cancelled step never fires and lets go of its target; cancelling again, or after it ran, changes nothing', () => {
    const queue = new TimerQueue();
    const a = target();
    const cancelled = queue.addStep(1, a, 'cancelled');
    const ran = queue.addStep(2, a, 'ran');
    queue.addStep(3, a, 'waits');
    queue.cancel(cancelled);
    queue.cancel(cancelled);
    expect(queue.size).toBe(2);
    expect(cancelled).toMatchObject({ at: 1, run: undefined, owner: undefined, step: undefined });
    queue.takeDue(2)?.run();
    queue.cancel(ran);
    expect(queue.size).toBe(1);
    expect(queue.nextAt()).toBe(3);
    expect(a.fired).toEqual(['ran']);
  });

  it('stays right across a compaction of many cancelled steps', () => {
    const queue = new TimerQueue();
    const a = target();
    const handles = Array.from({ length: 3_000 }, (_, n) => queue.addStep((n * 7_919) % 3_000, a, String(n)));
    handles.forEach((handle, n) => {
      if (n % 100 !== 0) queue.cancel(handle);
    });
    expect(queue.size).toBe(30);
    for (let next = queue.takeDue(3_000); next; next = queue.takeDue(3_000)) next.run();
    const kept = Array.from({ length: 30 }, (_, i) => i * 100).sort(
      (x, y) => ((x * 7_919) % 3_000) - ((y * 7_919) % 3_000),
    );
    expect(a.fired).toEqual(kept.map(String));
  });

  it('clear() lets go of every step', () => {
    const queue = new TimerQueue();
    const handle = queue.addStep(1, target(), 'x');
    queue.clear();
    expect(handle).toMatchObject({ run: undefined, owner: undefined, step: undefined });
    expect(queue.takeDue(10)).toBeUndefined();
  });
});

describe('Clock.scheduleStep', () => {
  it('fires the step at its time, and not after Clock.cancel', () => {
    const clock = new Clock({ scale: 'manual', start: 0 });
    const a = target();
    clock.scheduleStep(1_000, a, 'kept');
    const handle = clock.scheduleStep(500, a, 'cancelled');
    expect(clock.pending).toBe(2);
    clock.cancel(handle);
    expect(clock.pending).toBe(1);
    clock.advance(999);
    expect(a.fired).toEqual([]);
    clock.advance(1);
    expect(a.fired).toEqual(['kept']);
    expect(clock.pending).toBe(0);
  });

  it('a step that throws is reported with the target’s name, the target is told, and the clock goes on', () => {
    const reported: string[] = [];
    const clock = new Clock({ scale: 'manual', start: 0, onTimerFailure: (f) => reported.push(f.what) });
    const a = target('call call_x (user demo)');
    clock.scheduleStep(1, a, 'throw');
    clock.scheduleStep(2, a, 'after');
    clock.advance(5);
    expect(reported).toEqual(['call call_x (user demo)']);
    expect(a.failures).toEqual(['internal error in call call_x (user demo): boom']);
    expect(a.fired).toEqual(['after']);
    expect(clock.failures.count).toBe(1);
  });

  it('wakes a real-time clock for a step due before its armed wake-up', async () => {
    const clock = new Clock({ scale: 1000 });
    const a = target();
    clock.scheduleStep(clock.now() + 60_000_000, a, 'far');
    clock.scheduleStep(clock.now() + 20, a, 'soon');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.fired).toEqual(['soon']);
    clock.clear();
  });
});
