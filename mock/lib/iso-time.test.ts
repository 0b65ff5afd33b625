import { describe, expect, it } from 'vitest';
import { isoAt } from './iso-time.js';

describe('isoAt', () => {
  it.each([0, 1, 1_764_633_600_000, 1_764_633_600_123, -1, 8.64e15])('%d is what toISOString gives', (ms) => {
    expect(isoAt(ms)).toBe(new Date(ms).toISOString());
    // Asked again (remembered), the same.
    expect(isoAt(ms)).toBe(new Date(ms).toISOString());
  });

  it('stays right past the instants it keeps', () => {
    for (let ms = 0; ms < 2_000; ms++) expect(isoAt(ms * 997)).toBe(new Date(ms * 997).toISOString());
    for (let ms = 0; ms < 2_000; ms += 7) expect(isoAt(ms * 997)).toBe(new Date(ms * 997).toISOString());
  });

  it('refuses an instant out of range as toISOString does, and remembers nothing for it', () => {
    expect(() => isoAt(8.64e15 + 1)).toThrow(RangeError);
    expect(() => isoAt(Number.NaN)).toThrow(RangeError);
  });
});
