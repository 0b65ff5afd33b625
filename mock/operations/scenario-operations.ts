import type { SpecValidators } from '../../spec/validators.js';
import { DomainError } from '../domain/errors.js';
import { ScenarioError } from '../domain/scenarios/scenario-catalog.js';
import type { Scenario } from '../domain/scenarios/types.js';
import type { Telephony } from '../domain/telephony.js';
import type { AdminHandlers } from '../pipeline/types.js';
import type { Journal } from '../stores/journal.js';
import { queryJournal } from '../stores/journal-query.js';

/**
 * Checks scenarios from a file, the config or code against the admin spec's `Scenario` schema
 * (the same one `PUT /__mock/scenarios/{name}` validates with), then defines them all or none.
 * A refusal is a ScenarioError naming the scenario, the step and the field.
 */
export function loadScenarios(
  telephony: Telephony,
  validators: SpecValidators,
  values: readonly unknown[],
): void {
  const scenarios = values.map((value, i) => {
    const errors = validators.validateSchema('Scenario', value);
    if (errors.length > 0) throw new ScenarioError(nameOf(value, i), errors);
    return value as Scenario;
  });
  telephony.scenarios.catalog.defineAll(scenarios);
}

/** How a refusal names a definition that may have no valid name: its name, or its place in the list. */
export function nameOf(value: unknown, index: number): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : `#${index + 1} (no name)`;
}

/** The admin API's scenario operations and the journal's query, by operationId (mock/admin-openapi.yaml). */
export function scenarioOperations(deps: {
  telephony: Telephony;
  journal: Journal;
}): AdminHandlers<
  | 'listScenarios'
  | 'putScenario'
  | 'getScenario'
  | 'deleteScenario'
  | 'getCallScenarioRun'
  | 'listScenarioRuns'
  | 'listJournal'
> {
  const { catalog } = deps.telephony.scenarios;
  return {
    listScenarios: () => ({ status: 200, body: { scenarios: catalog.list() } }),
    putScenario: ({ params, body: scenario }) => {
      if (scenario.name !== params.name) {
        const detail = `The body names "${scenario.name}" but the path says "${params.name}".`;
        throw new DomainError('invalid', 'scenario_name_mismatch', detail, '/body/name');
      }
      try {
        return { status: 200, body: catalog.define(scenario) };
      } catch (error) {
        // The domain's field paths are inside the scenario; here the scenario is the body.
        if (error instanceof ScenarioError) {
          throw new DomainError(error.kind, error.code, error.message, `/body${error.field ?? ''}`);
        }
        throw error;
      }
    },
    getScenario: ({ params }) => ({ status: 200, body: catalog.get(params.name) }),
    deleteScenario: ({ params }) => {
      const population = deps.telephony.campaigns.populations.using(params.name);
      if (population !== undefined && catalog.has(params.name)) {
        const detail = `Scenario ${params.name} is in the mix of population "${population}"; take it out of the mix (or remove the population) first.`;
        throw new DomainError('conflict', 'scenario_in_use', detail);
      }
      catalog.remove(params.name);
      return { status: 204 };
    },
    getCallScenarioRun: ({ params }) => ({ status: 200, body: deps.telephony.scenarios.run(params.callId) }),
    listScenarioRuns: ({ query }) => ({ status: 200, body: deps.telephony.scenarios.runs(query) }),
    listJournal: ({ query }) => ({ status: 200, body: queryJournal(deps.journal, query) }),
  };
}
