import { fileURLToPath } from 'node:url';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { webhookFixture } from '../../test/webhooks-receiver.js';
import { DomainError } from '../domain/errors.js';
import { retryDelayMs } from './dispatcher.js';

const FAILS_AFTER_1S = '+15005550013';
let fx: Awaited<ReturnType<typeof webhookFixture>> | undefined;
let admin: SpecValidators;

beforeAll(async () => {
  admin = new SpecValidators(
    await loadSpec(fileURLToPath(new URL('../admin-openapi.yaml', import.meta.url))),
  );
});

// What GET /__mock/webhooks will serve must match the admin spec's Delivery in every state.
function listValid() {
  const deliveries = fx?.dispatcher.list() ?? [];
  for (const d of deliveries) expect(admin.validateSchema('Delivery', d), d.status).toEqual([]);
  return deliveries;
}

afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('WebhookDispatcher: signing', () => {
  it('signs with the per-user secret and wall-clock timestamps, however far the mock clock moved', async () => {
    fx = await webhookFixture();
    fx.telephony.clock.advance(400 * 86_400_000);
    const call = fx.dial(FAILS_AFTER_1S);
    fx.telephony.clock.advance(1_000);
    await fx.dispatcher.settled();

    const [hook] = fx.receiver.received;
    if (!hook) throw new Error('no webhook arrived');
    // The secret PUT /texts/webhook reveals is the one call events were signed with.
    const { secret } = fx.telephony.texts.setWebhook('demo', `${fx.receiver.url}/texts`);
    const verifier = new Webhook(secret);
    expect(verifier.verify(hook.body, hook.headers)).toMatchObject({
      type: 'call.failed',
      data: { id: call.id, status: 'failed' },
    });
    expect(() => verifier.verify(hook.body.replace('"failed"', '"completed"'), hook.headers)).toThrow(
      WebhookVerificationError,
    );
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['webhook-id']).toMatch(/^evt_[A-Za-z0-9]{16}$/);
    expect(hook.headers['webhook-id']).toBe(fx.dispatcher.list()[0]?.id);
  });

  it('sends nothing for calls without a webhookUrl or texts without a texts webhook', async () => {
    fx = await webhookFixture();
    fx.dial(FAILS_AFTER_1S, '');
    fx.telephony.texts.receive('demo', '+15005550100', { from: '+14155550123', body: 'hi' });
    fx.telephony.clock.advance(1_000);
    await fx.dispatcher.settled();
    expect(fx.dispatcher.list()).toEqual([]);
    expect(fx.receiver.received).toEqual([]);
  });
});

describe('WebhookDispatcher: retries on the mock clock', () => {
  const cases: Array<[string, { failures: number; want: { status: string; attempts: number } }]> = [
    ['recovers on the third attempt', { failures: 2, want: { status: 'succeeded', attempts: 3 } }],
    ['gives up after the fifth attempt', { failures: 99, want: { status: 'failed', attempts: 5 } }],
  ];

  it.each(cases)('%s', async (_name, { failures, want }) => {
    fx = await webhookFixture();
    const receiver = fx.receiver;
    receiver.answer = () => (receiver.received.length <= failures ? { status: 500 } : { status: 204 });
    fx.dial(FAILS_AFTER_1S);
    fx.telephony.clock.advance(1_000);
    await fx.dispatcher.settled();

    for (let n = 1; n < want.attempts; n++) {
      const [delivery] = listValid();
      const last = delivery?.attempts.at(-1);
      expect(delivery?.status).toBe('pending');
      expect(last?.error).toBe('the receiver answered 500');
      expect(Date.parse(delivery?.nextAttemptAt ?? '')).toBe(Date.parse(last?.at ?? '') + retryDelayMs(n));
      fx.telephony.clock.advance(retryDelayMs(n) - 1);
      await fx.dispatcher.settled();
      expect(receiver.received).toHaveLength(n);
      fx.telephony.clock.advance(1);
      await fx.dispatcher.settled();
      expect(receiver.received).toHaveLength(n + 1);
    }

    const [delivery] = listValid();
    expect(delivery).toMatchObject({ status: want.status, nextAttemptAt: null });
    expect(delivery?.attempts.map((a) => a.number)).toEqual(
      [...Array(want.attempts).keys()].map((i) => i + 1),
    );
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery?.id]));
    fx.telephony.clock.advance(retryDelayMs(10));
    await fx.dispatcher.settled();
    expect(receiver.received).toHaveLength(want.attempts);
  });

  it('redelivers on demand with the same id, freshly signed', async () => {
    fx = await webhookFixture({ maxAttempts: 1 });
    fx.receiver.answer = () => ({ status: 503 });
    fx.dial(FAILS_AFTER_1S);
    fx.telephony.clock.advance(1_000);
    await fx.dispatcher.settled();
    const [failed] = fx.dispatcher.list();
    expect(failed?.status).toBe('failed');

    fx.receiver.answer = () => ({ status: 200 });
    const resent = fx.dispatcher.redeliver(failed?.id ?? '');
    expect(admin.validateSchema('Delivery', resent)).toEqual([]);
    expect(resent.status).toBe('pending');
    expect(resent.attempts.at(-1)).toMatchObject({ number: 2, statusCode: null, error: null });
    await fx.dispatcher.settled();
    expect(fx.dispatcher.list()[0]).toMatchObject({ id: failed?.id, status: 'succeeded' });
    const [first, second] = fx.receiver.received;
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(second?.body).toBe(first?.body);
  });

  it('refuses to redeliver an unknown delivery', async () => {
    fx = await webhookFixture();
    const error = (() => {
      try {
        fx.dispatcher.redeliver('evt_0000000000000000');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'not_found', code: 'delivery_not_found' });
  });
});

describe('WebhookDispatcher: the delivery log', () => {
  it('keeps the newest deliveries up to its capacity, newest first, filtered by user', async () => {
    fx = await webhookFixture({ capacity: 3 });
    const calls = [1, 2, 3, 4].map(() => fx?.dial(FAILS_AFTER_1S).id);
    fx.telephony.clock.advance(1_000);
    await fx.dispatcher.settled();
    expect(fx.dispatcher.list().map((d) => d.payload as unknown as { data: { id: string } })).toEqual(
      calls
        .slice(1)
        .reverse()
        .map((id) => expect.objectContaining({ data: expect.objectContaining({ id }) })),
    );
    expect(fx.dispatcher.list({ limit: 1 })).toHaveLength(1);
    expect(fx.dispatcher.list({ userId: 'other' })).toEqual([]);
    fx.dispatcher.reset();
    expect(fx.dispatcher.list()).toEqual([]);
  });
});
