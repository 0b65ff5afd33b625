import { describe, expect, it } from 'vitest';
import { Clock } from './clock.js';
import { TimerOwners } from './timer-owners.js';

describe('TimerOwners', () => {
  it('gives a key one owner, so cancelling the key cancels every timer scheduled under it', () => {
    const clock = new Clock({ scale: 'manual', start: 0 });
    const owners = new TimerOwners<object>();
    const key = {};
    const ran: string[] = [];
    let made = 0;
    const ownerOf = () => owners.of(key, () => ({ what: `owner ${++made}` }));
    clock.schedule(1_000, () => ran.push('first'), ownerOf());
    clock.schedule(2_000, () => ran.push('second'), ownerOf());
    expect(made).toBe(1);
    owners.cancel(key, clock);
    clock.advance(5_000);
    expect(ran).toEqual([]);
  });

  it('cancels only that key’s timers; a key never given an owner cancels nothing', () => {
    const clock = new Clock({ scale: 'manual', start: 0 });
    const owners = new TimerOwners<object>();
    const [a, b] = [{}, {}];
    const ran: string[] = [];
    clock.schedule(
      1_000,
      () => ran.push('a'),
      owners.of(a, () => ({ what: 'a' })),
    );
    clock.schedule(
      1_000,
      () => ran.push('b'),
      owners.of(b, () => ({ what: 'b' })),
    );
    owners.cancel({}, clock);
    owners.cancel(a, clock);
    clock.advance(1_000);
    expect(ran).toEqual(['b']);
  });
});
