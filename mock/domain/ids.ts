import { base, en, Faker } from '@faker-js/faker';

/** The id prefixes of the API (`call_…`, `agt_…`). */
export type IdPrefix = 'call' | 'agt' | 'prs' | 'voc' | 'txt' | 'evt' | 'req';

/**
 * Ids and fake data from one seeded faker: the same seed gives the same ids, transcripts and
 * numbers, in the same order.
 */
export class Generator {
  readonly faker: Faker;
  readonly seed: number | undefined;

  constructor(seed?: number) {
    this.seed = seed;
    // `base` holds the locale-neutral data (e.g. hacker abbreviations) that `en` falls back on.
    this.faker = new Faker({ locale: [en, base] });
    this.faker.seed(seed ?? Math.floor(Math.random() * 2 ** 31));
  }

  id(prefix: IdPrefix): string {
    return `${prefix}_${this.faker.string.alphanumeric(16)}`;
  }

  /** Something a callee might say. */
  calleeLine(): string {
    const { faker } = this;
    const line = faker.helpers.arrayElement([
      () => `Hi, this is ${faker.person.firstName()}. What is this about?`,
      () => `I was expecting your call about order ${faker.string.numeric(4)}.`,
      () => `Can you call me back ${faker.helpers.arrayElement(['tomorrow', 'after lunch', 'next week'])}?`,
      () => `Sure, I have a minute. ${faker.hacker.phrase()}`,
    ]);
    return line();
  }
}
