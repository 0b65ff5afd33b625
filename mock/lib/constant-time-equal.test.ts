import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time-equal.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('constantTimeEqual', () => {
  it.each([
    ['the same bytes', bytes(1, 2, 3), bytes(1, 2, 3), true],
    ['two empty arrays', bytes(), bytes(), true],
    ['a difference in the first byte', bytes(9, 2, 3), bytes(1, 2, 3), false],
    ['a difference in the middle', bytes(1, 9, 3), bytes(1, 2, 3), false],
    ['a difference in the last byte only', bytes(1, 2, 3), bytes(1, 2, 4), false],
    ['a single differing bit', bytes(0, 0, 0b0001_0000), bytes(0, 0, 0), false],
    ['a shorter array that is a prefix', bytes(1, 2), bytes(1, 2, 3), false],
    ['a longer array that starts with the other', bytes(1, 2, 3), bytes(1, 2), false],
    ['zero bytes against nothing', bytes(0), bytes(), false],
  ])('%s → %s', (_name, a, b, want) => {
    expect(constantTimeEqual(a, b)).toBe(want);
    expect(constantTimeEqual(b, a)).toBe(want);
  });

  it('agrees with a plain comparison for any two byte arrays', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        const plain = a.length === b.length && a.every((x, i) => x === b[i]);
        expect(constantTimeEqual(a, b)).toBe(plain);
        expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true);
      }),
    );
  });
});
