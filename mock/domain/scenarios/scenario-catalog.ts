import type { FieldError } from '../../../spec/field-errors.js';
import { DomainError } from '../errors.js';
import { compileScript, type Script } from './script.js';
import type { Scenario } from './types.js';

/** A scenario as stored: the definition as given and its compiled script. */
export interface CatalogEntry {
  scenario: Scenario;
  script: Script;
}

/** A scenario the catalog refuses: which one, and each field that is wrong (JSON Pointers into it). */
export class ScenarioError extends DomainError {
  readonly scenario: string;
  readonly errors: FieldError[];

  constructor(scenario: string, errors: FieldError[], kind: 'invalid' | 'conflict' = 'invalid') {
    const list = errors.map((e) => `${locate(e.path)}${e.path || '/'} ${e.message}`).join('; ');
    super(
      kind,
      kind === 'invalid' ? 'invalid_scenario' : 'scenario_conflict',
      `Scenario "${scenario}": ${list}.`,
      errors[0]?.path,
    );
    this.name = 'ScenarioError';
    this.scenario = scenario;
    this.errors = errors;
  }
}

// "step 2, branch 1, step 0: " for /steps/2/expect/branches/1/steps/0/say; nothing outside the steps.
function locate(path: string): string {
  const parts = [...path.matchAll(/\/(steps|branches)\/(\d+)/g)].map(
    (m) => `${m[1] === 'steps' ? 'step' : 'branch'} ${m[2]}`,
  );
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

// A scenario without `match` claims no number: only populations send it calls.
const numbersOf = ({ match }: Scenario) => (!match ? [] : Array.isArray(match.to) ? match.to : [match.to]);
const claimKey = (to: string, agentId: string | undefined) => `${to} ${agentId ?? '*'}`;

/**
 * The scenarios, by name in the order they were first defined, and an index from each claimed
 * number (and agent) to its scenario, so a new call finds its script without a scan.
 */
export class ScenarioCatalog {
  #entries = new Map<string, CatalogEntry>();
  #claims = new Map<string, string>();

  /** Checks a scenario the schema has already passed: what only the domain can see. */
  check(scenario: Scenario, others: ReadonlyMap<string, string> = this.#claims): CatalogEntry {
    const { script, errors } = compileScript(scenario);
    if (scenario.steps === undefined && scenario.brain === undefined)
      errors.push({ path: '/steps', message: 'is required when there is no brain' });
    const numbers = numbersOf(scenario);
    if (numbers.some((n) => n.startsWith('sip:')) && script.nodes.some((n) => n.kind === 'text')) {
      const at = script.nodes.find((n) => n.kind === 'text')?.path ?? '/steps';
      errors.push({
        path: `${at}/text`,
        message: 'cannot be sent: a sip: callee has no number to text from',
      });
    }
    if (errors.length > 0) throw new ScenarioError(scenario.name, errors);
    const taken = numbers.flatMap((to, i) => {
      const owner = others.get(claimKey(to, scenario.match?.agentId));
      return owner && owner !== scenario.name
        ? [{ path: Array.isArray(scenario.match?.to) ? `/match/to/${i}` : '/match/to', owner, to }]
        : [];
    });
    if (taken.length > 0) {
      const errors = taken.map((t) => ({
        path: t.path,
        message: `${t.to} is already claimed by "${t.owner}"`,
      }));
      throw new ScenarioError(scenario.name, errors, 'conflict');
    }
    return { scenario: structuredClone(scenario), script };
  }

  /** Defines (or replaces) several scenarios at once: all are checked first, so none is half-loaded. */
  defineAll(scenarios: readonly Scenario[]): void {
    const twice = scenarios.find((s, i) => scenarios.findIndex((t) => t.name === s.name) !== i);
    if (twice) throw new ScenarioError(twice.name, [{ path: '/name', message: 'is defined twice' }]);
    const claims = new Map(this.#claims);
    const entries = scenarios.map((scenario) => {
      for (const [key, owner] of claims) if (owner === scenario.name) claims.delete(key);
      const entry = this.check(scenario, claims);
      for (const to of numbersOf(scenario)) claims.set(claimKey(to, scenario.match?.agentId), scenario.name);
      return entry;
    });
    for (const entry of entries) this.#entries.set(entry.scenario.name, entry);
    this.#claims = claims;
  }

  define(scenario: Scenario): Scenario {
    this.defineAll([scenario]);
    return this.get(scenario.name);
  }

  remove(name: string): void {
    if (!this.#entries.delete(name)) throw notFoundScenario(name);
    for (const [key, owner] of this.#claims) if (owner === name) this.#claims.delete(key);
  }

  /** The stored scenario with its script, for a population that names it. */
  entry(name: string): CatalogEntry | undefined {
    return this.#entries.get(name);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  get(name: string): Scenario {
    const entry = this.#entries.get(name);
    if (!entry) throw notFoundScenario(name);
    return structuredClone(entry.scenario);
  }

  list(): Scenario[] {
    return [...this.#entries.values()].map((e) => structuredClone(e.scenario));
  }

  /** The scenario a new call to `to` by `agentId` follows: one naming the agent wins over one that does not. */
  claim(to: string, agentId: string): CatalogEntry | undefined {
    const name = this.#claims.get(claimKey(to, agentId)) ?? this.#claims.get(claimKey(to, undefined));
    return name === undefined ? undefined : this.#entries.get(name);
  }
}

const notFoundScenario = (name: string) =>
  new DomainError('not_found', 'scenario_not_found', `No scenario ${name}.`);
