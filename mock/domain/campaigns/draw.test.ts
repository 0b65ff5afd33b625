import { describe, expect, it } from 'vitest';
import { draw, pickByWeight } from './draw.js';

describe('draw', () => {
  it('gives the same number for the same seed and parts, and another for others', () => {
    expect(draw(7, 'population', 'morning', '+14155550001')).toBe(
      draw(7, 'population', 'morning', '+14155550001'),
    );
    expect(draw(7, 'population', 'morning', '+14155550001')).not.toBe(
      draw(8, 'population', 'morning', '+14155550001'),
    );
    expect(draw(7, 'population', 'morning', '+14155550001')).not.toBe(
      draw(7, 'population', 'evening', '+14155550001'),
    );
    // The parts are kept apart: ('ab', 'c') is not ('a', 'bc').
    expect(draw(7, 'ab', 'c')).not.toBe(draw(7, 'a', 'bc'));
  });

  it('falls in [0, 1) and spreads like a fair draw over neighbouring numbers', () => {
    const tenths = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const u = draw(1, 'x', `+1415555${String(i).padStart(4, '0')}`);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      tenths[Math.floor(u * 10)] += 1;
    }
    // A fair draw of 10,000 puts 1,000 ± ~30 (one standard deviation) in each tenth.
    for (const count of tenths) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

describe('pickByWeight', () => {
  const cases: Array<[string, { weights: number[]; u: number; want: number }]> = [
    ['the start of the first share', { weights: [60, 20, 20], u: 0, want: 0 }],
    ['just under the first edge', { weights: [60, 20, 20], u: 0.5999, want: 0 }],
    ['on the first edge', { weights: [60, 20, 20], u: 0.6, want: 1 }],
    ['the last share', { weights: [60, 20, 20], u: 0.9999, want: 2 }],
    ['weights that do not sum to 100', { weights: [1, 3], u: 0.3, want: 1 }],
    ['a single entry', { weights: [5], u: 0.99, want: 0 }],
  ];
  for (const [name, { weights, u, want }] of cases)
    it(`${name}: ${weights.join('/')} at ${u} → ${want}`, () => expect(pickByWeight(weights, u)).toBe(want));
});
