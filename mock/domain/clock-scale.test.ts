import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeOf } from '../../test/support/domain-error-code.js';
import { Clock } from './clock.js';

// Real time is faked here (Date and setTimeout together), so "how fast the clock runs" is exact.
const REAL_T0 = Date.parse('2030-06-01T12:00:00.000Z');
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

beforeEach(() => {
  vi.useFakeTimers({ now: REAL_T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a scaled clock', () => {
  it.each([
    [1, 1_000, 1_000],
    [10, 1_000, 10_000],
    [0.5, 1_000, 500],
    [60, 250, 15_000],
  ])('at scale %s, %s ms of real time are %s ms of mock time', (scale, real, mock) => {
    const clock = new Clock({ scale, start: T0 });
    expect(clock.now()).toBe(T0);
    vi.advanceTimersByTime(real);
    expect(clock.now()).toBe(T0 + mock);
  });

  it('starts at real time when no start is given', () => {
    const clock = new Clock({ scale: 1 });
    expect(clock.now()).toBe(REAL_T0);
    expect(new Clock().scale).toBe(1);
  });

  it('at scale 10 a timer 10 s ahead fires after 1 s of real time, not before, at its own time', () => {
    const clock = new Clock({ scale: 10, start: T0 });
    const fired: number[] = [];
    clock.after(10_000, () => fired.push(clock.now() - T0));
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([10_000]);
    expect(clock.pending).toBe(0);
  });

  it('a timer scheduled for the past fires at once and does not move the clock back', () => {
    const clock = new Clock({ scale: 10, start: T0 });
    vi.advanceTimersByTime(1_000);
    const seen: number[] = [];
    clock.schedule(T0 + 2_000, () => seen.push(clock.now() - T0));
    vi.advanceTimersByTime(0);
    expect(seen).toEqual([10_000]);
  });

  it('setScale keeps the time it had and runs at the new speed from then on', () => {
    const clock = new Clock({ scale: 2, start: T0 });
    vi.advanceTimersByTime(1_000);
    clock.setScale(10);
    expect(clock.now()).toBe(T0 + 2_000);
    vi.advanceTimersByTime(1_000);
    expect(clock.now()).toBe(T0 + 12_000);
    clock.setScale('manual');
    vi.advanceTimersByTime(5_000);
    expect(clock.now()).toBe(T0 + 12_000);
  });

  it('a faster scale re-arms the wake-up: a pending timer fires sooner', () => {
    const clock = new Clock({ scale: 1, start: T0 });
    let firedAt: number | undefined;
    clock.after(60_000, () => {
      firedAt = clock.now() - T0;
    });
    clock.setScale(60);
    vi.advanceTimersByTime(1_000);
    expect(firedAt).toBe(60_000);
  });

  it('at scale 0 the clock stands still: nothing fires by itself, not even a timer due now', () => {
    const clock = new Clock({ scale: 0, start: T0 });
    let fired = false;
    clock.after(0, () => {
      fired = true;
    });
    vi.advanceTimersByTime(60_000);
    expect([fired, clock.now(), clock.pending]).toEqual([false, T0, 1]);
    clock.advance(0);
    expect(fired).toBe(true);
  });

  it('setTime moves the time without running what falls due; the next wake-up runs it', () => {
    const clock = new Clock({ scale: 1, start: T0 });
    const seen: number[] = [];
    clock.after(5_000, () => seen.push(clock.now() - T0));
    clock.setTime(T0 + 60_000);
    expect(seen).toEqual([]);
    expect(clock.now()).toBe(T0 + 60_000);
    vi.advanceTimersByTime(0);
    expect(seen).toEqual([60_000]);
  });

  it('clear() stops the wake-up: a cleared timer never fires', () => {
    const clock = new Clock({ scale: 1, start: T0 });
    let fired = false;
    clock.after(1_000, () => {
      fired = true;
    });
    clock.clear();
    // No wake-up is left behind, so a stopped mock does not keep the process waiting.
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(false);
  });

  it('a timer far in the future (beyond what setTimeout can wait) does not fire early', () => {
    const clock = new Clock({ scale: 1, start: T0 });
    const month = 30 * 24 * 60 * 60 * 1000;
    let fired = false;
    clock.after(month, () => {
      fired = true;
    });
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(month - (2 ** 31 - 1));
    expect(fired).toBe(true);
  });
});

// That a failing timer strands no other, is reported with its owner and leaves no real setTimeout
// is in clock.test.ts; here, what the clock keeps of failures, and the scaled clock's exact times.
describe('failing timers', () => {
  it('two timers failing in one advance are both kept and reported, in order, as themselves; the advance goes on', () => {
    const reported: unknown[] = [];
    const clock = new Clock({
      scale: 'manual',
      start: T0,
      onTimerFailure: ({ error }) => reported.push(error),
    });
    const first = new Error('first');
    const second = new Error('second');
    const ran: string[] = [];
    clock.after(1_000, () => {
      throw first;
    });
    clock.after(2_000, () => ran.push('between'));
    clock.after(3_000, () => {
      throw second;
    });
    expect(() => clock.advance(5_000)).not.toThrow();
    const { latest, count } = clock.failures;
    expect([count, latest.map((f) => [f.what, f.at - T0])]).toEqual([
      2,
      [
        ['a timer', 1_000],
        ['a timer', 3_000],
      ],
    ]);
    // The errors themselves, not copies, both to the reporter and in `failures`.
    expect(reported).toHaveLength(2);
    expect(reported[0]).toBe(first);
    expect(reported[1]).toBe(second);
    expect(latest[0]?.error).toBe(first);
    expect(latest[1]?.error).toBe(second);
    expect(ran).toEqual(['between']);
    expect(clock.now()).toBe(T0 + 5_000);
  });

  it('keeps the latest 20 failures, oldest first, and counts them all', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    for (let i = 1; i <= 25; i++)
      clock.after(i, () => {
        throw new Error(`failure ${i}`);
      });
    clock.advance(25);
    const { latest, count } = clock.failures;
    expect(count).toBe(25);
    expect(latest.map((f) => (f.error as Error).message)).toEqual(
      Array.from({ length: 20 }, (_, i) => `failure ${i + 6}`),
    );
  });

  it('a reporter that throws is contained too: the failure is kept and the clock goes on', () => {
    const clock = new Clock({
      scale: 'manual',
      start: T0,
      onTimerFailure: () => {
        throw new Error('the reporter broke');
      },
    });
    clock.after(1_000, () => {
      throw new Error('boom');
    });
    let fired = false;
    clock.after(2_000, () => {
      fired = true;
    });
    expect(() => clock.advance(2_000)).not.toThrow();
    expect([fired, clock.failures.count]).toEqual([true, 1]);
  });

  it('a timer that throws on the scaled clock does not stop the wake-ups: the next fires at its own time, not before', () => {
    const clock = new Clock({ scale: 1, start: T0 });
    clock.after(1_000, () => {
      throw new Error('boom');
    });
    let fired = false;
    clock.after(2_000, () => {
      fired = true;
    });
    expect(() => vi.advanceTimersByTime(1_000)).not.toThrow();
    expect(clock.failures.latest.map((f) => [f.at, (f.error as Error).message])).toEqual([
      [T0 + 1_000, 'boom'],
    ]);
    vi.advanceTimersByTime(999);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(true);
  });
});

describe('a timer that advances the clock', () => {
  it('does not run other timers inside itself: those due meanwhile run after it', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const seen: string[] = [];
    clock.after(1_000, () => {
      clock.advance(1_000);
      seen.push('first done');
    });
    clock.after(1_500, () => seen.push(`second at ${clock.now() - T0}`));
    clock.advance(2_000);
    expect(seen).toEqual(['first done', 'second at 2000']);
    expect(clock.now()).toBe(T0 + 2_000);
  });
});

describe('the manual clock and advanceTo', () => {
  it('a manual clock never fires by itself, not even a timer due now', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    let fired = false;
    clock.after(0, () => {
      fired = true;
    });
    vi.advanceTimersByTime(60_000);
    expect([fired, vi.getTimerCount()]).toEqual([false, 0]);
  });

  it('moving to the time it already shows is allowed; a time before it is a conflict', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    expect(codeOf(() => clock.advanceTo(T0))).toBe('no error');
    expect(codeOf(() => clock.advanceTo(T0 - 1))).toBe('conflict:clock_cannot_go_back');
    expect(clock.now()).toBe(T0);
  });
});

describe('failing timers and their owners', () => {
  const boom = () => {
    throw new Error('boom');
  };

  it('a reporter set after start-up hears the failures from then on', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const heard: string[] = [];
    clock.onTimerFailure = (failure) => heard.push(failure.what);
    clock.after(1_000, boom, { what: 'ringing call_1' });
    clock.advance(1_000);
    clock.onTimerFailure = undefined;
    clock.after(1_000, boom, { what: 'ringing call_2' });
    expect(() => clock.advance(1_000)).not.toThrow();
    expect([heard, clock.failures.count]).toEqual([['ringing call_1'], 2]);
  });

  it('an owner that cannot be marked failed is reported once, as itself', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    clock.after(1_000, boom, { what: 'delivering evt_1' });
    clock.advance(1_000);
    expect([clock.failures.count, clock.failures.latest.map((f) => f.what)]).toEqual([
      1,
      ['delivering evt_1'],
    ]);
  });

  it('an owner whose marking fails too is reported twice (the timer, then the marking); the clock goes on', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const markingError = new Error('cannot mark');
    clock.after(1_000, boom, {
      what: 'voice cloning of agt_1',
      failed: () => {
        throw markingError;
      },
    });
    let later = false;
    clock.after(2_000, () => {
      later = true;
    });
    expect(() => clock.advance(2_000)).not.toThrow();
    const { latest } = clock.failures;
    expect(latest.map((f) => [f.what, f.at - T0])).toEqual([
      ['voice cloning of agt_1', 1_000],
      ['marking voice cloning of agt_1 failed', 1_000],
    ]);
    expect(latest[1]?.error).toBe(markingError);
    expect(later).toBe(true);
  });

  it('a scaled clock with nothing left to wait for holds no real timer', () => {
    const clock = new Clock({ scale: 10, start: T0 });
    let fired = false;
    clock.after(1_000, () => {
      fired = true;
    });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(100);
    expect([fired, vi.getTimerCount()]).toEqual([true, 0]);
  });
});
