import { signWebhook } from '../../client/webhooks.js';
import { DomainError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Telephony } from '../domain/telephony.js';
import { DeliveryLog } from './delivery-log.js';
import {
  type Delivery,
  type DeliveryAttempt,
  type DeliveryRecord,
  duplicateOf,
  ledgerEntryOf,
  newDelivery,
  nextAttempt,
} from './delivery-record.js';
import { type PostOutcome, postWebhook } from './post-webhook.js';
import { readWebhookReply } from './webhook-reply.js';
import { WebhookTargetRule } from './webhook-target.js';

export interface WebhookDispatcherOptions {
  telephony: Telephony;
  /** The spec's `TextWebhookReply` schema: what a `{"reply"}` answer to `text.received` must be. */
  replySchema: object;
  /** Per attempt, real milliseconds; 5000 by default. */
  timeoutMs?: number;
  /** Attempts before a delivery is marked failed; 5 by default. */
  maxAttempts?: number;
  /** Deliveries kept in the log; 1000 by default. */
  capacity?: number;
  /** Where webhooks may go (never the mock's own admin API); by default http(s) anywhere. */
  targets?: WebhookTargetRule;
}

interface Lane {
  queue: DeliveryRecord[];
  /** A first attempt is in flight, or the head of the queue waits for its delay. */
  busy: boolean;
}

/** Wait after failed attempt `n` (1-based), on the mock's clock: 5 s, 25 s, ~2 min, ~10 min, … */
export const retryDelayMs = (n: number) => 5_000 * 5 ** (n - 1);

/**
 * Sends the domain's events to their webhooks: signed the Standard Webhooks way (real wall-clock
 * timestamps, so integrators' verifiers accept them however far the mock's clock has moved),
 * retried with backoff on the mock's clock, and logged attempt by attempt. Nothing here is ever
 * awaited by the API: events are taken synchronously and delivered in the background.
 */
export class WebhookDispatcher {
  readonly #telephony: Telephony;
  readonly #replySchema: object;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #targets: WebhookTargetRule;
  readonly #log: DeliveryLog;
  #unsubscribe: (() => void) | undefined;
  #epoch = new AbortController();
  // Each call's (or text's) first attempts, made in order, so later events never overtake.
  #lanes = new Map<string, Lane>();
  // A call's events held back (webhook-delivery `reorder`) until its next event has gone into the lane.
  #held = new Map<string, DeliveryRecord[]>();
  #inflight = new Set<Promise<void>>();

  constructor(options: WebhookDispatcherOptions) {
    this.#telephony = options.telephony;
    this.#replySchema = options.replySchema;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.#targets = options.targets ?? new WebhookTargetRule();
    this.#log = new DeliveryLog(options.capacity ?? 1_000);
  }

  /** Starts listening to the domain's events. */
  start(): void {
    this.#unsubscribe ??= this.#telephony.onEvent((event) => this.#take(event));
  }

  /** Stops listening, cancels retries and aborts attempts in flight; resolves once they have settled. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#cancelAll();
    await Promise.allSettled([...this.#inflight]);
  }

  /** Deliveries, newest first, each with every attempt. */
  list(filter: { limit?: number; userId?: string } = {}): Delivery[] {
    return this.#log.list(filter);
  }

  /**
   * Sends a delivery again now: same event id and payload, freshly signed. Returns it with the
   * new attempt pending. If that attempt fails, the usual retries follow while attempts remain.
   */
  redeliver(deliveryId: string): Delivery {
    const record = this.#log.get(deliveryId);
    if (!record)
      throw new DomainError('not_found', 'delivery_not_found', `No webhook delivery ${deliveryId}.`);
    record.cancelRetry?.();
    record.cancelRetry = undefined;
    record.epoch = this.#epoch;
    this.#track(this.#attempt(record));
    return structuredClone(record.view);
  }

  /** Resolves once no attempt is in flight (retries waiting on the clock are not in flight). */
  async settled(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  /** Forgets every delivery, cancelling retries and attempts in flight. */
  reset(): void {
    this.#cancelAll();
    this.#log.clear();
  }

  #cancelAll(): void {
    this.#epoch.abort();
    this.#epoch = new AbortController();
    for (const record of this.#log.values()) {
      record.cancelRetry?.();
      record.cancelRetry = undefined;
    }
    this.#lanes.clear();
    this.#held.clear();
  }

  #take(event: DomainEvent): void {
    const target = this.#telephony.webhookTarget(event);
    if (!target) return;
    const plan = this.#telephony.campaigns.planDelivery(event);
    const record = newDelivery(event, target.url, target.secret, this.#epoch, plan);
    this.#add(record);
    if (record.sequence !== undefined) this.#telephony.campaigns.turns.queued(record.lane, record.sequence);
    if (plan.reorder) {
      const held = this.#held.get(record.lane) ?? [];
      held.push(record);
      this.#held.set(record.lane, held);
      return;
    }
    this.#enqueue(record);
    // What was held back goes after this event (a call's ending is never held: nothing follows it).
    const held = this.#held.get(record.lane);
    if (held) {
      this.#held.delete(record.lane);
      for (const late of held) this.#enqueue(late);
    }
  }

  #add(record: DeliveryRecord): void {
    this.#log.add(record);
    this.#noteInLedger(record);
  }

  // First attempts in a lane go in order, one at a time; a delayed one waits for its time on the
  // mock's clock (parked, not in flight: `settled()` does not wait for the clock), and so do the
  // lane's later events.
  #enqueue(record: DeliveryRecord): void {
    let lane = this.#lanes.get(record.lane);
    if (!lane) {
      lane = { queue: [], busy: false };
      this.#lanes.set(record.lane, lane);
    }
    lane.queue.push(record);
    if (!lane.busy) this.#pump(record.lane, lane);
  }

  #pump(key: string, lane: Lane): void {
    const next = lane.queue[0];
    if (!next) {
      if (this.#lanes.get(key) === lane) this.#lanes.delete(key);
      return;
    }
    lane.busy = true;
    const clock = this.#telephony.clock;
    const dueAt = Date.parse(next.view.createdAt) + (next.plan?.delayMs ?? 0);
    if (dueAt > clock.now() && !next.epoch.signal.aborted) {
      clock.schedule(dueAt, () => {
        lane.busy = false;
        this.#pump(key, lane);
      });
      return;
    }
    lane.queue.shift();
    const work = Promise.resolve().then(() => this.#attempt(next));
    this.#track(work);
    work.then(() => {
      lane.busy = false;
      this.#pump(key, lane);
    });
  }

  // A duplicate follows the original's first attempt by a few hundred ms of the mock's clock.
  #duplicateLater(record: DeliveryRecord, afterMs: number): void {
    const clock = this.#telephony.clock;
    const { epoch } = record;
    clock.after(afterMs, () => {
      if (epoch.signal.aborted) return;
      const duplicate = duplicateOf(record, clock.iso());
      this.#add(duplicate);
      this.#track(this.#attempt(duplicate));
    });
  }

  #noteInLedger(record: DeliveryRecord): void {
    this.#telephony.campaigns.ledger.delivery(record.view.id, ledgerEntryOf(record));
  }

  #track(work: Promise<void>): void {
    this.#inflight.add(work);
    work.then(() => this.#inflight.delete(work));
  }

  // Never rejects: whatever goes wrong is recorded on the attempt, where the log shows it.
  async #attempt(record: DeliveryRecord): Promise<void> {
    const { view, epoch } = record;
    if (epoch.signal.aborted) return;
    const attempt = nextAttempt(view, this.#telephony.clock.iso());
    view.attempts.push(attempt);
    view.status = 'pending';
    view.nextAttemptAt = null;
    if (attempt.number === 1) this.#firstAttempt(record);
    try {
      const refusal = await this.#targets.refuse(view.url);
      const outcome: PostOutcome = refusal
        ? { statusCode: null, latencyMs: 0, error: refusal, answer: '', truncated: false }
        : await postWebhook(
            view.url,
            record.body,
            { 'content-type': 'application/json', 'user-agent': 'telemock-webhooks', ...this.#sign(record) },
            { timeoutMs: this.#timeoutMs, stop: epoch.signal },
          );
      attempt.statusCode = outcome.statusCode;
      attempt.latencyMs = refusal ? null : outcome.latencyMs;
      attempt.error = outcome.error;
      // A newer attempt (a redelivery) decides the delivery's status.
      if (attempt.number !== view.attempts.length) return;
      if (epoch.signal.aborted || outcome.error === null) {
        view.status = outcome.error === null ? 'succeeded' : 'failed';
        if (outcome.error === null && record.inbound && outcome.statusCode === 200)
          this.#reply(record, attempt, outcome);
        return;
      }
      if (refusal || view.attempts.length >= this.#maxAttempts) view.status = 'failed';
      else this.#scheduleRetry(record);
    } catch (error) {
      attempt.error = `internal error: ${error instanceof Error ? error.message : String(error)}`;
      view.status = 'failed';
    } finally {
      this.#noteInLedger(record);
    }
  }

  // The app's turn latency counts from here; a planned duplicate is armed from here.
  #firstAttempt(record: DeliveryRecord): void {
    const { view, sequence, plan } = record;
    // A call's lane is the call's id.
    if (sequence !== undefined && view.chaos?.duplicateOf === undefined)
      this.#telephony.campaigns.turns.delivered(record.lane, sequence);
    if (plan?.duplicateAfterMs != null) this.#duplicateLater(record, plan.duplicateAfterMs);
  }

  #sign(record: DeliveryRecord): Record<string, string> {
    return signWebhook(record.secret, record.webhookId, record.body, new Date());
  }

  #scheduleRetry(record: DeliveryRecord): void {
    const clock = this.#telephony.clock;
    const wait = retryDelayMs(record.view.attempts.length);
    record.view.nextAttemptAt = clock.iso(clock.now() + wait);
    record.cancelRetry = clock.after(
      wait,
      () => {
        record.cancelRetry = undefined;
        this.#track(this.#attempt(record));
      },
      {
        what: `retry of webhook delivery ${record.view.id}`,
        failed: (reason) => {
          record.view.status = 'failed';
          record.view.nextAttemptAt = null;
          const last = record.view.attempts.at(-1);
          if (last) last.error = reason;
        },
      },
    );
  }

  // The receiver's answer goes to the domain, which decides whether it sends a reply SMS.
  #reply(record: DeliveryRecord, attempt: DeliveryAttempt, outcome: PostOutcome): void {
    const reading = readWebhookReply(outcome.answer, outcome.truncated, this.#replySchema);
    if (reading.kind === 'invalid') attempt.error = `reply ignored: ${reading.reason}`;
    if (reading.kind !== 'reply' || !record.inbound) return;
    try {
      this.#telephony.texts.replyByWebhook(record.view.userId, record.inbound.id, reading.body);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      attempt.error = `reply not sent: ${error.message}`;
    }
  }
}
