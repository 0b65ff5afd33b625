import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipelineClient, pipelineClient, T0 } from '../../test/support/pipeline-client.js';
import { DomainError } from '../domain/errors.js';
import { Telephony } from '../domain/telephony.js';
import { TIMINGS } from '../domain/timings.js';
import type { ValidatedInput } from '../pipeline/types.js';
import { FaultBoard } from '../stores/faults.js';
import { IdempotencyStore } from '../stores/idempotency.js';
import { Journal } from '../stores/journal.js';
import { adminOperations } from './admin-operations.js';

let c: PipelineClient;
beforeAll(async () => {
  c = await pipelineClient();
});
beforeEach(() => c.post('/__mock/reset'));

const HUMAN = '+14155550123';
const ANSWERED_AFTER = TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer;

async function callInProgress(token = 'demo-token') {
  const agentId = (await c.post('/agents', { name: 'Desk' }, { token })).body.id;
  const callId = (await c.post('/calls', { to: HUMAN, agentId }, { token })).body.id;
  await c.post('/__mock/clock/advance', { seconds: ANSWERED_AFTER / 1000 });
  return callId as string;
}

describe('the clock', () => {
  it('reads the mock’s time, scale and waiting timers', async () => {
    await c.post('/agents', {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/a.wav'] },
    });
    const sent = await c.get('/__mock/clock');
    expect(sent.body).toEqual({
      now: new Date(T0).toISOString(),
      epochMs: T0,
      scale: 'manual',
      pendingTimers: 1,
    });
  });

  it('advance moves it forward by seconds (fractions too), running what falls due', async () => {
    await c.post('/texts', { to: HUMAN, body: 'hi' });
    const sent = await c.post('/__mock/clock/advance', { seconds: 1.5 });
    expect(sent.body).toMatchObject({ epochMs: T0 + 1_500, pendingTimers: 1 });
  });

  it('set moves it to a later time, and never back', async () => {
    const later = new Date(T0 + 90_000).toISOString();
    expect((await c.put('/__mock/clock', { now: later })).body).toMatchObject({
      now: later,
      epochMs: T0 + 90_000,
    });
    const back = await c.put('/__mock/clock', { now: new Date(T0).toISOString() });
    expect([back.status, back.body.code]).toEqual([409, 'clock_cannot_go_back']);
    expect((await c.get('/__mock/clock')).body.epochMs).toBe(T0 + 90_000);
  });

  it('set changes the scale, and the time and scale together', async () => {
    const scaled = await c.put('/__mock/clock', { scale: 10 });
    expect(scaled.body.scale).toBe(10);
    const both = await c.put('/__mock/clock', {
      scale: 'manual',
      now: new Date(T0 + 3_600_000).toISOString(),
    });
    expect(both.body).toMatchObject({ scale: 'manual' });
    expect(both.body.epochMs).toBeGreaterThanOrEqual(T0 + 3_600_000);
  });
});

describe('remote call events', () => {
  it('the callee says something, then hangs up', async () => {
    const callId = await callInProgress();
    const said = await c.post(`/__mock/calls/${callId}/events`, {
      type: 'callee-says',
      text: 'Can you repeat that?',
    });
    expect([said.status, said.body.transcript.at(-1)]).toEqual([
      200,
      expect.objectContaining({ speaker: 'callee', text: 'Can you repeat that?' }),
    ]);
    const hung = await c.post(`/__mock/calls/${callId}/events`, { type: 'callee-hangup' });
    expect(hung.body).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
  });

  it('act for the user whose token is sent: no token is 401, another user’s call is 404', async () => {
    const callId = await callInProgress();
    const anonymous = await c.post(
      `/__mock/calls/${callId}/events`,
      { type: 'callee-hangup' },
      { token: null },
    );
    expect([anonymous.status, anonymous.body.code, anonymous.headers['www-authenticate']]).toEqual([
      401,
      'unauthorized',
      'Bearer realm="telemock"',
    ]);
    const foreign = await c.post(
      `/__mock/calls/${callId}/events`,
      { type: 'callee-hangup' },
      { token: 'demo-token-other' },
    );
    expect([foreign.status, foreign.body.code]).toEqual([404, 'call_not_found']);
  });
});

describe('inbound SMS', () => {
  it.each([
    ['to the user’s own number by default', 'demo-token', undefined, '+15005550100'],
    ['to the number given', 'demo-token', '+15005550199', '+15005550199'],
    ['for the user whose token is sent', 'demo-token-other', undefined, '+15005550101'],
  ])('arrives %s', async (_name, token, to, want) => {
    const sent = await c.post(
      '/__mock/texts/inbound',
      { from: HUMAN, body: 'Open today?', ...(to ? { to } : {}) },
      { token },
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'inbound', from: HUMAN, to: want, status: 'received' });
  });
});

describe('faults', () => {
  it('armed, listed, used up and cleared', async () => {
    const armed = await c.post('/__mock/faults', { operationId: 'listCalls', count: 2, status: 503 });
    expect([armed.status, armed.body]).toEqual([
      201,
      { id: 'flt_1', operationId: 'listCalls', kind: 'error', status: 503, remaining: 2, delayMs: 30_000 },
    ]);
    const first = await c.get('/calls');
    expect([first.status, first.body.code]).toEqual([503, 'service_unavailable']);
    expect(
      (await c.get('/__mock/faults')).body.faults.map((f: { remaining: number }) => f.remaining),
    ).toEqual([1]);
    expect((await c.send('DELETE', '/__mock/faults')).status).toBe(204);
    expect((await c.get('/__mock/faults')).body).toEqual({ faults: [] });
    expect((await c.get('/calls')).status).toBe(200);
  });

  it('an injected error says whether more are to come', async () => {
    await c.post('/__mock/faults', { operationId: 'listCalls', count: 2 });
    const details = [(await c.get('/calls')).body.detail, (await c.get('/calls')).body.detail];
    expect(details[0]).not.toBe(details[1]);
    expect((await c.get('/calls')).status).toBe(200);
  });

  it('a timeout fault holds the request, then drops the connection', async () => {
    await c.post('/__mock/faults', { operationId: 'listCalls', kind: 'timeout', delayMs: 1 });
    const sent = await c.get('/calls');
    expect([sent.status, sent.dropConnection]).toEqual([504, true]);
  });

  it('a fault for an operation the API does not have is refused, and nothing is armed', async () => {
    const sent = await c.post('/__mock/faults', { operationId: 'deleteEverything' });
    expect([sent.status, sent.body.code, sent.body.errors[0].path]).toEqual([
      400,
      'unknown_operation',
      '/body/operationId',
    ]);
    // It lists the operations one can arm a fault for.
    for (const op of ['createCall', 'listCalls', 'sendText']) expect(sent.body.detail).toContain(op);
    expect((await c.get('/__mock/faults')).body.faults).toEqual([]);
  });
});

describe('the journal', () => {
  it('filters by user, operation and limit', async () => {
    await c.get('/calls');
    await c.get('/agents');
    await c.get('/calls', { token: 'demo-token-other' });
    const list = async (search: string) =>
      (await c.get('/__mock/journal', { search })).body.entries.map(
        (e: { operationId: string; userId: string }) => [e.operationId, e.userId],
      );
    expect(await list('userId=demo')).toEqual([
      ['listAgents', 'demo'],
      ['listCalls', 'demo'],
    ]);
    expect(await list('operationId=listCalls')).toEqual([
      ['listCalls', 'other'],
      ['listCalls', 'demo'],
    ]);
    expect(await list('limit=1')).toEqual([['listCalls', 'other']]);
  });
});

describe('webhook deliveries', () => {
  it('are listed per user, sent again on demand, and forgotten on reset', async () => {
    // A closed port: the attempt fails at once, and the delivery is logged all the same.
    await c.put('/texts/webhook', { url: 'http://127.0.0.1:9/sms' });
    await c.post('/__mock/texts/inbound', { from: HUMAN, body: 'hi' });
    await c.core.webhooks.settled();
    const [delivery, ...more] = (await c.get('/__mock/webhooks')).body.deliveries;
    expect(more).toEqual([]);
    expect((await c.get('/__mock/webhooks', { search: 'userId=other' })).body.deliveries).toEqual([]);
    const again = await c.post(`/__mock/webhooks/${delivery.id}/redeliver`);
    expect([again.status, again.body.id]).toEqual([202, delivery.id]);
    await c.core.webhooks.settled();
    const missing = await c.post('/__mock/webhooks/evt_0000000000000000/redeliver');
    expect([missing.status, missing.body.code]).toEqual([404, 'delivery_not_found']);
    await c.post('/__mock/reset');
    expect((await c.get('/__mock/webhooks')).body.deliveries).toEqual([]);
  });
});

describe('reset', () => {
  it('forgets data, journal, faults and idempotency keys; the seed starts over', async () => {
    const first = (await c.post('/agents', { name: 'Desk' }, { headers: { 'Idempotency-Key': 'k' } })).body
      .id;
    await c.post('/__mock/faults', { operationId: 'getCall' });
    expect((await c.send('POST', '/__mock/reset')).status).toBe(204);
    expect((await c.get('/__mock/journal')).body.entries).toEqual([]);
    expect((await c.get('/__mock/faults')).body.faults).toEqual([]);
    expect((await c.get('/agents')).body.data).toEqual([]);
    const again = await c.post('/agents', { name: 'Other' }, { headers: { 'Idempotency-Key': 'k' } });
    expect([again.status, again.body.id, again.headers['idempotent-replayed']]).toEqual([
      201,
      first,
      undefined,
    ]);
  });
});

describe('state export and import', () => {
  it('an export imported into another mock carries the data on', async () => {
    const callId = await callInProgress();
    const exported = await c.get('/__mock/state');
    const other = await pipelineClient({ seed: 2 });
    expect((await other.put('/__mock/state', exported.body)).status).toBe(204);
    expect((await other.get(`/calls/${callId}`)).body.status).toBe('in-progress');
    expect((await other.get('/__mock/state')).body).toEqual(exported.body);
  });

  it('a snapshot the domain cannot take leaves the store as it was', () => {
    const { telephony, handlers } = bareHandlers();
    const agentId = telephony.agents.create('demo', { name: 'Desk' }).id;
    telephony.calls.create('demo', '+15005550100', { to: HUMAN, agentId });
    const good = telephony.snapshot();
    const broken = structuredClone(good);
    const [queued] = broken.users.demo?.calls ?? [];
    // A live call whose outcome is missing: restoring it cannot schedule what comes next.
    if (queued) (queued as { outcome: unknown }).outcome = null;
    expect(() => handlers.importState?.(input({ body: broken }))).toThrow();
    expect(telephony.snapshot()).toEqual(good);
    telephony.clock.advance(TIMINGS.queuedToRinging);
    expect(telephony.calls.list('demo', {}).data.map((call) => call.status)).toEqual(['ringing']);
    expect(telephony.agents.require('demo', agentId).name).toBe('Desk');
  });
});

describe('without a webhook dispatcher', () => {
  const handlers = () => bareHandlers().handlers;

  it('there are no deliveries, and none to send again', async () => {
    const h = handlers();
    expect(await h.listWebhookDeliveries?.(input())).toEqual({ status: 200, body: { deliveries: [] } });
    let error: unknown;
    try {
      await h.redeliverWebhook?.(input({ params: { deliveryId: 'evt_1' } }));
    } catch (e) {
      error = e;
    }
    expect(error instanceof DomainError && `${error.kind}:${error.code}`).toBe(
      'not_found:delivery_not_found',
    );
    expect((await h.resetMock?.(input()))?.status).toBe(204);
  });

  it('a snapshot is imported, with no deliveries to drop', async () => {
    const { telephony, handlers: h } = bareHandlers();
    telephony.agents.create('demo', { name: 'Desk' });
    const snapshot = (await h.exportState?.(input()))?.body;
    const other = bareHandlers();
    expect((await other.handlers.importState?.(input({ body: snapshot })))?.status).toBe(204);
    expect(other.telephony.agents.list('demo', {}).data.map((a) => a.name)).toEqual(['Desk']);
  });

  it('an operation that needs a user and reached its handler without one is a bug, not a 4xx', () => {
    const h = handlers();
    expect(() => h.receiveInboundText?.(input({ body: { from: HUMAN, body: 'hi' } }))).toThrow(Error);
    expect(() =>
      h.sendRemoteCallEvent?.(input({ params: { callId: 'call_1' }, body: { type: 'callee-hangup' } })),
    ).toThrow(/without a user/);
  });
});

/** The admin handlers over a domain of their own and no webhook dispatcher, called without the pipeline. */
function bareHandlers() {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  const handlers = adminOperations({
    telephony,
    validators: c.core.validators,
    journal: new Journal(),
    faults: new FaultBoard(),
    idempotency: new IdempotencyStore(telephony.clock),
    webhooks: undefined,
  });
  return { telephony, handlers };
}

// One helper for every operation's input: the handlers are typed per operation, the tests give
// what each one reads.
function input(fields: Partial<ValidatedInput> = {}): never {
  const whole: ValidatedInput = {
    operationId: 'test',
    params: {},
    query: {},
    body: undefined,
    headers: {},
    principal: undefined,
    ...fields,
  };
  return whole as never;
}
