import pino from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkedSender,
  type PipelineClient,
  pipelineClient,
  T0,
} from '../../test/support/pipeline-client.js';
import { FaultBoard } from '../stores/faults.js';
import { IdempotencyStore } from '../stores/idempotency.js';
import { Journal } from '../stores/journal.js';
import { createPipeline } from './pipeline.js';
import type { AdminHandlers, TelephonyHandlers } from './types.js';

// The handlers a test gives: only those its requests reach (the pipeline answers 500 for a missing one).
type SomeHandlers = Partial<TelephonyHandlers>;
const noAdmin = {} as AdminHandlers;

let c: PipelineClient;
beforeAll(async () => {
  c = await pipelineClient();
});
beforeEach(() => c.post('/__mock/reset'));

const RATE = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
const NOBODY = 'call_0000000000000000';
// A page on a dev server on this machine: the telephony API's CORS allows loopback origins by default.
const LOOPBACK_PAGE = 'http://localhost:5173';

describe('who may do what', () => {
  const cases: Array<
    [
      string,
      {
        method: string;
        path: string;
        token?: string | null;
        authorization?: string;
        want: [number, string | null];
      },
    ]
  > = [
    ['no token', { method: 'GET', path: '/calls', token: null, want: [401, 'unauthorized'] }],
    [
      'a malformed header',
      {
        method: 'GET',
        path: '/calls',
        authorization: 'Token demo-token',
        want: [401, 'malformed_authorization'],
      },
    ],
    ['an unknown token', { method: 'GET', path: '/calls', token: 'nobody', want: [401, 'invalid_token'] }],
    ['a full token reading', { method: 'GET', path: '/calls', want: [200, null] }],
    ['a full token writing', { method: 'POST', path: '/agents', want: [201, null] }],
    [
      'a read-only token reading',
      { method: 'GET', path: '/calls', token: 'demo-token-readonly', want: [200, null] },
    ],
    [
      'a read-only token writing',
      { method: 'POST', path: '/agents', token: 'demo-token-readonly', want: [403, 'read_only_token'] },
    ],
    [
      'a read-only token on a PUT',
      {
        method: 'PUT',
        path: `/calls/${NOBODY}/hangup`,
        token: 'demo-token-readonly',
        want: [403, 'read_only_token'],
      },
    ],
    [
      'a suspended account reading',
      { method: 'GET', path: '/calls', token: 'demo-token-suspended', want: [403, 'account_suspended'] },
    ],
    [
      'a suspended account writing',
      { method: 'POST', path: '/agents', token: 'demo-token-suspended', want: [403, 'account_suspended'] },
    ],
    ['an unknown route, with a token', { method: 'GET', path: '/numbers', want: [404, 'route_not_found'] }],
    [
      'an unknown route, without one',
      { method: 'GET', path: '/numbers', token: null, want: [404, 'route_not_found'] },
    ],
    ['a wrong method', { method: 'DELETE', path: '/calls', want: [405, 'method_not_allowed'] }],
    ['an undecodable path', { method: 'GET', path: '/calls/%E0%A4%A', want: [400, 'validation_failed'] }],
  ];
  it.each(cases)('%s → %j', async (_name, { method, path, token, authorization, want }) => {
    const sent = await c.send(method, path, {
      ...(token !== undefined ? { token } : {}),
      ...(authorization ? { headers: { Authorization: authorization } } : {}),
      ...(method === 'POST' ? { body: { name: 'Desk' } } : {}),
    });
    expect([sent.status, sent.body?.code ?? null]).toEqual(want);
    if (sent.status >= 400) expect(sent.body.requestId).toBe(sent.headers['x-request-id']);
  });

  it.each([
    ['no token', null, 'Bearer realm="telemock"'],
    ['an unknown token', 'nobody', 'Bearer realm="telemock", error="invalid_token"'],
  ])(
    'a 401 for %s challenges for a Bearer token and carries no rate-limit headers, but a page on an allowed origin may read it',
    async (_name, token, want) => {
      const sent = await c.get('/calls', { token, headers: { Origin: LOOPBACK_PAGE } });
      expect(sent.headers['www-authenticate']).toBe(want);
      for (const h of RATE) expect(sent.headers[h]).toBeUndefined();
      expect(sent.headers['access-control-allow-origin']).toBe(LOOPBACK_PAGE);
      expect(sent.headers.vary).toContain('Origin');
    },
  );

  it('a wrong method answers which methods the path takes', async () => {
    const sent = await c.send('DELETE', '/texts/webhook');
    expect(sent.headers.allow).toBe('GET, PUT');
  });

  it('a refused request still counts against the rate limit and says so', async () => {
    const sent = await c.post('/agents', { name: 'Desk' }, { token: 'demo-token-readonly' });
    expect(sent.headers['x-ratelimit-remaining']).toBe('99');
  });

  it('a CORS preflight is answered before any token: allowed for a loopback page, refused for another site', async () => {
    const ask = (origin: string) =>
      c.send('OPTIONS', '/calls', {
        token: null,
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
    const allowed = await ask(LOOPBACK_PAGE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(LOOPBACK_PAGE);
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    const refused = await ask('https://evil.example');
    expect([refused.status, refused.body.code]).toEqual([403, 'origin_not_allowed']);
    expect(Object.keys(refused.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    // Without Origin it is no preflight: what the path takes, and no CORS header.
    const plain = await c.send('OPTIONS', '/calls', { token: null });
    expect([plain.status, plain.headers['access-control-allow-origin']]).toEqual([204, undefined]);
    expect(plain.headers.allow).toContain('POST');
  });
});

describe('rate limit', () => {
  it('past the limit a request is refused with 429 and how long to wait; the next window lets it through', async () => {
    const limited = await pipelineClient({ rateLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await limited.get('/calls')).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await limited.get('/calls');
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(refused.headers['x-ratelimit-reset']).toBe(String((T0 + 60_000) / 1000));
    limited.telephony.clock.advance(59_500);
    expect((await limited.get('/calls')).headers['retry-after']).toBe('1');
    limited.telephony.clock.advance(500);
    const next = await limited.get('/calls');
    expect([next.status, next.headers['x-ratelimit-remaining']]).toEqual([200, '1']);
  });

  it('each user has a window of their own; a user’s own limit wins over the server’s', async () => {
    const limited = await pipelineClient({
      rateLimit: 1,
      users: [
        { id: 'a', number: '+14155550100', tokens: [{ token: 'token-a', access: 'full' }] },
        { id: 'b', number: '+14155550101', rateLimit: 3, tokens: [{ token: 'token-b', access: 'full' }] },
      ],
    });
    const a = [];
    const b = [];
    for (let i = 0; i < 3; i++) {
      a.push((await limited.get('/calls', { token: 'token-a' })).status);
      b.push((await limited.get('/calls', { token: 'token-b' })).status);
    }
    expect({ a, b }).toEqual({ a: [200, 429, 429], b: [200, 200, 200] });
  });
});

describe('the request id and the journal', () => {
  it('every response names its request; ids count up; the journal keeps the API’s requests, not the admin’s', async () => {
    const first = await c.get('/calls', { search: 'limit=5' });
    const second = await c.get('/nowhere', { token: null });
    await c.get('/__mock/clock');
    const [newest, older, ...rest] = (await c.get('/__mock/journal')).body.entries;
    expect(rest).toEqual([]);
    expect(first.headers['x-request-id']).toMatch(/^req_[0-9a-z]{16}$/);
    expect(String(second.headers['x-request-id']) > String(first.headers['x-request-id'])).toBe(true);
    expect(older).toMatchObject({
      id: first.headers['x-request-id'],
      at: new Date(T0).toISOString(),
      method: 'GET',
      path: '/calls?limit=5',
      operationId: 'listCalls',
      userId: 'demo',
      status: 200,
      // The token is kept as a hint only: `demo-token` → its last two characters.
      request: { headers: { authorization: 'Bearer …en' }, body: null },
      response: { body: { data: [], nextCursor: null } },
    });
    expect(older.response.headers['X-Request-Id']).toBe(first.headers['x-request-id']);
    expect(older.latencyMs).toBeGreaterThanOrEqual(0);
    expect(newest).toMatchObject({ path: '/nowhere', operationId: null, userId: null, status: 404 });
  });
});

describe('idempotency', () => {
  const createCall = async (agentId: string, key: string, body: object = {}) =>
    c.post('/calls', { to: '+14155550123', agentId, ...body }, { headers: { 'Idempotency-Key': key } });

  it('the same key and body answer the first response again, marked, and create nothing more', async () => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    const first = await createCall(agentId, 'k1');
    const again = await c.post(
      '/calls',
      { agentId, to: '+14155550123' },
      { headers: { 'Idempotency-Key': 'k1' } },
    );
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect([again.status, again.body, again.headers.location]).toEqual([
      201,
      first.body,
      first.headers.location,
    ]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The replay carries this request's rate-limit headers and id, not the first one's.
    expect(again.headers['x-ratelimit-remaining']).toBe('97');
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect((await c.get('/calls')).body.data).toHaveLength(1);
  });

  it('the same key with another body is a conflict; another user may use the same key', async () => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    await createCall(agentId, 'k1');
    const reused = await createCall(agentId, 'k1', { maxDurationSeconds: 30 });
    expect([reused.status, reused.body.code]).toEqual([409, 'idempotency_key_reused']);
    const otherAgent = (await c.post('/agents', { name: 'Desk' }, { token: 'demo-token-other' })).body.id;
    const other = await c.post(
      '/calls',
      { to: '+14155550123', agentId: otherAgent },
      { token: 'demo-token-other', headers: { 'Idempotency-Key': 'k1' } },
    );
    expect(other.status).toBe(201);
  });

  it('a refusal (4xx) is replayed too; a failure (5xx) is not, so a retry can succeed', async () => {
    const refused = await createCall('agt_0000000000000000', 'k4');
    const retried = await createCall('agt_0000000000000000', 'k4');
    expect([refused.status, retried.status, retried.headers['idempotent-replayed']]).toEqual([
      404,
      404,
      'true',
    ]);
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    await c.post('/__mock/faults', { operationId: 'createCall' });
    expect((await createCall(agentId, 'k5')).status).toBe(500);
    const after = await createCall(agentId, 'k5');
    expect([after.status, after.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });

  it('without a key, the same request twice creates twice', async () => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    await c.post('/calls', { to: '+14155550123', agentId });
    await c.post('/calls', { to: '+14155550123', agentId });
    expect((await c.get('/calls')).body.data).toHaveLength(2);
  });
});

describe('faults through the pipeline', () => {
  it('Prefer: code answers after authentication and permission, never instead of them', async () => {
    const prefer = { Prefer: 'code=500' };
    const cases = [
      [null, 401],
      ['demo-token-suspended', 403],
      ['demo-token', 500],
    ] as const;
    for (const [token, status] of cases)
      expect((await c.get('/calls', { token, headers: prefer })).status).toBe(status);
  });

  it('Prefer: code answers the spec’s example with this request’s id and runs nothing', async () => {
    const sent = await c.send('PUT', `/calls/${NOBODY}/hangup`, { headers: { Prefer: 'code=409' } });
    expect([sent.status, sent.body.code]).toEqual([409, 'call_ended']);
    expect(sent.body.requestId).toBe(sent.headers['x-request-id']);
    const created = await c.post('/agents', { name: 'Desk' }, { headers: { Prefer: 'code=201' } });
    expect(created.status).toBe(201);
    expect((await c.get('/agents')).body.data).toEqual([]);
  });

  it('Prefer: an undocumented code is refused as a client error', async () => {
    const sent = await c.get('/calls', { headers: { Prefer: 'code=418' } });
    expect([sent.status, sent.body.code]).toEqual([400, 'prefer_not_documented']);
  });
});

describe('handlers that fail', () => {
  type Logged = { level: number; msg: string; operationId?: string; err?: { message: string } } & Record<
    string,
    unknown
  >;

  /** The real pipeline over the client's domain and specs, with handlers of the test's own and a logger it reads. */
  function withHandlers(handlers: SomeHandlers) {
    const core = c.core;
    const logged: Logged[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const pipeline = createPipeline({
      telephony: core.telephony,
      validators: core.validators,
      adminValidators: core.adminValidators,
      handlers: handlers as TelephonyHandlers,
      adminHandlers: noAdmin,
      journal: new Journal(),
      faults: new FaultBoard(),
      idempotency: new IdempotencyStore(core.telephony.clock),
      logger,
    });
    return { send: checkedSender(pipeline, { api: core.validators, admin: core.adminValidators }), logged };
  }
  const failing: SomeHandlers = {
    listCalls: () => {
      throw new TypeError('a bug');
    },
    createAgent: () => {
      throw new TypeError('another bug');
    },
    listAgents: () => ({ status: 200, body: { data: [], nextCursor: null } }),
  };

  it('a handler that throws answers 500 internal_error; one that is missing too; the pipeline goes on', async () => {
    const { send, logged } = withHandlers(failing);
    const codes = [];
    for (const path of ['/calls', '/texts', '/agents'])
      codes.push((await send('GET', path)).body.code ?? 'ok');
    expect(codes).toEqual(['internal_error', 'internal_error', 'ok']);
    // The bug is logged with what failed; every request is logged with its id, method, path and status.
    const errors = logged.filter((l) => l.level === 50);
    expect(errors.map((l) => [l.operationId, l.err?.message])).toEqual([['listCalls', 'a bug']]);
    const requests = logged.filter((l) => l.level === 30);
    expect(requests.map((l) => [l.msg, l.method, l.path, l.status])).toEqual([
      ['request', 'GET', '/calls', 500],
      ['request', 'GET', '/texts', 500],
      ['request', 'GET', '/agents', 200],
    ]);
    expect(requests[0]?.requestId).toBe(errors[0]?.requestId);
    expect(new Set(requests.map((l) => l.requestId)).size).toBe(3);
  });

  it('a failure (5xx) under an Idempotency-Key is not kept: the retry runs again', async () => {
    const { send } = withHandlers(failing);
    const post = () =>
      send('POST', '/agents', { body: { name: 'Desk' }, headers: { 'Idempotency-Key': 'k9' } });
    const first = await post();
    const retry = await post();
    expect([first.status, retry.status, retry.headers['idempotent-replayed']]).toEqual([500, 500, undefined]);
  });
});

describe('how long a request took', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the journal and the log give the time to the answer, here a Prefer: delay of 1234 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const logged: Array<Record<string, unknown>> = [];
    const core = c.core;
    const journal = new Journal();
    const pipeline = createPipeline({
      telephony: core.telephony,
      validators: core.validators,
      adminValidators: core.adminValidators,
      handlers: {
        listCalls: () => ({ status: 200, body: { data: [], nextCursor: null } }),
      } as SomeHandlers as TelephonyHandlers,
      adminHandlers: noAdmin,
      journal,
      faults: new FaultBoard(),
      idempotency: new IdempotencyStore(core.telephony.clock),
      logger: pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
    });
    const send = checkedSender(pipeline, { api: core.validators, admin: core.adminValidators });
    const sent = send('GET', '/calls', { headers: { Prefer: 'delay=1234' } });
    await vi.advanceTimersByTimeAsync(1234);
    expect((await sent).status).toBe(200);
    expect(journal.list()[0]?.latencyMs).toBe(1234);
    expect(logged[0]?.ms).toBe(1234);
  });
});

describe('the admin token (a mock off 127.0.0.1)', () => {
  it.each([
    ['no X-Admin-Token', undefined, [401, 'admin_token_required']],
    ['a wrong one', 'guess', [401, 'admin_token_required']],
    ['one that is only a prefix', 'admin-sec', [401, 'admin_token_required']],
    ['the right one', 'admin-secret', [200, null]],
  ] as const)('an admin request with %s → %j', async (_name, token, want) => {
    const guarded = await pipelineClient({ adminToken: 'admin-secret' });
    const sent = await guarded.get('/__mock/clock', { headers: token ? { 'X-Admin-Token': token } : {} });
    expect([sent.status, sent.body.code ?? null]).toEqual(want);
  });

  it('the telephony API does not ask for it; without one set, the admin API does not either', async () => {
    const guarded = await pipelineClient({ adminToken: 'admin-secret' });
    expect((await guarded.get('/calls')).status).toBe(200);
    expect((await c.get('/__mock/clock')).status).toBe(200);
  });

  it('an unknown admin route is 404 and OPTIONS is 405 with no CORS header (same origin only), token or not', async () => {
    const guarded = await pipelineClient({ adminToken: 'admin-secret' });
    expect((await guarded.get('/__mock/nothing')).body.code).toBe('route_not_found');
    const options = await guarded.send('OPTIONS', '/__mock/reset', {
      token: null,
      headers: { Origin: LOOPBACK_PAGE, 'Access-Control-Request-Method': 'POST' },
    });
    expect([options.status, options.body.code, options.headers.allow]).toEqual([
      405,
      'method_not_allowed',
      'POST',
    ]);
    expect(Object.keys(options.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});
