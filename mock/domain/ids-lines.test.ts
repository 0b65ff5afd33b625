import { describe, expect, it } from 'vitest';
import { SeededFaker } from './ids.js';

// The five kinds of thing a callee says, each with its own variable part filled in.
const KINDS: Array<[string, RegExp]> = [
  ['introduces themself', /^Hi, this is [A-Z][\w'-]+\. What is this about\?$/],
  ['expects an order', /^I was expecting your call about order \d{4}\.$/],
  ['asks to be called back', /^Can you call me back (tomorrow|after lunch|next week)\?$/],
  ['asks about an appointment', /^Sure, I have a minute\. Is this about my appointment on [A-Z][a-z]+day\?$/],
  ['mentions a move', /^Yes, speaking\. I moved to .+\S last month, by the way\.$/],
];

describe('SeededFaker.calleeLine', () => {
  it('says each of the five kinds of line, each filled in', () => {
    const gen = new SeededFaker(11);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const line = gen.calleeLine();
      const kind = KINDS.find(([, pattern]) => pattern.test(line));
      expect(kind, line).toBeDefined();
      seen.add(kind?.[0] ?? '');
    }
    expect([...seen].sort()).toEqual(KINDS.map(([name]) => name).sort());
  });
});

describe('SeededFaker seeds', () => {
  it('keeps the seed it was given; without one, two generators differ', () => {
    expect(new SeededFaker(5).seed).toBe(5);
    expect(new SeededFaker().seed).toBeUndefined();
    expect(new SeededFaker().id('call')).not.toBe(new SeededFaker().id('call'));
  });

  it.each(['call', 'agt', 'prs', 'voc', 'txt', 'evt', 'req'] as const)(
    '%s ids: the prefix and 16 letters or digits',
    (prefix) => {
      expect(new SeededFaker(1).id(prefix)).toMatch(new RegExp(`^${prefix}_[A-Za-z0-9]{16}$`));
    },
  );
});
