import type { Faker, Randomizer, SimpleFaker } from '@faker-js/faker';
// The package's root entry loads all of faker's ~70 locales (~250 ms per process); this one loads
// only `en` and `base`. Its instance is never used for data: it lends its class and its merged
// `en`+`base` definitions, so every SeededFaker has a faker of its own with the same data as
// `new Faker({ locale: [en, base] })` (the same seed gives the same output).
import { faker as english } from '@faker-js/faker/locale/en';

const EnglishFaker = english.constructor as typeof Faker;
// Faker extends SimpleFaker, which has no locale data: enough for ids, and ~100 times cheaper to make.
const LocaleFreeFaker = Object.getPrototypeOf(EnglishFaker) as typeof SimpleFaker;

// The random stream of a SimpleFaker, to hand on to the Faker built later (faker keeps it on its core).
function randomizerOf(simple: SimpleFaker): Randomizer {
  const core = (simple as unknown as { fakerCore?: { randomizer?: Randomizer } }).fakerCore;
  if (!core?.randomizer) throw new Error('@faker-js/faker no longer keeps fakerCore.randomizer');
  return core.randomizer;
}

/**
 * The same string, flat: a joined string is a pair of pieces until V8 flattens it, and then keeps
 * both the pair and the flat copy (~150 bytes an id instead of ~80). A string used as a property
 * name is V8's one flat (internalized) copy, freed with its last user.
 */
function flat(joined: string): string {
  for (const name in { [joined]: 0 }) return name;
  return joined;
}

/** The id prefixes of the API (`call_…`, `agt_…`). */
export type IdPrefix = 'call' | 'agt' | 'prs' | 'voc' | 'txt' | 'evt' | 'req';

/**
 * Ids and fake data from one seeded faker: the same seed gives the same ids, transcripts and
 * numbers, in the same order.
 */
export class SeededFaker {
  readonly seed: number | undefined;
  readonly #ids = new LocaleFreeFaker();
  #faker: Faker | undefined;

  constructor(seed?: number) {
    this.seed = seed;
    this.#ids.seed(seed ?? Math.floor(Math.random() * 2 ** 31));
  }

  /**
   * The English faker, built on first use over the same random stream as the ids, so the same
   * seed gives the same ids and words in the same order as one faker would.
   */
  get faker(): Faker {
    // `base` holds the locale-neutral data (e.g. hacker abbreviations) that `en` falls back on.
    this.#faker ??= new EnglishFaker({ locale: english.rawDefinitions, randomizer: randomizerOf(this.#ids) });
    return this.#faker;
  }

  id(prefix: IdPrefix): string {
    return flat(`${prefix}_${this.#ids.string.alphanumeric(16)}`);
  }

  /** Something a callee might say. */
  calleeLine(): string {
    const { faker } = this;
    const line = faker.helpers.arrayElement([
      () => `Hi, this is ${faker.person.firstName()}. What is this about?`,
      () => `I was expecting your call about order ${faker.string.numeric(4)}.`,
      () => `Can you call me back ${faker.helpers.arrayElement(['tomorrow', 'after lunch', 'next week'])}?`,
      () => `Sure, I have a minute. Is this about my appointment on ${faker.date.weekday()}?`,
      () => `Yes, speaking. I moved to ${faker.location.street()} last month, by the way.`,
    ]);
    return line();
  }
}
