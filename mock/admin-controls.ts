import type { operations } from '../spec/generated/admin-api.js';
import type { CampaignReport, Population } from './domain/campaigns/types.js';
import type { Scenario, ScenarioRun, ScenarioRunStatus } from './domain/scenarios/types.js';
import type { Pipeline } from './pipeline/pipeline.js';
import type { JournalEntry } from './stores/journal.js';
import type { JournalFilter } from './stores/journal-query.js';

export type { CampaignReport, JournalFilter, Population, Scenario, ScenarioRun };

/**
 * What the `startMock` and MSW handles offer beside the domain: scenarios, their runs and the
 * request journal, through the admin API itself (same validation, same errors as over HTTP).
 */
export interface AdminControls {
  /** Defines or replaces a scenario (`PUT /__mock/scenarios/{name}`); throws with the problem's detail if refused. */
  defineScenario(scenario: Scenario): Promise<Scenario>;
  /** Removes a scenario (`DELETE /__mock/scenarios/{name}`). */
  removeScenario(name: string): Promise<void>;
  /** Every scenario, in the order defined. */
  listScenarios(): Promise<Scenario[]>;
  /** The run of the scenario a call follows, with each step's verdict; throws if it follows none. */
  scenarioRun(callId: string): Promise<ScenarioRun>;
  /** Runs, newest first (`GET /__mock/scenario-runs`). */
  scenarioRuns(filter?: { status?: ScenarioRunStatus; scenario?: string }): Promise<ScenarioRun[]>;
  /** The requests the mock received that match, newest first (`GET /__mock/journal`; up to 1000). */
  requests(filter?: Omit<JournalFilter, 'limit'>): Promise<JournalEntry[]>;
  /** Defines or replaces a population (`PUT /__mock/populations/{name}`); throws with the problem's detail if refused. */
  definePopulation(population: Population): Promise<Population>;
  /** Removes a population (`DELETE /__mock/populations/{name}`). */
  removePopulation(name: string): Promise<void>;
  /** Every population, in the order defined. */
  listPopulations(): Promise<Population[]>;
  /** The report (`GET /__mock/report`): since the last reset, or since `since` on the mock's clock. */
  report(options?: { since?: string }): Promise<CampaignReport>;
}

const CONTROL_NAMES = [
  'defineScenario',
  'removeScenario',
  'listScenarios',
  'scenarioRun',
  'scenarioRuns',
  'requests',
  'definePopulation',
  'removePopulation',
  'listPopulations',
  'report',
] as const satisfies ReadonlyArray<keyof AdminControls>;

/** The controls of a handle that has them (to build another handle over the same mock). */
export function pickAdminControls(from: AdminControls): AdminControls {
  return Object.fromEntries(CONTROL_NAMES.map((name) => [name, from[name]])) as unknown as AdminControls;
}

type RunsAnswer = operations['listScenarioRuns']['responses'][200]['content']['application/json'];
type JournalAnswer = operations['listJournal']['responses'][200]['content']['application/json'];

/** The controls over a pipeline; `adminToken` when the mock requires one. */
export function adminControls(pipeline: Pipeline, adminToken?: string): AdminControls {
  const call = async (method: string, path: string, query?: Record<string, unknown>, body?: unknown) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) search.set(name, String(value));
    const response = await pipeline({
      method,
      path,
      search: search.toString(),
      headers: {
        ...(adminToken ? { 'x-admin-token': adminToken } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? new TextEncoder().encode(JSON.stringify(body)) : undefined,
    });
    const parsed = response.body ? (JSON.parse(response.body) as unknown) : undefined;
    if (response.status >= 400) {
      const detail = (parsed as { detail?: string } | undefined)?.detail ?? '';
      throw new Error(`${method} ${path} answered ${response.status}: ${detail}`);
    }
    return parsed;
  };
  const named = (name: string) => `/__mock/scenarios/${encodeURIComponent(name)}`;
  const population = (name: string) => `/__mock/populations/${encodeURIComponent(name)}`;
  return {
    defineScenario: async (scenario) => (await call('PUT', named(scenario.name), {}, scenario)) as Scenario,
    removeScenario: async (name) => {
      await call('DELETE', named(name));
    },
    listScenarios: async () =>
      ((await call('GET', '/__mock/scenarios')) as { scenarios: Scenario[] }).scenarios,
    scenarioRun: async (callId) =>
      (await call('GET', `/__mock/calls/${encodeURIComponent(callId)}/scenario`)) as ScenarioRun,
    scenarioRuns: async (filter = {}) =>
      ((await call('GET', '/__mock/scenario-runs', { ...filter, limit: 1000 })) as RunsAnswer).runs,
    requests: async (filter = {}) =>
      ((await call('GET', '/__mock/journal', { ...filter, limit: 1000 })) as JournalAnswer).entries,
    definePopulation: async (p) => (await call('PUT', population(p.name), {}, p)) as Population,
    removePopulation: async (name) => {
      await call('DELETE', population(name));
    },
    listPopulations: async () =>
      ((await call('GET', '/__mock/populations')) as { populations: Population[] }).populations,
    report: async (options = {}) => (await call('GET', '/__mock/report', options)) as CampaignReport,
  };
}

/** The same controls for a mock in another process, over HTTP at `url`. */
export function adminControlsOverHttp(url: string, adminToken?: string): AdminControls {
  const base = url.replace(/\/$/, '');
  const overHttp: Pipeline = async (req) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const response = await fetch(`${base}${req.path}${req.search ? `?${req.search}` : ''}`, {
      method: req.method,
      headers,
      ...(req.body ? { body: new TextDecoder().decode(req.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      ...(text ? { body: text } : {}),
    };
  };
  return adminControls(overHttp, adminToken);
}
