import type { components as AdminSchemas, operations } from '../../spec/generated/admin-api.js';
import type { components } from '../../spec/generated/api.js';
import type { ActingUser, AdminCall } from './admin-call.js';
import { type RunUntil, runUntil } from './run-until.js';

type Admin = AdminSchemas['schemas'];
export type Call = components['schemas']['Call'];
export type Text = components['schemas']['Text'];
export type Clock = Admin['Clock'];
export type TimeScale = Admin['TimeScale'];
export type Fault = Admin['Fault'];
/** A fault to arm: `operationId`, and the spec's defaults for the rest (`error`, 500, once). */
export type FaultRequest = Pick<Admin['FaultRequest'], 'operationId'> & Partial<Admin['FaultRequest']>;
export type Delivery = Admin['Delivery'];
export type StateSnapshot = Admin['StateSnapshot'];
export type JournalEntry = Admin['JournalEntry'];
export type Scenario = Admin['Scenario'];
export type ScenarioRun = Admin['ScenarioRun'];
export type ScenarioRunStatus = Admin['ScenarioRunStatus'];
export type Population = Admin['Population'];
export type CampaignReport = Admin['CampaignReport'];
export type DeliverySettings = Admin['WebhookDeliverySettings'];
/** Which requests `requests()` gives (`GET /__mock/journal`'s filters). */
export type JournalFilter = Omit<NonNullable<operations['listJournal']['parameters']['query']>, 'limit'>;
/** What an inbound SMS says (`POST /__mock/texts/inbound`). */
export type InboundText = NonNullable<
  operations['receiveInboundText']['requestBody']
>['content']['application/json'];

/**
 * The test driver: one typed call for each control of the admin API (mock/admin-openapi.yaml),
 * the same on `startMock()`, the MSW handle and `connectMock(url)`. In the process it calls the
 * admin operations themselves; over HTTP it sends their requests. Either way a refusal throws a
 * `MockAdminError` with the problem document the admin API answers.
 */
export interface MockDriver {
  /** Forgets all data (`POST /__mock/reset`); users, scenarios and the clock's scale stay. */
  reset(): Promise<void>;
  clock: {
    /** The clock as it is (`GET /__mock/clock`). */
    get(): Promise<Clock>;
    /** Moves the clock forward, running what falls due (`POST /__mock/clock/advance`). */
    advance(seconds: number): Promise<Clock>;
    /** Moves the clock forward to a later time (`PUT /__mock/clock {now}`); it never moves back. */
    set(time: string | Date): Promise<Clock>;
    /** `manual`, or N times real time (`PUT /__mock/clock {scale}`). */
    scale(scale: TimeScale): Promise<Clock>;
  };
  calls: {
    /** The callee says something on a call in progress (`POST /__mock/calls/{callId}/events`). */
    calleeSays(callId: string, text: string, as?: ActingUser): Promise<Call>;
    /** The callee hangs up. */
    calleeHangsUp(callId: string, as?: ActingUser): Promise<Call>;
  };
  texts: {
    /** An SMS arrives (`POST /__mock/texts/inbound`), for the first configured user unless `as` says. */
    inbound(sms: InboundText, as?: ActingUser): Promise<Text>;
  };
  faults: {
    /** The next `count` requests to `operationId` fail (`POST /__mock/faults`). */
    inject(fault: FaultRequest): Promise<Fault>;
    /** Disarms every fault. */
    clear(): Promise<void>;
    /** The faults still armed. */
    list(): Promise<Fault[]>;
  };
  webhooks: {
    /** Deliveries, newest first, with every attempt (`GET /__mock/webhooks`). */
    list(filter?: { userId?: string; limit?: number }): Promise<Delivery[]>;
    /** Sends a delivery again now. */
    redeliver(deliveryId: string): Promise<Delivery>;
    /** How webhooks are delivered: duplicates, reordering, delay (`GET /__mock/webhook-delivery`). */
    delivery(): Promise<DeliverySettings>;
    /** Sets what real platforms do to deliveries, seeded (`PUT /__mock/webhook-delivery`); all 0 is exactly once, in order. */
    setDelivery(settings: DeliverySettings): Promise<DeliverySettings>;
  };
  state: {
    /** Every user's data (`GET /__mock/state`). */
    export(): Promise<StateSnapshot>;
    /** Replaces every user's data with an export, all or nothing (`PUT /__mock/state`). */
    import(snapshot: StateSnapshot): Promise<void>;
  };
  /** The requests the mock received that match, newest first (`GET /__mock/journal`; up to 1000). */
  requests(filter?: JournalFilter): Promise<JournalEntry[]>;
  /** Defines or replaces a scenario (`PUT /__mock/scenarios/{name}`). */
  defineScenario(scenario: Scenario): Promise<Scenario>;
  /** Removes a scenario (`DELETE /__mock/scenarios/{name}`). */
  removeScenario(name: string): Promise<void>;
  /** Every scenario, in the order defined. */
  listScenarios(): Promise<Scenario[]>;
  /** The run of the scenario a call follows, with each step's verdict; throws if it follows none. */
  scenarioRun(callId: string): Promise<ScenarioRun>;
  /** Runs, newest first (`GET /__mock/scenario-runs`; up to 1000). */
  scenarioRuns(filter?: { status?: ScenarioRunStatus; scenario?: string }): Promise<ScenarioRun[]>;
  /** Defines or replaces a population (`PUT /__mock/populations/{name}`). */
  definePopulation(population: Population): Promise<Population>;
  /** Removes a population (`DELETE /__mock/populations/{name}`). */
  removePopulation(name: string): Promise<void>;
  /** Every population, in the order defined. */
  listPopulations(): Promise<Population[]>;
  /** The report (`GET /__mock/report`): since the last reset, or since `since` on the mock's clock. */
  report(options?: { since?: string }): Promise<CampaignReport>;
  /**
   * Steps the manual clock until a call reaches a status (`{ callId, status }`), a call's scenario
   * run ends (`{ callId, scenarioRun: 'ended' }`) or a predicate holds; throws, naming the condition
   * and the time waited, when it has not within `maxSeconds` (60) of the mock's clock.
   */
  runUntil: RunUntil;
}

/** The driver's members, to copy them onto another handle over the same mock. */
export const DRIVER_MEMBERS = [
  'reset',
  'clock',
  'calls',
  'texts',
  'faults',
  'webhooks',
  'state',
  'requests',
  'defineScenario',
  'removeScenario',
  'listScenarios',
  'scenarioRun',
  'scenarioRuns',
  'definePopulation',
  'removePopulation',
  'listPopulations',
  'report',
  'runUntil',
] as const satisfies ReadonlyArray<keyof MockDriver>;

/** The driver part of a handle (to build another handle over the same mock). */
export function pickDriver(from: MockDriver): MockDriver {
  return Object.fromEntries(DRIVER_MEMBERS.map((name) => [name, from[name]])) as unknown as MockDriver;
}

/** A delivery whose attempt is under way or queued behind one (a retry waiting on the clock is not). */
const inFlight = (d: Delivery) =>
  d.status === 'pending' && (d.attempts.length === 0 || d.nextAttemptAt === null);

/** Waits, polling the delivery log, until no delivery is in flight (or 10 s of real time passed). */
export function deliveriesSettled(call: AdminCall): () => Promise<void> {
  return async () => {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const { deliveries } = await call('listWebhookDeliveries', { query: { limit: 1000 } });
      if (!deliveries.some(inFlight)) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
}

/**
 * The driver over admin operations (in the process or over HTTP). `settled` resolves once no
 * webhook delivery is in flight; by default the delivery log is polled.
 */
export function createDriver(
  call: AdminCall,
  settled: () => Promise<void> = deliveriesSettled(call),
): MockDriver {
  let firstUser: Promise<ActingUser> | undefined;
  // The first configured user (`demo` by default), looked up once.
  const defaultUser = () => {
    firstUser ??= call('listMockUsers').then(({ users }) => {
      const [user] = users;
      if (!user) throw new Error('the mock has no users');
      return { userId: user.id };
    });
    return firstUser;
  };
  // A call's remote events act for its owner unless told otherwise.
  const ownerOf = async (callId: string): Promise<ActingUser> => ({
    userId: (await call('getInspectedCall', { params: { callId } })).userId,
  });
  const callEvent = async (
    callId: string,
    body: { type: 'callee-hangup' } | { type: 'callee-says'; text: string },
    as?: ActingUser,
  ) => call('sendRemoteCallEvent', { params: { callId }, body, as: as ?? (await ownerOf(callId)) });
  const named = (name: string) => ({ params: { name } });
  return {
    reset: async () => {
      await call('resetMock');
    },
    clock: {
      get: () => call('getClock'),
      advance: (seconds) => call('advanceClock', { body: { seconds } }),
      set: (time) => call('setClock', { body: { now: time instanceof Date ? time.toISOString() : time } }),
      scale: (scale) => call('setClock', { body: { scale } }),
    },
    calls: {
      calleeSays: (callId, text, as) => callEvent(callId, { type: 'callee-says', text }, as),
      calleeHangsUp: (callId, as) => callEvent(callId, { type: 'callee-hangup' }, as),
    },
    texts: {
      inbound: async (sms, as) => call('receiveInboundText', { body: sms, as: as ?? (await defaultUser()) }),
    },
    faults: {
      // The generated type makes the defaulted fields required; the spec fills them in.
      inject: (fault) => call('addFault', { body: fault as Admin['FaultRequest'] }),
      clear: async () => {
        await call('clearFaults');
      },
      list: async () => (await call('listFaults')).faults,
    },
    webhooks: {
      list: async (filter = {}) => (await call('listWebhookDeliveries', { query: filter })).deliveries,
      redeliver: (deliveryId) => call('redeliverWebhook', { params: { deliveryId } }),
      delivery: () => call('getWebhookDelivery'),
      setDelivery: (settings) => call('putWebhookDelivery', { body: settings }),
    },
    state: {
      export: () => call('exportState'),
      import: async (snapshot) => {
        await call('importState', { body: snapshot });
      },
    },
    requests: async (filter = {}) =>
      (await call('listJournal', { query: { ...filter, limit: 1000 } })).entries,
    defineScenario: (scenario) => call('putScenario', { ...named(scenario.name), body: scenario }),
    removeScenario: async (name) => {
      await call('deleteScenario', named(name));
    },
    listScenarios: async () => (await call('listScenarios')).scenarios,
    scenarioRun: (callId) => call('getCallScenarioRun', { params: { callId } }),
    scenarioRuns: async (filter = {}) =>
      (await call('listScenarioRuns', { query: { ...filter, limit: 1000 } })).runs,
    definePopulation: (population) => call('putPopulation', { ...named(population.name), body: population }),
    removePopulation: async (name) => {
      await call('deletePopulation', named(name));
    },
    listPopulations: async () => (await call('listPopulations')).populations,
    report: (options = {}) => call('getReport', { query: options }),
    runUntil: runUntil(call, settled),
  };
}
