import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_AGENTS, DEFAULT_MAX_LIVE_CALLS, maxAgentsOf, maxLiveCallsOf } from './limits.js';

const caps = [
  ['maxLiveCalls', maxLiveCallsOf, DEFAULT_MAX_LIVE_CALLS],
  ['maxAgents', maxAgentsOf, DEFAULT_MAX_AGENTS],
] as const;

describe.each(caps)('the %s cap', (name, capOf, byDefault) => {
  it('defaults to the documented cap', () => {
    expect(capOf()).toBe(byDefault);
    expect(capOf(undefined)).toBe(byDefault);
  });

  it.each([[1], [7], [1_000_000], [Number.POSITIVE_INFINITY]])('takes %s as given', (max) => {
    expect(capOf(max)).toBe(max);
  });

  it.each([[0], [-1], [1.5], [0.5], [Number.NaN], [Number.NEGATIVE_INFINITY]])(
    'refuses %s, naming the option and the value',
    (max) => {
      expect(() => capOf(max)).toThrow(RangeError);
      // What a user who typed a bad flag needs to read: which option and what they gave.
      expect(() => capOf(max)).toThrow(new RegExp(`^${name} .*${String(max)}$`));
    },
  );
});
