import type { components } from '../../spec/generated/admin-api.js';
import type { DeliveryEntry } from '../domain/campaigns/campaign-ledger.js';
import type { DeliveryPlan } from '../domain/campaigns/delivery-chaos.js';
import type { DomainEvent } from '../domain/events.js';
import type { Text } from '../domain/types.js';

export type Delivery = components['schemas']['Delivery'];
export type DeliveryAttempt = components['schemas']['DeliveryAttempt'];

/** A delivery as the dispatcher keeps it: the public view plus what each attempt needs. */
export interface DeliveryRecord {
  view: Delivery;
  /** The `webhook-id` it is sent with: its own id, or that of the delivery it duplicates. */
  webhookId: string;
  /** For a call's event: the call's `sequence` at the event (the app's turns are told when it is first sent). */
  sequence: number | undefined;
  /** What the delivery settings do to it (webhook-delivery); none for a duplicate or with settings off. */
  plan: DeliveryPlan | undefined;
  /** The payload serialised once, so every attempt signs and sends the same bytes. */
  body: string;
  secret: string;
  /** Deliveries in one lane (a call, a text) make their first attempts in order. */
  lane: string;
  /** For `text.received`: the SMS a `{"reply"}` answers. */
  inbound: Text | undefined;
  cancelRetry: (() => void) | undefined;
  /** Aborted when the dispatcher stops or resets; attempts under an aborted one are canceled. */
  epoch: AbortController;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Not from the seeded generator: event ids must not shift the ids and data a seed promises.
function eventId(): string {
  return `evt_${[...crypto.getRandomValues(new Uint8Array(16))].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')}`;
}

/** A duplicate of a delivery: a delivery of its own, sent with the original's `webhook-id` and bytes. */
export function duplicateOf(original: DeliveryRecord, at: string): DeliveryRecord {
  return {
    ...original,
    view: {
      ...structuredClone(original.view),
      id: eventId(),
      status: 'pending',
      attempts: [],
      nextAttemptAt: at,
      createdAt: at,
      chaos: { duplicateOf: original.view.id },
    },
    plan: undefined,
    cancelRetry: undefined,
  };
}

/** A new, pending delivery of `event` to `url`: the payload is the `webhooks` section's `{type, timestamp, data}`. */
export function newDelivery(
  event: DomainEvent,
  url: string,
  secret: string,
  epoch: AbortController,
  plan?: DeliveryPlan,
): DeliveryRecord {
  const payload =
    event.kind === 'call'
      ? { type: event.type, timestamp: event.at, data: event.call }
      : { type: event.type, timestamp: event.at, data: event.text };
  const id = eventId();
  return {
    view: {
      id,
      userId: event.userId,
      type: event.type,
      url,
      status: 'pending',
      attempts: [],
      nextAttemptAt: event.at,
      // The generated type of a schema-less `type: object` is Record<string, never>.
      payload: payload as unknown as Delivery['payload'],
      createdAt: event.at,
      chaos: plan?.chaos ?? null,
    },
    webhookId: id,
    sequence: event.kind === 'call' ? event.call.sequence : undefined,
    plan,
    body: JSON.stringify(payload),
    secret,
    lane: event.kind === 'call' ? event.call.id : event.text.id,
    inbound: event.type === 'text.received' ? event.text : undefined,
    cancelRetry: undefined,
    epoch,
  };
}

/** The next attempt of a delivery, made at `at`: the first carries the delivery's chaos. */
export function nextAttempt(view: Delivery, at: string): DeliveryAttempt {
  return {
    number: view.attempts.length + 1,
    at,
    statusCode: null,
    latencyMs: null,
    error: null,
    chaos: view.attempts.length === 0 ? view.chaos : null,
  };
}

/** What the campaign report keeps of a delivery, as it stands. */
export function ledgerEntryOf({ view, plan }: DeliveryRecord): DeliveryEntry {
  return {
    at: Date.parse(view.createdAt),
    status: view.status,
    codes: view.attempts.map((a) => a.statusCode),
    duplicate: view.chaos?.duplicateOf !== undefined,
    reordered: plan?.reorder ?? false,
    delayed: (plan?.delayMs ?? 0) > 0,
  };
}
