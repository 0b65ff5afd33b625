import type { SpecValidators } from '../../spec/validators.js';
import { PopulationError } from '../domain/campaigns/population-catalog.js';
import type { Population } from '../domain/campaigns/types.js';
import { DomainError } from '../domain/errors.js';
import type { Telephony } from '../domain/telephony.js';
import type { AdminHandlers } from '../pipeline/types.js';
import { nameOf } from './scenario-operations.js';

/**
 * Checks populations from a file, the config or code against the admin spec's `Population`
 * schema (as `PUT /__mock/populations/{name}` does), then defines them all or none: after the
 * scenarios, whose names their mixes must find.
 */
export function loadPopulations(
  telephony: Telephony,
  validators: SpecValidators,
  values: readonly unknown[],
): void {
  const populations = values.map((value, i) => {
    const errors = validators.validateSchema('Population', value);
    if (errors.length > 0) throw new PopulationError(nameOf(value, i), errors);
    return value as Population;
  });
  const { catalog } = telephony.scenarios;
  telephony.campaigns.populations.defineAll(populations, (name) => catalog.has(name));
}

// The domain's field paths are inside the population (or the settings); here it is the body.
function inBody<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError && error.kind !== 'not_found')
      throw new DomainError(error.kind, error.code, error.message, `/body${error.field ?? ''}`);
    throw error;
  }
}

/** The admin API's campaign operations (populations, webhook delivery, the report), by operationId. */
export function campaignOperations(deps: {
  telephony: Telephony;
}): AdminHandlers<
  | 'listPopulations'
  | 'putPopulation'
  | 'getPopulation'
  | 'deletePopulation'
  | 'getWebhookDelivery'
  | 'putWebhookDelivery'
  | 'getReport'
> {
  const { campaigns, scenarios } = deps.telephony;
  const { populations } = campaigns;
  return {
    listPopulations: () => ({ status: 200, body: { populations: populations.list() } }),
    putPopulation: ({ params, body: population }) => {
      if (population.name !== params.name) {
        const detail = `The body names "${population.name}" but the path says "${params.name}".`;
        throw new DomainError('invalid', 'population_name_mismatch', detail, '/body/name');
      }
      const body = inBody(() => populations.define(population, (name) => scenarios.catalog.has(name)));
      return { status: 200, body };
    },
    getPopulation: ({ params }) => ({ status: 200, body: populations.get(params.name) }),
    deletePopulation: ({ params }) => {
      populations.remove(params.name);
      return { status: 204 };
    },
    getWebhookDelivery: () => ({ status: 200, body: campaigns.delivery }),
    putWebhookDelivery: ({ body }) => ({ status: 200, body: inBody(() => campaigns.setDelivery(body)) }),
    getReport: ({ query }) => ({
      status: 200,
      body: campaigns.report(query.since === undefined ? null : Date.parse(query.since)),
    }),
  };
}
