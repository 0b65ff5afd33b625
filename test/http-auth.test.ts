import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApi, Sent } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** A call and an agent of each user: demo and other through the API, the suspended one from code. */
async function world() {
  const demo = await api.call('+14155550123');
  const other = await api.call('+14155550123', undefined, 'demo-token-other');
  // The suspended account cannot create anything over HTTP; give it a call from code so its own resource exists.
  const t = api.telephony;
  const agent = t.agents.create('suspended', { name: 'Dormant' });
  const suspended = t.calls.create('suspended', '+15005550102', { to: '+14155550123', agentId: agent.id });
  return { demo: demo.id as string, other: other.id as string, suspended: suspended.id };
}

type Owner = 'demo' | 'other' | 'suspended';
const tokens: Array<[string, { own: Owner; foreign: Owner }]> = [
  ['demo-token', { own: 'demo', foreign: 'other' }],
  ['demo-token-readonly', { own: 'demo', foreign: 'other' }],
  ['demo-token-other', { own: 'other', foreign: 'demo' }],
  ['demo-token-suspended', { own: 'suspended', foreign: 'demo' }],
];

// The auth rules of docs/behaviour.md as a matrix:
// [token, read own, read other's, write own, write other's] → [status, code].
type Cell = [number, string | null];
const matrix: Record<string, { readOwn: Cell; readForeign: Cell; writeOwn: Cell; writeForeign: Cell }> = {
  'demo-token': {
    readOwn: [200, null],
    readForeign: [404, 'call_not_found'],
    writeOwn: [200, null],
    writeForeign: [404, 'call_not_found'],
  },
  'demo-token-readonly': {
    readOwn: [200, null],
    readForeign: [404, 'call_not_found'],
    writeOwn: [403, 'read_only_token'],
    writeForeign: [403, 'read_only_token'],
  },
  'demo-token-other': {
    readOwn: [200, null],
    readForeign: [404, 'call_not_found'],
    writeOwn: [200, null],
    writeForeign: [404, 'call_not_found'],
  },
  'demo-token-suspended': {
    readOwn: [403, 'account_suspended'],
    readForeign: [403, 'account_suspended'],
    writeOwn: [403, 'account_suspended'],
    writeForeign: [403, 'account_suspended'],
  },
};

const cellOf = (sent: Sent): Cell => [sent.status, sent.status < 300 ? null : sent.body.code];

describeTransports('auth', (start) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  describe('the auth matrix: 4 tokens × read/write × own/other’s call', () => {
    for (const [token, { own, foreign }] of tokens) {
      const want = matrix[token];
      if (!want) throw new Error(`no row for ${token}`);
      const cells: Array<[string, Owner, 'read' | 'write', Cell]> = [
        ['reads its own call', own, 'read', want.readOwn],
        ['reads another user’s call', foreign, 'read', want.readForeign],
        ['hangs up its own call', own, 'write', want.writeOwn],
        ['hangs up another user’s call', foreign, 'write', want.writeForeign],
      ];
      for (const [name, owner, kind, [status, code]] of cells) {
        it(`${token} ${name} → ${status}${code ? ` ${code}` : ''}`, async () => {
          const ids = await world();
          const id = ids[owner];
          const before = api.telephony.calls.get(owner, id);
          const beforeStatus = before.status;
          const sent =
            kind === 'read'
              ? await api.get(`/calls/${id}`, { token })
              : await api.put(`/calls/${id}/hangup`, undefined, { token });
          expect(cellOf(sent)).toEqual([status, code]);
          if (status === 200) expect(sent.body.id).toBe(id);
          // A refused write leaves the call as it was.
          if (kind === 'write' && status !== 200)
            expect(api.telephony.calls.get(owner, id).status).toBe(beforeStatus);
          if (kind === 'write' && status === 200) expect(sent.body.status).toBe('canceled');
          for (const name of RATE_HEADERS) expect(sent.headers[name], name).toMatch(/^\d+$/);
        });
      }
    }
  });

  describe('collections by token', () => {
    const table: Array<[string, { list: Cell; create: Cell }]> = [
      ['demo-token', { list: [200, null], create: [201, null] }],
      ['demo-token-readonly', { list: [200, null], create: [403, 'read_only_token'] }],
      ['demo-token-other', { list: [200, null], create: [201, null] }],
      ['demo-token-suspended', { list: [403, 'account_suspended'], create: [403, 'account_suspended'] }],
    ];
    for (const [token, want] of table) {
      it(`${token}: GET /agents → ${want.list[0]}, POST /agents → ${want.create[0]}`, async () => {
        expect(cellOf(await api.get('/agents', { token }))).toEqual(want.list);
        expect(cellOf(await api.post('/agents', { name: 'Desk' }, { token }))).toEqual(want.create);
      });
    }
  });

  describe('401 for a missing or bad token', () => {
    const table: Array<[string, { headers: Record<string, string>; token?: null; code: string }]> = [
      ['no Authorization header', { headers: {}, token: null, code: 'unauthorized' }],
      [
        'Basic credentials',
        { headers: { Authorization: 'Basic ZGVtbzpkZW1v' }, code: 'malformed_authorization' },
      ],
      ['Bearer with nothing', { headers: { Authorization: 'Bearer' }, code: 'malformed_authorization' }],
      ['Bearer and a space', { headers: { Authorization: 'Bearer ' }, code: 'malformed_authorization' }],
      [
        'Bearer with two words',
        { headers: { Authorization: 'Bearer demo token' }, code: 'malformed_authorization' },
      ],
      ['an unknown token', { headers: { Authorization: 'Bearer no-such-token' }, code: 'invalid_token' }],
      ['a token one letter off', { headers: { Authorization: 'Bearer demo-tokeN' }, code: 'invalid_token' }],
    ];
    for (const [name, { headers, token, code }] of table) {
      for (const [method, path, body] of [
        ['GET', '/calls', undefined],
        ['POST', '/agents', { name: 'Desk' }],
      ] as const) {
        it(`${method} ${path} with ${name} → 401 ${code}, a Bearer challenge and no rate-limit headers`, async () => {
          const sent = await api.request(method, path, {
            headers,
            body,
            ...(token === null ? { token } : {}),
          });
          expect([sent.status, sent.body.code]).toEqual([401, code]);
          expect(sent.headers['www-authenticate']).toMatch(/^Bearer( |$)/);
          for (const header of RATE_HEADERS) expect(sent.headers[header], header).toBeUndefined();
        });
      }
    }

    it('a 401 creates nothing', async () => {
      await api.post('/agents', { name: 'Sneaky' }, { token: 'nope' });
      expect((await api.get('/agents')).body.data).toEqual([]);
    });

    it('authenticated answers carry the rate-limit headers, refusals included', async () => {
      const answers = [
        await api.get('/calls'),
        await api.get('/calls/call_0000000000000000'),
        await api.post('/agents', { name: 'Desk' }, { token: 'demo-token-readonly' }),
        await api.get('/calls', { token: 'demo-token-suspended' }),
        await api.post('/agents', { nom: 'Desk' }),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 404, 403, 403, 400]);
      for (const sent of answers)
        for (const header of RATE_HEADERS) expect(sent.headers[header]).toMatch(/^\d+$/);
    });
  });

  describe('users never see each other’s data', () => {
    it('another user’s call, agent and text are 404 and appear in none of their lists', async () => {
      const call = await api.call('+14155550123');
      const text = await api.post('/texts', { to: '+14155550123', body: 'Hi' });
      expect(text.status).toBe(201);
      const other = { token: 'demo-token-other' };
      const refusals = [
        await api.get(`/calls/${call.id}`, other),
        await api.get(`/agents/${call.agentId}`, other),
        await api.get(`/texts/${text.body.id}`, other),
        await api.post(`/calls/${call.id}/respond`, { text: 'hi' }, other),
        await api.put(`/agents/${call.agentId}`, { name: 'Mine now' }, other),
        await api.post('/calls', { to: '+14155550123', agentId: call.agentId }, other),
      ];
      expect(refusals.map((r) => [r.status, r.body.code])).toEqual([
        [404, 'call_not_found'],
        [404, 'agent_not_found'],
        [404, 'text_not_found'],
        [404, 'call_not_found'],
        [404, 'agent_not_found'],
        [404, 'agent_not_found'],
      ]);
      const theirs = await api.call('+14155550199', undefined, 'demo-token-other');
      const lists = await Promise.all(
        ['/calls', '/agents', '/texts', '/calls?status=queued'].map((path) => api.get(path, other)),
      );
      const everything = JSON.stringify(lists.map((l) => l.body));
      for (const id of [call.id, call.agentId, text.body.id]) expect(everything).not.toContain(id);
      expect(lists[0]?.body.data.map((c: { id: string }) => c.id)).toEqual([theirs.id]);
      // And the first user's data is untouched by the other's attempts.
      expect((await api.get(`/agents/${call.agentId}`)).body.name).toBe('Front desk');
    });
  });
});
