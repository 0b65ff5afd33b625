import type { components } from '../../spec/generated/admin-api.js';
import type { SpecValidators } from '../../spec/validators.js';
import { DomainError } from '../domain/errors.js';
import type { Telephony } from '../domain/telephony.js';
import type { Principal, UserConfig } from '../domain/tenants.js';
import type { AdminHandlers } from '../pipeline/types.js';
import type { FaultBoard } from '../stores/faults.js';
import type { IdempotencyStore } from '../stores/idempotency.js';
import type { Journal } from '../stores/journal.js';
import { redactBody } from '../stores/redact-secrets.js';

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

/** The user of an operation the admin spec secures with `bearerAuth`: the pipeline authenticated it. */
function userOf(input: { operationId: string; principal: Principal | undefined }): UserConfig {
  if (!input.principal) throw new Error(`${input.operationId} reached its handler without a user`);
  return input.principal.user;
}

/** The admin operations this file serves; the inspector's and the scenarios' are in their own files. */
export type CoreAdminOperationId =
  | 'resetMock'
  | 'getClock'
  | 'setClock'
  | 'advanceClock'
  | 'sendRemoteCallEvent'
  | 'receiveInboundText'
  | 'listFaults'
  | 'addFault'
  | 'clearFaults'
  | 'listWebhookDeliveries'
  | 'redeliverWebhook'
  | 'exportState'
  | 'importState';

/** The admin API under /__mock, by operationId (mock/admin-openapi.yaml). */
export function adminOperations(deps: AdminDeps): AdminHandlers<CoreAdminOperationId> {
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
    setClock: ({ body }) => {
      if (body.now !== undefined) {
        t.clock.advanceTo(Date.parse(body.now));
      }
      if (body.scale !== undefined) t.clock.setScale(body.scale);
      return { status: 200, body: clockOf(t) };
    },
    advanceClock: ({ body }) => {
      t.clock.advance(body.seconds * 1000);
      return { status: 200, body: clockOf(t) };
    },
    sendRemoteCallEvent: (i) => {
      const { params, body } = i;
      const user = userOf(i);
      const call =
        body.type === 'callee-hangup'
          ? t.calls.calleeHangsUp(user.id, params.callId)
          : t.calls.calleeSays(user.id, params.callId, body.text);
      return { status: 200, body: call };
    },
    receiveInboundText: (i) => {
      const user = userOf(i);
      return { status: 201, body: t.texts.receive(user.id, user.number, i.body) };
    },
    listFaults: () => ({ status: 200, body: { faults: deps.faults.list() } }),
    addFault: ({ body }) => {
      if (!deps.validators.spec.operations.has(body.operationId)) {
        const known = [...deps.validators.spec.operations.keys()].join(', ');
        throw new DomainError(
          'invalid',
          'unknown_operation',
          `No operation ${body.operationId}; use one of ${known}.`,
          '/body/operationId',
        );
      }
      return { status: 201, body: deps.faults.add(body) };
    },
    clearFaults: () => {
      deps.faults.clear();
      return { status: 204 };
    },
    listWebhookDeliveries: ({ query }) => ({
      status: 200,
      body: { deliveries: redactBody(deps.webhooks?.list(query) ?? []) },
    }),
    redeliverWebhook: ({ params }) => {
      const id = params.deliveryId;
      if (!deps.webhooks) throw new DomainError('not_found', 'delivery_not_found', `No delivery ${id}.`);
      return { status: 202, body: deps.webhooks.redeliver(id) };
    },
    exportState: () => ({ status: 200, body: t.snapshot() }),
    importState: ({ body: snapshot }) => {
      // All or nothing (the domain's rule): a snapshot it cannot take leaves the store as it was.
      t.restore(snapshot);
      // The restore dropped the clock's timers, retries among them: the old deliveries cannot go on.
      deps.webhooks?.reset();
      return { status: 204 };
    },
  };
}
