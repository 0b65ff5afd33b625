import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipelineClient, pipelineClient } from '../../test/support/pipeline-client.js';
import { credentialOf } from './authenticate.js';
import type { ApiRequest } from './types.js';

let c: PipelineClient;
beforeAll(async () => {
  c = await pipelineClient();
});
beforeEach(() => c.post('/__mock/reset'));

const HUMAN = '+14155550123';
const INBOUND = '/__mock/texts/inbound';

/** Whose texts list holds the inbound SMS that arrived: the user it was made to arrive for. */
async function textsOf(token: string): Promise<string[]> {
  return (await c.get('/texts', { token })).body.data.map((t: { body: string }) => t.body);
}

describe('X-Mock-User: the inspector names the user an admin operation acts for', () => {
  it.each([
    ['the user named, with no token', { 'X-Mock-User': 'demo' }, null, [201, null], 'demo-token'],
    ['another user named', { 'X-Mock-User': 'other' }, null, [201, null], 'demo-token-other'],
    [
      'a Bearer token wins over the name',
      { 'X-Mock-User': 'demo' },
      'demo-token-other',
      [201, null],
      'demo-token-other',
    ],
    ['a user that does not exist', { 'X-Mock-User': 'nobody' }, null, [401, 'invalid_token'], null],
    ['neither a name nor a token', {}, null, [401, 'unauthorized'], null],
    ['a token alone', {}, 'demo-token', [201, null], 'demo-token'],
  ] as const)('%s', async (_name, headers, token, want, owner) => {
    const sent = await c.post(INBOUND, { from: HUMAN, body: 'hello' }, { token, headers });
    expect([sent.status, sent.body.code ?? null]).toEqual(want);
    for (const t of ['demo-token', 'demo-token-other'])
      expect(await textsOf(t)).toEqual(t === owner ? ['hello'] : []);
  });

  it('naming a user that does not exist says which name was wrong and where it came from', async () => {
    const sent = await c.post(
      INBOUND,
      { from: HUMAN, body: 'hi' },
      { token: null, headers: { 'X-Mock-User': 'nobody' } },
    );
    expect(sent.body.detail).toContain("'nobody' (X-Mock-User)");
  });

  it('the telephony API never takes a name for a token', async () => {
    const sent = await c.get('/texts', { token: null, headers: { 'X-Mock-User': 'demo' } });
    expect([sent.status, sent.body.code, sent.headers['www-authenticate']]).toEqual([
      401,
      'unauthorized',
      'Bearer realm="telemock"',
    ]);
  });

  it('an admin operation for no user needs neither, and a name does not change it', async () => {
    expect((await c.get('/__mock/clock', { token: null })).status).toBe(200);
    expect((await c.get('/__mock/clock', { token: null, headers: { 'X-Mock-User': 'nobody' } })).status).toBe(
      200,
    );
  });

  it('an admin operation for a user challenges for a token like the API does', async () => {
    const sent = await c.post(INBOUND, { from: HUMAN, body: 'hi' }, { token: 'nobody' });
    expect([sent.status, sent.headers['www-authenticate']]).toEqual([
      401,
      'Bearer realm="telemock", error="invalid_token"',
    ]);
  });
});

describe('several Authorization headers (RFC 6750 §3.1: one credential per request)', () => {
  it.each([
    ['on the telephony API', 'GET', '/calls', undefined],
    ['on the admin API, for a user', 'POST', INBOUND, { from: HUMAN, body: 'hi' }],
  ])('%s → 400 several_authorizations, and nothing is done', async (_name, method, path, body) => {
    const sent = await c.send(method, path, {
      token: null,
      headers: { Authorization: 'Bearer demo-token, Bearer demo-token-other' },
      ...(body ? { body } : {}),
    });
    expect([sent.status, sent.body.code]).toEqual([400, 'several_authorizations']);
    expect(await textsOf('demo-token')).toEqual([]);
  });

  it('the first credential’s user is charged: the refusal carries their rate-limit headers and is journaled as theirs', async () => {
    const sent = await c.get('/calls', {
      token: null,
      headers: { Authorization: 'Bearer demo-token-other, Bearer demo-token' },
    });
    expect(sent.headers['x-ratelimit-remaining']).toBe('99');
    const [entry] = (await c.get('/__mock/journal')).body.entries;
    expect([entry.userId, entry.operationId, entry.status]).toEqual(['other', 'listCalls', 400]);
    // demo's window is untouched.
    expect((await c.get('/calls')).headers['x-ratelimit-remaining']).toBe('99');
  });

  it('when the first credential is not known, the answer is that 401', async () => {
    const sent = await c.get('/calls', {
      token: null,
      headers: { Authorization: 'Bearer nobody, Bearer demo-token' },
    });
    expect([sent.status, sent.body.code]).toEqual([401, 'invalid_token']);
  });

  it.each([
    ['no header', undefined, undefined],
    ['one credential', 'Bearer demo-token', 'Bearer demo-token'],
    ['two: the first', 'Bearer a, Bearer b', 'Bearer a'],
    ['a malformed one is kept whole', 'Token x', 'Token x'],
  ])('credentialOf with %s → %s', (_name, authorization, want) => {
    const req: ApiRequest = {
      method: 'GET',
      path: '/calls',
      search: '',
      headers: { authorization },
      body: undefined,
    };
    expect(credentialOf(req)).toBe(want);
  });
});

describe('the order of the opening: route, then who, then the body', () => {
  it.each([
    ['an unknown route without a token', 'POST', '/nowhere', null, '{', [404, 'route_not_found']],
    ['a wrong method without a token', 'PUT', '/agents', null, '{', [405, 'method_not_allowed']],
    ['a bad body without a token', 'POST', '/agents', null, '{', [401, 'unauthorized']],
    [
      'a bad body from a read-only token',
      'POST',
      '/agents',
      'demo-token-readonly',
      '{',
      [403, 'read_only_token'],
    ],
    ['a bad body from a user', 'POST', '/agents', 'demo-token', '{', [400, 'invalid_json']],
    ['a good body from a user', 'POST', '/agents', 'demo-token', '{"name":"Desk"}', [201, null]],
    ['an admin body that is not JSON', 'POST', INBOUND, 'demo-token', '{', [400, 'invalid_json']],
  ] as const)('%s', async (_name, method, path, token, rawBody, want) => {
    const sent = await c.send(method, path, {
      token,
      rawBody,
      headers: { 'Content-Type': 'application/json' },
    });
    expect([sent.status, sent.body.code ?? null]).toEqual(want);
  });

  it('a routed request is journaled under its operation even when refused; an unrouted one under none', async () => {
    await c.get('/calls', { token: null });
    await c.get('/nowhere', { token: null });
    const entries = (await c.get('/__mock/journal')).body.entries;
    expect(
      entries.map((e: { operationId: string | null; status: number }) => [e.operationId, e.status]),
    ).toEqual([
      [null, 404],
      ['listCalls', 401],
    ]);
  });
});

describe('admin writes a page on another site could send without a preflight', () => {
  it.each([
    ['text/plain', 'POST', '/__mock/reset', 'text/plain', [415, 'unsupported_media_type']],
    [
      'a form',
      'POST',
      '/__mock/clock/advance',
      'application/x-www-form-urlencoded',
      [415, 'unsupported_media_type'],
    ],
    ['a +json type', 'PUT', '/__mock/clock', 'application/merge-patch+json', [415, 'unsupported_media_type']],
    ['JSON with a charset', 'POST', '/__mock/clock/advance', 'application/json; charset=utf-8', [200, null]],
    ['a read, whatever it says', 'GET', '/__mock/clock', 'text/plain', [200, null]],
    [
      'an unknown route is still 404 first',
      'POST',
      '/__mock/nothing',
      'text/plain',
      [404, 'route_not_found'],
    ],
  ] as const)('%s', async (_name, method, path, type, want) => {
    const sent = await c.send(method, path, {
      token: null,
      ...(method === 'GET' ? {} : { rawBody: '{"seconds":1}' }),
      headers: { 'Content-Type': type },
    });
    expect([sent.status, sent.body?.code ?? null]).toEqual(want);
  });

  it('a write refused for its type changes nothing', async () => {
    const before = (await c.get('/__mock/clock')).body.epochMs;
    const refused = await c.send('POST', '/__mock/clock/advance', {
      rawBody: '{"seconds":60}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(refused.status).toBe(415);
    expect((await c.get('/__mock/clock')).body.epochMs).toBe(before);
  });
});
