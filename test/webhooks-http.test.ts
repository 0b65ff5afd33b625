import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../client/webhooks.js';
import { type RunningMock, startMock } from '../exports/server.js';
import type { components as Admin } from '../spec/generated/admin-api.js';
import type { components } from '../spec/generated/api.js';
import { eventually, WebhookReceiver } from './webhooks-receiver.js';

type Call = components['schemas']['Call'];
type Delivery = Admin['schemas']['Delivery'];

let mock: RunningMock;
let hanging: WebhookReceiver;
let replying: WebhookReceiver;

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    headers: {
      authorization: 'Bearer demo-token',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

const deliveries = async () =>
  (await api<{ deliveries: Delivery[] }>('GET', '/__mock/webhooks')).json.deliveries;

beforeAll(async () => {
  mock = await startMock({ port: 0, timeScale: 'manual', seed: 1 });
  hanging = await WebhookReceiver.start();
  hanging.answer = () => 'hang';
  replying = await WebhookReceiver.start();
  replying.answer = (hook) =>
    hook.json?.type === 'text.received'
      ? { status: 200, body: '{"reply":"Thanks, on it."}' }
      : { status: 204 };
});

afterAll(async () => {
  await mock?.close();
  await hanging?.close();
  await replying?.close();
});

// Express only: the receivers are real servers the mock POSTs to with fetch, and MSW, intercepting
// every fetch of the process, would answer those itself.
describe('webhooks through the HTTP mock', () => {
  it('a hanging receiver does not delay GET /calls/{callId} while its deliveries are pending', async () => {
    const { json: agent } = await api<{ id: string }>('POST', '/agents', { name: 'Ada' });
    const created = await api<Call>('POST', '/calls', {
      to: '+14155550123',
      agentId: agent.id,
      webhookUrl: `${hanging.url}/calls`,
    });
    expect(created.status).toBe(201);
    expect((await api('POST', '/__mock/clock/advance', { seconds: 10 })).status).toBe(200);
    await eventually(() => expect(hanging.received).toHaveLength(1));

    const pendingBefore = (await deliveries()).filter((d) => d.status === 'pending');
    const read = await api<Call>('GET', `/calls/${created.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ status: 'in-progress', sequence: 4 });
    const pendingAfter = (await deliveries()).filter((d) => d.status === 'pending');
    // The API answered while the receiver still held the first event and the rest waited behind it.
    expect(pendingBefore.map((d) => d.type).sort()).toEqual([
      'call.answered',
      'call.callee.spoke',
      'call.ringing',
    ]);
    expect(pendingAfter).toHaveLength(3);
    expect(hanging.received).toHaveLength(1);

    const { json: hook } = await api<{ secret: string }>('PUT', '/texts/webhook', {
      url: `${replying.url}/texts`,
    });
    const [first] = hanging.received;
    expect(verifyWebhook(first?.body ?? '', first?.headers ?? {}, hook.secret)).toMatchObject({
      type: 'call.ringing',
      data: { id: created.json.id, sequence: 2 },
    });
  });

  it('inbound SMS through the admin API → webhook reply → outbound SMS, listed with its deliveries', async () => {
    const inbound = await api<{ id: string }>('POST', '/__mock/texts/inbound', {
      from: '+14155550123',
      body: 'Is my order on its way?',
    });
    expect(inbound.status).toBe(201);
    const reply = await eventually(async () => {
      const { json } = await api<{ data: Array<{ inReplyTo: string | null; body: string }> }>(
        'GET',
        '/texts?direction=outbound',
      );
      expect(json.data[0]).toMatchObject({ inReplyTo: inbound.json.id, body: 'Thanks, on it.' });
      return json.data[0];
    });
    expect(reply).toBeDefined();
    const [received] = (await deliveries()).filter((d) => d.type === 'text.received');
    expect(received).toMatchObject({ status: 'succeeded', attempts: [{ number: 1, statusCode: 200 }] });

    const resent = await api<Delivery>('POST', `/__mock/webhooks/${received?.id}/redeliver`);
    expect(resent.status).toBe(202);
    expect(resent.json.attempts).toHaveLength(2);
  });
});
