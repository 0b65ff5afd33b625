import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import type { DialOutcome } from '../magic-numbers.js';
import type { Call } from '../types.js';
import { AppTurns, type UtteranceJudgement } from './app-turns.js';
import { CampaignLedger } from './campaign-ledger.js';
import { campaignReport } from './campaign-report.js';
import {
  completeSettings,
  type DeliveryPlan,
  type FullDeliverySettings,
  NO_CHAOS,
  planDelivery,
} from './delivery-chaos.js';
import { type Assignment, PopulationCatalog } from './population-catalog.js';
import type { CampaignReport, DeliverySettings, PopulationEntry } from './types.js';

export interface CampaignOptions {
  seed?: number | undefined;
  /** How webhooks are delivered at start (`webhookDelivery` in the config, `--webhook-chaos`). */
  webhookDelivery?: DeliverySettings | undefined;
  /** Real time in ms (performance.now() by default): turn latencies are real, whatever the mock's clock does. */
  realNow?: () => number;
}

// Never held back: a call's ending (nothing follows it) and a callee's turn (the conversation waits
// for the app's answer to it, so its "next event" would only be the script timing out).
const NEVER_HELD = new Set([
  'call.completed',
  'call.busy',
  'call.no-answer',
  'call.failed',
  'call.canceled',
  'call.callee.spoke',
]);

/** What a population's outcome entry makes of a call. */
export const ENTRY_OUTCOMES: Readonly<Record<NonNullable<PopulationEntry['outcome']>, DialOutcome>> = {
  voicemail: { kind: 'answered', answeredBy: 'machine' },
  busy: { kind: 'busy' },
  'no-answer': { kind: 'no-answer' },
  failed: { kind: 'failed' },
};

/**
 * A day of calls: the populations, how webhooks are delivered, the app's turns on each call and
 * the ledger the report is computed from. Reset forgets the ledger and the turns; populations and
 * delivery settings stay, as scenarios do.
 */
export class Campaigns {
  readonly populations = new PopulationCatalog();
  readonly ledger = new CampaignLedger();
  readonly turns: AppTurns;
  readonly seed: number;
  readonly #clock: Clock;
  #delivery: FullDeliverySettings = NO_CHAOS;

  constructor(clock: Clock, options: CampaignOptions = {}) {
    this.#clock = clock;
    this.seed = options.seed ?? 0;
    this.turns = new AppTurns(options.realNow);
    if (options.webhookDelivery) this.setDelivery(options.webhookDelivery);
  }

  get delivery(): FullDeliverySettings {
    return structuredClone(this.#delivery);
  }

  /** Replaces the delivery settings (a field left out is off). */
  setDelivery(given: DeliverySettings): FullDeliverySettings {
    const settings = completeSettings(given);
    if (settings.delay.min > settings.delay.max)
      throw new DomainError(
        'invalid',
        'invalid_webhook_delivery',
        `delay.min (${settings.delay.min}) is more than delay.max (${settings.delay.max}).`,
        '/delay/max',
      );
    this.#delivery = settings;
    return this.delivery;
  }

  /** What the delivery settings do to the delivery of this event. */
  planDelivery(event: DomainEvent): DeliveryPlan {
    if (event.kind === 'text')
      return planDelivery(this.#delivery, this.seed, `${event.text.id} ${event.type}`, false);
    const { call } = event;
    return planDelivery(
      this.#delivery,
      this.seed,
      `${call.id} ${event.type} ${call.sequence}`,
      !NEVER_HELD.has(event.type),
    );
  }

  /**
   * Hears every domain event before the scenario runs do: call statuses for the report, and the
   * app's turns. For an utterance of the app, says how it answered (latency, double answer).
   */
  hear(event: DomainEvent): UtteranceJudgement | undefined {
    if (event.kind !== 'call') return undefined;
    this.ledger.callStatus(event.call.id, event.call.status);
    const judgement = this.turns.hear(event);
    if (judgement?.doubleAnswer) this.ledger.doubleAnswer(event.call.id);
    return judgement;
  }

  /** Notes a new call: who made it and, when a population chose its behaviour, which and what. */
  callCreated(userId: string, call: Call, population: Assignment | undefined): void {
    this.ledger.callCreated({
      callId: call.id,
      userId,
      at: Date.parse(call.createdAt),
      status: call.status,
      population: population?.population ?? null,
      entry: population?.entryName ?? null,
    });
  }

  /** The report since the last reset, or since `since` (ms on the mock's clock). */
  report(since: number | null = null): CampaignReport {
    return campaignReport(this.ledger, { since, now: this.#clock.now(), iso: (at) => this.#clock.iso(at) });
  }

  /** Forgets the ledger and the turns (reset); populations and delivery settings stay. */
  clear(): void {
    this.ledger.clear();
    this.turns.clear();
  }
}
