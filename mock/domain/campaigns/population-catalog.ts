import type { FieldError } from '../../../spec/field-errors.js';
import { DomainError } from '../errors.js';
import { draw, pickByWeight } from './draw.js';
import type { Population, PopulationEntry } from './types.js';

/** A population the catalog refuses: which one, and each field that is wrong (JSON Pointers into it). */
export class PopulationError extends DomainError {
  readonly population: string;
  readonly errors: FieldError[];

  constructor(population: string, errors: FieldError[], kind: 'invalid' | 'conflict' = 'invalid') {
    const list = errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ');
    super(
      kind,
      kind === 'invalid' ? 'invalid_population' : 'population_conflict',
      `Population "${population}": ${list}.`,
      errors[0]?.path,
    );
    this.name = 'PopulationError';
    this.population = population;
    this.errors = errors;
  }
}

/** What a population made of a dialled number: the population and the entry drawn for it. */
export interface Assignment {
  population: string;
  entry: PopulationEntry;
  /** The entry's name in the report's `byEntry`: the scenario's name or the outcome. */
  entryName: string;
}

/** The scenario's name or the outcome: how the report and the errors name an entry. */
export const entryName = (entry: PopulationEntry): string => entry.scenario ?? entry.outcome ?? '';

// A claim is on an exact number or on a prefix, by one agent or by any ('*').
const claimKey = (kind: 'to' | 'prefix', value: string, agentId: string | undefined) =>
  `${kind} ${value} ${agentId ?? '*'}`;

function claimsOf(population: Population): Array<{ key: string; path: string; what: string }> {
  const { to, agentId } = population.match;
  if (!Array.isArray(to))
    return [{ key: claimKey('prefix', to.prefix, agentId), path: '/match/to/prefix', what: to.prefix }];
  return to.map((n, i) => ({ key: claimKey('to', n, agentId), path: `/match/to/${i}`, what: n }));
}

/**
 * The populations, by name in the order first defined, and an index from each claimed number
 * or prefix (and agent) to its population, so a new call finds its population without a scan:
 * a listed number wins over a prefix, a longer prefix over a shorter, an agent's over anyone's.
 */
export class PopulationCatalog {
  #entries = new Map<string, Population>();
  #claims = new Map<string, string>();

  /**
   * Defines (or replaces) populations, all or none. `scenarioExists` says whether a mix entry's
   * scenario is defined: an entry naming an unknown one is refused.
   */
  defineAll(populations: readonly Population[], scenarioExists: (name: string) => boolean): void {
    const claims = new Map(this.#claims);
    const seen = new Set<string>();
    for (const population of populations) {
      const { name } = population;
      if (seen.has(name)) throw new PopulationError(name, [{ path: '/name', message: 'is defined twice' }]);
      seen.add(name);
      const errors: FieldError[] = [];
      const names = new Set<string>();
      population.mix.forEach((entry, i) => {
        const entryAs = entryName(entry);
        if (names.has(entryAs)) errors.push({ path: `/mix/${i}`, message: `names "${entryAs}" twice` });
        names.add(entryAs);
        if (entry.scenario !== undefined && !scenarioExists(entry.scenario))
          errors.push({
            path: `/mix/${i}/scenario`,
            message: `names no scenario: define "${entry.scenario}" first`,
          });
      });
      if (errors.length > 0) throw new PopulationError(name, errors);
      for (const [key, owner] of claims) if (owner === name) claims.delete(key);
      const taken = claimsOf(population).flatMap((claim) => {
        const owner = claims.get(claim.key);
        return owner && owner !== name
          ? [{ path: claim.path, message: `${claim.what} is already claimed by "${owner}"` }]
          : [];
      });
      if (taken.length > 0) throw new PopulationError(name, taken, 'conflict');
      for (const claim of claimsOf(population)) claims.set(claim.key, name);
    }
    for (const population of populations) this.#entries.set(population.name, structuredClone(population));
    this.#claims = claims;
  }

  define(population: Population, scenarioExists: (name: string) => boolean): Population {
    this.defineAll([population], scenarioExists);
    return this.get(population.name);
  }

  remove(name: string): void {
    if (!this.#entries.delete(name)) throw notFoundPopulation(name);
    for (const [key, owner] of this.#claims) if (owner === name) this.#claims.delete(key);
  }

  get(name: string): Population {
    const population = this.#entries.get(name);
    if (!population) throw notFoundPopulation(name);
    return structuredClone(population);
  }

  list(): Population[] {
    return [...this.#entries.values()].map((p) => structuredClone(p));
  }

  /** The first population (in definition order) whose mix names the scenario, if any. */
  using(scenario: string): string | undefined {
    for (const population of this.#entries.values())
      if (population.mix.some((e) => e.scenario === scenario)) return population.name;
    return undefined;
  }

  /** The population that claims a call to `to` by `agentId`, and the entry drawn for the number. */
  assign(to: string, agentId: string, seed: number): Assignment | undefined {
    const name = this.#claimant(to, agentId);
    const population = name === undefined ? undefined : this.#entries.get(name);
    if (!population) return undefined;
    const u = draw(seed, 'population', population.name, to);
    const entry = population.mix[
      pickByWeight(
        population.mix.map((e) => e.weight),
        u,
      )
    ] as PopulationEntry;
    return { population: population.name, entry, entryName: entryName(entry) };
  }

  #claimant(to: string, agentId: string): string | undefined {
    if (this.#claims.size === 0) return undefined;
    const exact =
      this.#claims.get(claimKey('to', to, agentId)) ?? this.#claims.get(claimKey('to', to, undefined));
    if (exact !== undefined || !to.startsWith('+')) return exact;
    for (let end = to.length; end >= 2; end--) {
      const prefix = to.slice(0, end);
      const owner =
        this.#claims.get(claimKey('prefix', prefix, agentId)) ??
        this.#claims.get(claimKey('prefix', prefix, undefined));
      if (owner !== undefined) return owner;
    }
    return undefined;
  }
}

const notFoundPopulation = (name: string) =>
  new DomainError('not_found', 'population_not_found', `No population ${name}.`);
