import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  type ReceiverAnswer,
  WebhookReceiver,
  webhookFixture,
} from '../../test/webhooks-receiver.js';
import { WebhookTargetRule } from './webhook-target.js';

const FAILS_AFTER_1S = '+15005550013';
const HANGS_UP_AFTER_5S = '+15005550015';
let fx: Awaited<ReturnType<typeof webhookFixture>> | undefined;
const extra: WebhookReceiver[] = [];

afterEach(async () => {
  await fx?.close();
  fx = undefined;
  for (const receiver of extra.splice(0)) await receiver.close();
});

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/texts`;
}

describe('WebhookDispatcher: receivers that misbehave', () => {
  type Case = {
    answer: ReceiverAnswer | 'refused';
    want: { status: string; statusCode: number | null; error: RegExp };
  };
  const cases: Array<[string, Case]> = [
    [
      'invalid JSON',
      {
        answer: { status: 200, body: '{"reply": ' },
        want: { status: 'succeeded', statusCode: 200, error: /^reply ignored: the answer is not JSON$/ },
      },
    ],
    [
      'JSON that is not a reply',
      {
        answer: { status: 200, body: '{"replay":"hi"}' },
        want: {
          status: 'succeeded',
          statusCode: 200,
          error: /^reply ignored: the answer is not a TextWebhookReply/,
        },
      },
    ],
    [
      'a 10 MB answer',
      {
        answer: { status: 200, body: Buffer.alloc(10 * 1024 * 1024, 'x') },
        want: { status: 'succeeded', statusCode: 200, error: /^reply ignored: the answer is over 64 KB$/ },
      },
    ],
    [
      'a 500',
      {
        answer: { status: 500, body: 'boom' },
        want: { status: 'pending', statusCode: 500, error: /^the receiver answered 500$/ },
      },
    ],
    [
      'connection refused',
      { answer: 'refused', want: { status: 'pending', statusCode: null, error: /^connection refused$/ } },
    ],
  ];

  it.each(cases)('survives %s and keeps delivering', async (_name, { answer, want }) => {
    fx = await webhookFixture();
    const { telephony, dispatcher, receiver } = fx;
    const url = answer === 'refused' ? await closedPortUrl() : `${receiver.url}/texts`;
    if (answer !== 'refused') receiver.answer = () => answer;
    telephony.texts.setWebhook('demo', url);
    telephony.texts.receive('demo', '+15005550100', { from: '+14155550123', body: 'Where is my order?' });
    await dispatcher.settled();
    const [delivery] = dispatcher.list();
    expect(delivery).toMatchObject({ type: 'text.received', status: want.status });
    expect(delivery?.attempts[0]?.statusCode).toBe(want.statusCode);
    expect(delivery?.attempts[0]?.error).toMatch(want.error);
    expect(telephony.texts.list('demo', { direction: 'outbound' }).data).toEqual([]);

    receiver.answer = () => ({ status: 204 });
    telephony.texts.setWebhook('demo', `${receiver.url}/texts`);
    telephony.texts.receive('demo', '+15005550100', { from: '+14155550123', body: 'Hello?' });
    await dispatcher.settled();
    expect(dispatcher.list()[0]).toMatchObject({
      status: 'succeeded',
      attempts: [{ statusCode: 204, error: null }],
    });
  });

  it('a hanging receiver does not hold up deliveries to others, and times out', async () => {
    fx = await webhookFixture({ timeoutMs: 2_000 });
    const slow = await WebhookReceiver.start();
    extra.push(slow);
    slow.answer = () => 'hang';
    fx.dial(FAILS_AFTER_1S, `${slow.url}/calls`);
    fx.dial(FAILS_AFTER_1S, `${fx.receiver.url}/calls`);
    fx.telephony.clock.advance(1_000);

    await eventually(() => expect(fx?.receiver.received).toHaveLength(1));
    const hung = () => fx?.dispatcher.list().find((d) => d.url.startsWith(slow.url));
    expect(slow.received).toHaveLength(1);
    expect(hung()).toMatchObject({ status: 'pending', attempts: [{ statusCode: null, error: null }] });

    await fx.dispatcher.settled();
    expect(hung()?.attempts[0]?.error).toBe('timeout: no complete answer within 2000 ms');
    expect(hung()?.nextAttemptAt).not.toBeNull();
  });

  it("keeps a call's events in sequence: a later event waits for the earlier one's first attempt", async () => {
    fx = await webhookFixture({ timeoutMs: 500 });
    const { dispatcher, receiver } = fx;
    const early: string[] = [];
    receiver.answer = (hook) => {
      // Every earlier event of this call must have had its first attempt answered or given up.
      for (const d of dispatcher.list()) {
        const data = (d.payload as unknown as { data: { sequence: number } }).data;
        const first = d.attempts[0];
        if (data.sequence < hook.json.data.sequence && (!first || (first.statusCode ?? first.error) === null))
          early.push(`${hook.json.type} before ${d.type}`);
      }
      return receiver.received.length === 1 ? 'hang' : { status: 204 };
    };
    fx.dial(HANGS_UP_AFTER_5S);
    fx.telephony.clock.advance(10_000);
    await dispatcher.settled();

    expect(early).toEqual([]);
    expect(receiver.received.map((r) => r.json.type)).toEqual([
      'call.ringing',
      'call.answered',
      'call.callee.spoke',
      'call.completed',
    ]);
    expect(receiver.received.map((r) => r.json.data.sequence)).toEqual([2, 3, 4, 5]);
  });

  const refusals: Array<[string, { path: string; scheme?: string; error: string }]> = [
    [
      'a URL that is not http(s)',
      { path: '/hook', scheme: 'ftp', error: 'refused: only http and https URLs receive webhooks, not ftp:' },
    ],
    [
      "the mock's own admin API",
      { path: '/__mock/reset', error: "refused: the target is the mock's own admin API" },
    ],
  ];

  it.each(refusals)('refuses %s without sending anything', async (_name, { path, scheme, error }) => {
    let self: URL | undefined;
    fx = await webhookFixture({ targets: new WebhookTargetRule({ self: () => self }) });
    self = new URL(fx.receiver.url);
    const url = `${fx.receiver.url}${path}`.replace(/^http/, scheme ?? 'http');
    fx.dial(FAILS_AFTER_1S, url);
    fx.telephony.clock.advance(1_000);
    await fx.dispatcher.settled();
    expect(fx.dispatcher.list()[0]).toMatchObject({
      status: 'failed',
      nextAttemptAt: null,
      attempts: [{ number: 1, statusCode: null, latencyMs: null, error }],
    });
    expect(fx.receiver.received).toEqual([]);
  });

  it('stop() aborts attempts in flight and resolves', async () => {
    fx = await webhookFixture({ timeoutMs: 60_000 });
    fx.receiver.answer = () => 'hang';
    fx.dial(FAILS_AFTER_1S);
    fx.telephony.clock.advance(1_000);
    await eventually(() => expect(fx?.receiver.received).toHaveLength(1));
    await fx.dispatcher.stop();
    expect(fx.dispatcher.list()[0]).toMatchObject({
      status: 'failed',
      attempts: [{ error: 'canceled: the mock stopped or was reset' }],
    });
  });
});
