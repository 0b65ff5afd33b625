import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../client/webhooks.js';
import { loadSpec } from '../spec/spec.js';
import { SpecValidators } from '../spec/validators.js';
import { type ReceivedWebhook, webhookFixture } from './webhooks-receiver.js';

const USER_NUMBER = '+15005550100';
let validators: SpecValidators;
let fx: Awaited<ReturnType<typeof webhookFixture>> | undefined;

beforeAll(async () => {
  validators = new SpecValidators(await loadSpec());
});

afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

function expectValid(hooks: ReceivedWebhook[], secret: string): void {
  for (const hook of hooks) {
    const operation = hook.json.type === 'text.received' ? 'textReceivedWebhook' : 'textStatusWebhook';
    expect(validators.validateWebhookPayload(operation, hook.json), hook.json.type).toEqual([]);
    expect(verifyWebhook(hook.body, hook.headers, secret)).toEqual(hook.json);
  }
}

describe('SMS webhooks', () => {
  const replies: Array<[string, { from: string; want: string[] }]> = [
    ['delivered', { from: '+14155550123', want: ['text.received', 'text.sent', 'text.delivered'] }],
    ['undeliverable', { from: '+15005550009', want: ['text.received', 'text.failed'] }],
  ];

  it.each(replies)('inbound SMS → {"reply"} → outbound SMS, %s, with its status events', async (_n, c) => {
    fx = await webhookFixture();
    const { telephony, dispatcher, receiver } = fx;
    const { secret } = telephony.texts.setWebhook('demo', `${receiver.url}/texts`);
    receiver.answer = (hook) =>
      hook.json.type === 'text.received'
        ? { status: 200, contentType: 'application/json', body: JSON.stringify({ reply: 'On its way!' }) }
        : { status: 204 };

    const inbound = telephony.texts.receive('demo', USER_NUMBER, {
      from: c.from,
      body: 'Where is my order?',
    });
    await dispatcher.settled();
    const [reply] = telephony.texts.list('demo', { direction: 'outbound' }).data;
    expect(reply).toMatchObject({
      from: USER_NUMBER,
      to: c.from,
      body: 'On its way!',
      inReplyTo: inbound.id,
      status: 'queued',
    });

    telephony.clock.advance(1_000);
    await dispatcher.settled();
    telephony.clock.advance(2_000);
    await dispatcher.settled();

    expect(receiver.received.map((h) => h.json.type)).toEqual(c.want);
    expect(receiver.received[0]?.json.data).toMatchObject({
      id: inbound.id,
      direction: 'inbound',
      from: c.from,
    });
    expect(receiver.received.slice(1).every((h) => h.json.data.id === reply?.id)).toBe(true);
    expectValid(receiver.received, secret);
  });

  it('sends one reply per inbound SMS, however often it is redelivered', async () => {
    fx = await webhookFixture();
    const { telephony, dispatcher, receiver } = fx;
    telephony.texts.setWebhook('demo', `${receiver.url}/texts`);
    receiver.answer = () => ({ status: 200, body: '{"reply":"Got it"}' });
    telephony.texts.receive('demo', USER_NUMBER, { from: '+14155550123', body: 'Hi' });
    await dispatcher.settled();
    const [delivery] = dispatcher.list();
    dispatcher.redeliver(delivery?.id ?? '');
    await dispatcher.settled();
    expect(receiver.received).toHaveLength(2);
    expect(telephony.texts.list('demo', { direction: 'outbound' }).data).toHaveLength(1);
  });

  it('delivers status events of texts sent later through the API, and none of another user', async () => {
    fx = await webhookFixture();
    const { telephony, dispatcher, receiver } = fx;
    const { secret } = telephony.texts.setWebhook('demo', `${receiver.url}/texts`);
    const inbound = telephony.texts.receive('demo', USER_NUMBER, { from: '+14155550123', body: 'Call me?' });
    const sent = telephony.texts.send('demo', USER_NUMBER, {
      to: '+14155550123',
      body: 'Calling you in 5 minutes.',
      inReplyTo: inbound.id,
    });
    telephony.texts.send('other', '+15005550101', { to: '+14155550123', body: 'Not for demo' });
    telephony.clock.advance(3_000);
    await dispatcher.settled();

    expect(receiver.received.map((h) => [h.json.type, h.json.data.id])).toEqual([
      ['text.received', inbound.id],
      ['text.sent', sent.id],
      ['text.delivered', sent.id],
    ]);
    expect(dispatcher.list({ userId: 'other' })).toEqual([]);
    expectValid(receiver.received, secret);
  });
});
