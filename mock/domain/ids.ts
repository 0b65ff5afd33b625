import type { Faker, LocaleDefinition, Randomizer, SimpleFaker } from '@faker-js/faker';
// faker's root entry loads all of its locales, the slowest import of the mock (bench/README.md), and
// `en` is data that only a callee's lines need. `base` holds faker's classes and the locale-neutral
// data: enough for ids and secrets; English is loaded on first use.
import { faker as base } from '@faker-js/faker/locale/base';

const LocaleFaker = base.constructor as typeof Faker;
// Faker extends SimpleFaker, which has no locale data: enough for ids, and far cheaper to make.
const LocaleFreeFaker = Object.getPrototypeOf(LocaleFaker) as typeof SimpleFaker;

// `en` merged over `base`, as `@faker-js/faker/locale/en`'s own faker has them.
let english: LocaleDefinition | undefined;

/**
 * Hands over faker's English data (`faker.rawDefinitions` of `@faker-js/faker/locale/en`) where
 * it cannot be loaded on first use: a browser bundle, which has no `require`, imports it itself.
 */
export function provideEnglish(definitions: LocaleDefinition): void {
  english = definitions;
}

function englishDefinitions(): LocaleDefinition {
  if (english) return english;
  const node = globalThis.process?.getBuiltinModule?.('node:module');
  if (!node)
    throw new Error("faker's English data was not provided (provideEnglish) and cannot be loaded here");
  const loaded = node.createRequire(import.meta.url)('@faker-js/faker/locale/en') as { faker: Faker };
  english = loaded.faker.rawDefinitions;
  return english;
}

// The random stream of a SimpleFaker, to hand on to the Faker built later (faker keeps it on its core).
function randomizerOf(simple: SimpleFaker): Randomizer {
  const core = (simple as unknown as { fakerCore?: { randomizer?: Randomizer } }).fakerCore;
  if (!core?.randomizer) throw new Error('@faker-js/faker no longer keeps fakerCore.randomizer');
  return core.randomizer;
}

// faker's alphabet for `string.alphanumeric` (casing 'mixed'), in its order: digits, lower, upper.
const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC_CODES = Array.from(ALPHANUMERIC, (c) => c.charCodeAt(0));
const ID_LENGTH = 16;

/** The id prefixes of the API (`call_…`, `agt_…`). */
export type IdPrefix = 'call' | 'agt' | 'prs' | 'voc' | 'txt' | 'evt' | 'req';

/**
 * Ids and fake data from one seeded faker: the same seed gives the same ids, transcripts and
 * numbers, in the same order.
 */
export class SeededFaker {
  readonly seed: number | undefined;
  readonly #ids = new LocaleFreeFaker();
  readonly #random: Randomizer;
  #faker: Faker | undefined;

  constructor(seed?: number) {
    this.seed = seed;
    this.#ids.seed(seed ?? Math.floor(Math.random() * 2 ** 31));
    this.#random = randomizerOf(this.#ids);
  }

  /**
   * The English faker, built on first use over the same random stream as the ids, so the same
   * seed gives the same ids and words in the same order as one faker would.
   */
  get faker(): Faker {
    this.#faker ??= new LocaleFaker({ locale: englishDefinitions(), randomizer: this.#random });
    return this.#faker;
  }

  /**
   * `call_` and 16 letters and digits: what `${prefix}_${faker.string.alphanumeric(16)}` gives,
   * without faker's three layers of helpers per letter, and made flat at once: a joined string is
   * a pair of pieces until the engine flattens it, and then keeps both the pair and the flat copy
   * (every stored object holds ids, so this is most of a store's memory; bench/README.md).
   */
  id(prefix: IdPrefix): string {
    return this.#withLetters(
      Array.from(`${prefix}_`, (c) => c.charCodeAt(0)),
      ID_LENGTH,
    );
  }

  /** Letters and digits from the same stream as the ids (what `faker.string.alphanumeric` gives). */
  alphanumeric(length: number): string {
    return this.#withLetters([], length);
  }

  // `codes` and then `count` letters, each faker's `helpers.arrayElement(alphabet)`:
  // `number.int({ max: 61 })`, floor(next() * 62); one flat string.
  #withLetters(codes: number[], count: number): string {
    for (let i = 0; i < count; i++)
      codes.push(ALPHANUMERIC_CODES[Math.floor(this.#random.next() * ALPHANUMERIC_CODES.length)] ?? 0);
    return String.fromCharCode(...codes);
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
