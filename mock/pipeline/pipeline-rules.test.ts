import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkedSender, type PipelineClient, pipelineClient } from '../../test/support/pipeline-client.js';
import { FaultBoard } from '../stores/faults.js';
import { IdempotencyStore } from '../stores/idempotency.js';
import { Journal } from '../stores/journal.js';
import { createPipeline } from './pipeline.js';
import type { AdminHandlers, TelephonyHandlers } from './types.js';

let c: PipelineClient;
beforeAll(async () => {
  c = await pipelineClient();
});
beforeEach(() => c.post('/__mock/reset'));

// Headers that differ between any two requests: their id, and the window they used.
const PER_REQUEST = ['x-request-id', 'x-ratelimit-remaining', 'ratelimit'];
const lower = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers)
      .map(([k, v]) => [k.toLowerCase(), v] as const)
      .filter(([k]) => !PER_REQUEST.includes(k)),
  );

/** A HEAD straight to the pipeline: the specs describe no HEAD, so its answer is compared with the GET's (checked). */
async function head(path: string, token: string | null = 'demo-token') {
  return c.core.pipeline({
    method: 'HEAD',
    path,
    search: '',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body: undefined,
  });
}

describe('HEAD is GET without the body (RFC 9110 §9.3.2)', () => {
  it.each([
    ['a list', '/calls', 'demo-token'],
    ['an admin read', '/__mock/clock', null],
    ['something not there', '/calls/call_0000000000000000', 'demo-token'],
    ['no token', '/calls', null],
    ['an unknown route', '/nowhere', 'demo-token'],
  ])('%s: the GET’s status and headers, and no body', async (_name, path, token) => {
    const got = await c.get(path, { token });
    const sent = await head(path, token);
    expect(sent.status).toBe(got.status);
    expect(lower(sent.headers)).toEqual(lower(got.headers));
    expect(sent.body).toBeUndefined();
    expect(sent.headers['X-Request-Id']).toMatch(/^req_/);
  });

  it('a HEAD of the telephony API is journaled as the HEAD it was, under the GET’s operation', async () => {
    await head('/calls');
    const [entry] = (await c.get('/__mock/journal')).body.entries;
    expect([entry.method, entry.operationId, entry.status, entry.response.body]).toEqual([
      'HEAD',
      'listCalls',
      200,
      null,
    ]);
  });

  it('a HEAD counts as a read: a read-only token may send it', async () => {
    expect((await head('/calls', 'demo-token-readonly')).status).toBe(200);
  });
});

describe('an Idempotency-Key retried while the first request is being answered', () => {
  it('the retry waits for the first answer and replays it: one agent, created once', async () => {
    const post = () => c.post('/agents', { name: 'Desk' }, { headers: { 'Idempotency-Key': 'k-race' } });
    const [first, retry] = await Promise.all([post(), post()]);
    expect([first.status, retry.status, retry.body.id]).toEqual([201, 201, first.body.id]);
    expect([first.headers['idempotent-replayed'], retry.headers['idempotent-replayed']]).toEqual([
      undefined,
      'true',
    ]);
    expect((await c.get('/agents')).body.data).toHaveLength(1);
  });
});

describe('an answer without a body', () => {
  it.each([
    ['a reset', 'POST', '/__mock/reset'],
    ['clearing the faults', 'DELETE', '/__mock/faults'],
  ])('%s answers 204 with no Content-Type', async (_name, method, path) => {
    const sent = await c.send(method, path);
    expect([sent.status, sent.headers['content-type'], sent.body]).toEqual([204, undefined, undefined]);
  });
});

describe('a pipeline made for one test', () => {
  it('without a logger, a handler that throws is still answered 500 internal_error', async () => {
    const core = c.core;
    const pipeline = createPipeline({
      telephony: core.telephony,
      validators: core.validators,
      adminValidators: core.adminValidators,
      handlers: {
        listCalls: () => {
          throw new TypeError('a bug');
        },
      } as Partial<TelephonyHandlers> as TelephonyHandlers,
      adminHandlers: {} as AdminHandlers,
      journal: new Journal(),
      faults: new FaultBoard(),
      idempotency: new IdempotencyStore(core.telephony.clock),
    });
    const send = checkedSender(pipeline, { api: core.validators, admin: core.adminValidators });
    const sent = await send('GET', '/calls');
    expect([sent.status, sent.body.code]).toEqual([500, 'internal_error']);
  });

  it('answers a preflight from a loopback page, and asks an admin operation for its user', async () => {
    const fresh = await pipelineClient();
    const preflight = await fresh.send('OPTIONS', '/calls', {
      token: null,
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect([preflight.status, preflight.headers['access-control-allow-origin']]).toEqual([
      204,
      'http://localhost:5173',
    ]);
    const inbound = await fresh.post(
      '/__mock/texts/inbound',
      { from: '+14155550123', body: 'hi' },
      { token: null },
    );
    expect([inbound.status, inbound.body.code]).toEqual([401, 'unauthorized']);
  });
});
