import { describe, expect, it } from 'vitest';
import { dialList, numbersFromPrefix, numbersFromText } from './dial-numbers.js';

describe('the numbers a dial places', () => {
  it('a file: one a line, a CSV’s first column, comments and blank lines skipped', () => {
    const text = '# morning list\n+14155550001\n\n+14155550002, Ada\r\n  +14155550003  # desk\n';
    expect(numbersFromText(text)).toEqual(['+14155550001', '+14155550002', '+14155550003']);
  });

  it('a prefix: full numbers in order, padded to four digits at least', () => {
    expect(numbersFromPrefix('+1415555', 3)).toEqual(['+14155550000', '+14155550001', '+14155550002']);
    expect(numbersFromPrefix('+1415555', 12_000).at(-1)).toBe('+141555511999');
  });

  it.each([
    ['no plus', '1415555', 1, /takes '\+' and digits/],
    ['past 15 digits', '+12345678901234', 10, /15 digits/],
  ])('a prefix with %s is refused', (_name, prefix, count, message) => {
    expect(() => numbersFromPrefix(prefix, count)).toThrow(message);
  });

  it('--repeat dials the whole list again, round by round', () => {
    expect(dialList(['a', 'b'], 3)).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
  });
});
