import type { components } from '../../src/admin-api.js';
import type { SpecValidators } from '../../src/validators.js';
import { DomainError } from '../domain/errors.js';
import type { StateSnapshot, Telephony } from '../domain/telephony.js';
import type { FaultBoard } from './faults.js';
import type { IdempotencyStore } from './idempotency.js';
import type { Journal } from './journal.js';
import type { OperationHandlers, OperationInput } from './types.js';

type Delivery = components['schemas']['Delivery'];

/** What the admin API needs of the webhook dispatcher. */
export interface WebhookLog {
  list(filter?: { limit?: number; userId?: string }): Delivery[];
  redeliver(deliveryId: string): Delivery;
  reset(): void;
}

export interface AdminDeps {
  telephony: Telephony;
  validators: SpecValidators;
  journal: Journal;
  faults: FaultBoard;
  idempotency: IdempotencyStore;
  webhooks: WebhookLog | undefined;
}

function clockOf(t: Telephony): components['schemas']['Clock'] {
  const now = t.clock.now();
  return {
    now: t.clock.iso(now),
    epochMs: Math.floor(now),
    scale: t.clock.scale,
    pendingTimers: t.clock.pending,
  };
}

const userId = (i: OperationInput) => {
  if (!i.principal) throw new Error(`${i.operationId} reached its handler without a user`);
  return i.principal.user.id;
};

/** The admin API under /__mock, by operationId (mock/admin-openapi.yaml). */
export function adminOperations(deps: AdminDeps): OperationHandlers {
  const { telephony: t } = deps;
  return {
    resetMock: () => {
      t.reset();
      deps.journal.clear();
      deps.faults.clear();
      deps.idempotency.clear();
      deps.webhooks?.reset();
      return { status: 204 };
    },
    getClock: () => ({ status: 200, body: clockOf(t) }),
    setClock: (i) => {
      if (i.body.now !== undefined) {
        t.clock.advanceTo(Date.parse(i.body.now));
      }
      if (i.body.scale !== undefined) t.clock.setScale(i.body.scale);
      return { status: 200, body: clockOf(t) };
    },
    advanceClock: (i) => {
      t.clock.advance(i.body.seconds * 1000);
      return { status: 200, body: clockOf(t) };
    },
    sendRemoteCallEvent: (i) => {
      const callId = i.params.callId as string;
      const call =
        i.body.type === 'callee-hangup'
          ? t.calls.calleeHangsUp(userId(i), callId)
          : t.calls.calleeSays(userId(i), callId, i.body.text);
      return { status: 200, body: call };
    },
    receiveInboundText: (i) => {
      const user = i.principal?.user;
      if (!user) throw new Error('receiveInboundText without a user');
      return { status: 201, body: t.texts.receive(user.id, user.number, i.body) };
    },
    listFaults: () => ({ status: 200, body: { faults: deps.faults.list() } }),
    addFault: (i) => {
      if (!deps.validators.spec.operations.has(i.body.operationId)) {
        const known = [...deps.validators.spec.operations.keys()].join(', ');
        throw new DomainError(
          'invalid',
          'unknown_operation',
          `No operation ${i.body.operationId}; use one of ${known}.`,
          '/body/operationId',
        );
      }
      return { status: 201, body: deps.faults.add(i.body) };
    },
    clearFaults: () => {
      deps.faults.clear();
      return { status: 204 };
    },
    listJournal: (i) => ({ status: 200, body: { entries: deps.journal.list(i.query) } }),
    listWebhookDeliveries: (i) => ({ status: 200, body: { deliveries: deps.webhooks?.list(i.query) ?? [] } }),
    redeliverWebhook: (i) => {
      const id = i.params.deliveryId as string;
      if (!deps.webhooks) throw new DomainError('not_found', 'delivery_not_found', `No delivery ${id}.`);
      return { status: 202, body: deps.webhooks.redeliver(id) };
    },
    exportState: () => ({ status: 200, body: t.snapshot() }),
    importState: (i) => {
      // All or nothing (the domain's rule): a snapshot it cannot take leaves the store as it was.
      t.restore(i.body as StateSnapshot);
      // The restore dropped the clock's timers, retries among them: the old deliveries cannot go on.
      deps.webhooks?.reset();
      return { status: 204 };
    },
  };
}
