import { base, en, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { SeededFaker } from './ids.js';

// What each seed gave when ids.ts built its faker from the package root; the lighter import must match it.
const reference = (seed: number) => {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
};

const draw = (faker: Faker) =>
  Array.from({ length: 50 }, () => [
    faker.string.alphanumeric(16),
    faker.person.firstName(),
    faker.hacker.phrase(),
    faker.string.numeric(4),
    faker.helpers.arrayElement(['tomorrow', 'after lunch', 'next week']),
  ]);

describe('SeededFaker', () => {
  it.each([[1], [7], [2 ** 31 - 1]])('seed %i gives what faker with [en, base] gives', (seed) => {
    expect(draw(new SeededFaker(seed).faker)).toEqual(draw(reference(seed)));
  });

  it('ids drawn before and between words come from the same stream as one faker with [en, base]', () => {
    const gen = new SeededFaker(11);
    const ref = reference(11);
    const ours = [gen.id('call'), gen.id('agt'), gen.faker.person.firstName(), gen.id('txt')];
    const expected = [
      `call_${ref.string.alphanumeric(16)}`,
      `agt_${ref.string.alphanumeric(16)}`,
      ref.person.firstName(),
      `txt_${ref.string.alphanumeric(16)}`,
    ];
    expect(ours).toEqual(expected);
  });

  it.each([[1], [42], [20261202]])(
    'seed %i: 3,000 ids and secrets, letter for letter what faker.string.alphanumeric gives',
    (seed) => {
      const gen = new SeededFaker(seed);
      const ref = reference(seed);
      for (let i = 0; i < 1000; i++) {
        expect(gen.id('call')).toBe(`call_${ref.string.alphanumeric(16)}`);
        expect(gen.alphanumeric(32)).toBe(ref.string.alphanumeric(32));
        expect(gen.id('evt')).toBe(`evt_${ref.string.alphanumeric(16)}`);
      }
    },
  );

  it('ids carry their prefix; callee lines are sentences; the same seed repeats both', () => {
    const run = () => {
      const gen = new SeededFaker(3);
      return { id: gen.id('call'), lines: [gen.calleeLine(), gen.calleeLine(), gen.calleeLine()] };
    };
    const first = run();
    expect(first.id).toMatch(/^call_[A-Za-z0-9]{16}$/);
    for (const line of first.lines) expect(line).toMatch(/^[A-Z].*[.?!]$/);
    expect(run()).toEqual(first);
  });

  it('generators do not share their random state', () => {
    const a = new SeededFaker(5);
    const b = new SeededFaker(5);
    a.id('agt');
    expect(b.id('agt')).toBe(new SeededFaker(5).id('agt'));
  });
});
