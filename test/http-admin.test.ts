import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type MockApi, startTestMock } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

const clock = async () => (await api.get('/__mock/clock')).body;
const idsOf = (sent: { body: { data: Array<{ id: string }> } }) => sent.body.data.map((x) => x.id);

/** An in-progress call (answered after 1 + 3 s). */
async function liveCall() {
  const call = await api.call();
  await api.advance(4);
  return call.id as string;
}

describeTransports('admin API', (start, transport) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  describe('reset', () => {
    it('empties calls, agents, texts, faults and the journal', async () => {
      await api.call();
      await api.post('/texts', { to: '+14155550123', body: 'Hi' });
      expect((await api.put('/texts/webhook', { url: 'https://app.example.com/sms' })).status).toBe(200);
      await api.post('/__mock/faults', { operationId: 'getCall', count: 3 });
      expect((await api.get('/__mock/journal')).body.entries.length).toBeGreaterThan(0);
      expect((await api.post('/__mock/reset')).status).toBe(204);
      expect((await api.get('/__mock/faults')).body.faults).toEqual([]);
      expect((await api.get('/__mock/journal')).body.entries).toEqual([]);
      const lists = await Promise.all(['/calls', '/agents', '/texts'].map((p) => api.get(p)));
      expect(lists.map((l) => l.body.data)).toEqual([[], [], []]);
      expect((await api.get('/texts/webhook')).status).toBe(404);
      expect((await clock()).pendingTimers).toBe(0);
    });
  });

  describe('clock', () => {
    it('reads, advances, and changes scale', async () => {
      const start = await clock();
      expect(start).toMatchObject({ scale: 'manual', epochMs: expect.any(Number) });
      expect(new Date(start.now).getTime()).toBe(start.epochMs);
      const advanced = (await api.advance(90)).body;
      expect(advanced.epochMs).toBe(start.epochMs + 90_000);
      const scales: Array<[string, number | 'manual']> = [
        ['10× real time', 10],
        ['real time', 1],
        ['manual again', 'manual'],
      ];
      for (const [name, scale] of scales) {
        const set = await api.request('PUT', '/__mock/clock', { body: { scale } });
        expect([set.status, set.body.scale], name).toEqual([200, scale]);
      }
      // Back on manual, the clock stands still between reads.
      const a = await clock();
      const b = await clock();
      expect(b.epochMs).toBe(a.epochMs);
    });

    it('moves forward to `now`, running what falls due; never back', async () => {
      const call = await api.call();
      const { epochMs } = await clock();
      const target = new Date(epochMs + 4_000).toISOString();
      const set = await api.request('PUT', '/__mock/clock', { body: { now: target } });
      expect([set.status, set.body.now]).toEqual([200, target]);
      expect((await api.get(`/calls/${call.id}`)).body.status).toBe('in-progress');
      const back = await api.request('PUT', '/__mock/clock', {
        body: { now: new Date(epochMs).toISOString() },
      });
      expect([back.status, back.body.code]).toEqual([409, 'clock_cannot_go_back']);
      expect((await clock()).now).toBe(target);
    });

    const bad: Array<[string, { method: string; path: string; body: object; path400: string }]> = [
      [
        'a negative advance',
        { method: 'POST', path: '/__mock/clock/advance', body: { seconds: -1 }, path400: '/body/seconds' },
      ],
      ['a scale of 0', { method: 'PUT', path: '/__mock/clock', body: { scale: 0 }, path400: '/body/scale' }],
      ['an empty clock change', { method: 'PUT', path: '/__mock/clock', body: {}, path400: '/body' }],
      [
        'a time that is not a date',
        { method: 'PUT', path: '/__mock/clock', body: { now: 'tomorrow' }, path400: '/body/now' },
      ],
    ];
    for (const [name, { method, path, body, path400 }] of bad) {
      it(`refuses ${name} with 400`, async () => {
        const before = await clock();
        const sent = await api.request(method, path, { body });
        expect([sent.status, sent.body.code]).toEqual([400, 'validation_failed']);
        expect(sent.body.errors.map((e: { path: string }) => e.path)).toContain(path400);
        expect(await clock()).toEqual(before);
      });
    }
  });

  describe('remote events', () => {
    it('callee-says adds the callee’s line; callee-hangup completes the call', async () => {
      const id = await liveCall();
      const says = await api.post(`/__mock/calls/${id}/events`, {
        type: 'callee-says',
        text: 'Can you repeat that?',
      });
      expect(says.status).toBe(200);
      expect(says.body.transcript.at(-1)).toMatchObject({ speaker: 'callee', text: 'Can you repeat that?' });
      const hangup = await api.post(`/__mock/calls/${id}/events`, { type: 'callee-hangup' });
      expect(hangup.body).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
      expect((await api.get(`/calls/${id}`)).body).toEqual(hangup.body);
    });

    const refused: Array<[string, { state: 'queued' | 'ended' | 'other'; status: number; code: string }]> = [
      ['a queued call', { state: 'queued', status: 409, code: 'call_not_answered' }],
      ['an ended call', { state: 'ended', status: 409, code: 'call_ended' }],
      ['another user’s call', { state: 'other', status: 404, code: 'call_not_found' }],
    ];
    for (const [name, { state, status, code }] of refused) {
      it(`on ${name} → ${status} ${code}`, async () => {
        const token = state === 'other' ? 'demo-token-other' : 'demo-token';
        const id = state === 'queued' ? (await api.call()).id : await liveCall();
        if (state === 'ended') await api.put(`/calls/${id}/hangup`);
        const before = (await api.get(`/calls/${id}`)).body;
        const sent = await api.post(`/__mock/calls/${id}/events`, { type: 'callee-hangup' }, { token });
        expect([sent.status, sent.body.code]).toEqual([status, code]);
        expect((await api.get(`/calls/${id}`)).body).toEqual(before);
      });
    }

    it('needs the user’s Bearer token', async () => {
      const id = await liveCall();
      const sent = await api.post(`/__mock/calls/${id}/events`, { type: 'callee-hangup' }, { token: null });
      expect([sent.status, sent.body.code]).toEqual([401, 'unauthorized']);
      expect((await api.get(`/calls/${id}`)).body.status).toBe('in-progress');
    });
  });

  describe('journal', () => {
    it('records requests newest first, with the Authorization header redacted', async () => {
      await api.get('/calls');
      await api.post('/agents', { name: 'Desk' });
      await api.get('/agents', { token: 'demo-token-other' });
      const { entries } = (await api.get('/__mock/journal')).body;
      expect(
        entries.map((e: { method: string; path: string; status: number }) => [e.method, e.path, e.status]),
      ).toEqual([
        ['GET', '/agents', 200],
        ['POST', '/agents', 201],
        ['GET', '/calls', 200],
      ]);
      expect(entries[1]).toMatchObject({
        operationId: 'createAgent',
        userId: 'demo',
        request: { body: { name: 'Desk' } },
      });
      expect(entries[1].response.body).toMatchObject({ name: 'Desk' });
      expect(JSON.stringify(entries)).not.toContain('demo-token');
      for (const entry of entries)
        expect(entry.request.headers.authorization).toMatch(/^Bearer …[\w-]{0,4}$/);
    });

    const secrets: Array<[string, { headers: Record<string, string>; secret: string }]> = [
      ['a short token', { headers: { Authorization: 'Bearer abc' }, secret: 'abc' }],
      ['a token of ten characters', { headers: { Authorization: 'Bearer abcdefghij' }, secret: 'abc' }],
      ['Basic credentials', { headers: { Authorization: 'Basic ZGVtbzpzZWNyZXQ=' }, secret: 'ZGVt' }],
      [
        'an X-Admin-Token sent to the API',
        { headers: { 'X-Admin-Token': 'letmein-0042' }, secret: 'letmein' },
      ],
    ];
    for (const [name, { headers, secret }] of secrets) {
      it(`never shows ${name}`, async () => {
        await api.get('/calls', { headers });
        const { entries } = (await api.get('/__mock/journal')).body;
        expect(entries).toHaveLength(1);
        expect(JSON.stringify(entries[0].request.headers)).not.toContain(secret);
      });
    }

    it('filters by userId and operationId, and limits', async () => {
      await api.get('/calls');
      await api.get('/calls', { token: 'demo-token-other' });
      await api.get('/agents');
      await api.get('/calls', { token: 'nobody' });
      const cases: Array<[string, Array<[string | null, string | null]>]> = [
        [
          'userId=demo',
          [
            ['demo', 'listAgents'],
            ['demo', 'listCalls'],
          ],
        ],
        ['userId=other', [['other', 'listCalls']]],
        [
          'operationId=listCalls',
          [
            [null, 'listCalls'],
            ['other', 'listCalls'],
            ['demo', 'listCalls'],
          ],
        ],
        ['userId=demo&operationId=listCalls', [['demo', 'listCalls']]],
        ['limit=1', [[null, 'listCalls']]],
      ];
      for (const [query, want] of cases) {
        const { entries } = (await api.get(`/__mock/journal?${query}`)).body;
        expect(
          entries.map((e: { userId: string | null; operationId: string | null }) => [
            e.userId,
            e.operationId,
          ]),
          query,
        ).toEqual(want);
      }
    });

    it('leaves the admin API out', async () => {
      await api.get('/__mock/clock');
      await api.advance(1);
      expect((await api.get('/__mock/journal')).body.entries).toEqual([]);
    });

    // A second mock beside the suite's: MSW intercepts for one mock at a time, so Express only.
    it.runIf(transport === 'express')('stays bounded', async () => {
      const small = await startTestMock({ journalSize: 5 });
      try {
        for (let i = 0; i < 12; i++) await small.get(`/agents?limit=${i + 1}`);
        const { entries } = (await small.get('/__mock/journal?limit=1000')).body;
        expect(entries.map((e: { path: string }) => e.path)).toEqual(
          [12, 11, 10, 9, 8].map((n) => `/agents?limit=${n}`),
        );
      } finally {
        await small.mock.close();
      }
    });
  });

  describe('state export and import', () => {
    it('restores calls, agents and texts; a call ringing at export is answered after advancing', async () => {
      const agentId = await api.agent();
      const ended = await api.call('+14155550123', agentId);
      await api.put(`/calls/${ended.id}/hangup`);
      const ringing = await api.call('+14155550123', agentId);
      await api.advance(1);
      const text = await api.post('/texts', { to: '+14155550123', body: 'See you at 3' });
      expect((await api.post(`/agents/${agentId}/persona`, { instructions: 'Be brief.' })).status).toBe(201);
      const theirs = await api.call('+14155550123', undefined, 'demo-token-other');
      expect((await api.get(`/calls/${ringing.id}`)).body.status).toBe('ringing');

      const exported = await api.get('/__mock/state');
      expect(exported.status).toBe(200);
      const before = await Promise.all(['/calls', '/agents', '/texts'].map((p) => api.get(p)));

      await api.post('/__mock/reset');
      expect((await api.get('/calls')).body.data).toEqual([]);
      const imported = await api.request('PUT', '/__mock/state', { body: exported.body });
      expect(imported.status).toBe(204);

      const after = await Promise.all(['/calls', '/agents', '/texts'].map((p) => api.get(p)));
      expect(after.map((a) => a.body)).toEqual(before.map((b) => b.body));
      expect(idsOf(after[0] as never)).toEqual([ringing.id, ended.id]);
      expect((await api.get(`/agents/${agentId}/persona`)).body.instructions).toBe('Be brief.');
      expect((await api.get(`/calls/${theirs.id}`, { token: 'demo-token-other' })).status).toBe(200);
      expect((await api.get(`/texts/${text.body.id}`)).status).toBe(200);

      await api.advance(3);
      const answered = (await api.get(`/calls/${ringing.id}`)).body;
      expect(answered).toMatchObject({ status: 'in-progress', answeredBy: 'human' });
      // New ids do not collide with the imported ones.
      const fresh = await api.call('+14155550123', agentId);
      expect([ringing.id, ended.id]).not.toContain(fresh.id);
    });

    const invalid: Array<[string, unknown]> = [
      ['a wrong version', { version: 2, clock: { now: '2026-01-01T00:00:00.000Z' }, users: {} }],
      [
        'a call without its outcome',
        {
          version: 1,
          clock: { now: '2026-01-01T00:00:00.000Z' },
          users: { demo: { calls: [{ call: {} }], agents: [], texts: [], textWebhook: null } },
        },
      ],
      ['no users', { version: 1, clock: { now: '2026-01-01T00:00:00.000Z' } }],
      ['an answered outcome without answeredBy', 'answered-without-answeredBy'],
      ['a list instead of a snapshot', []],
    ];
    for (const [name, body] of invalid) {
      it(`refuses ${name} with 400 and leaves the store as it was`, async () => {
        const call = await api.call();
        const before = (await api.get('/__mock/state')).body;
        const given = body === 'answered-without-answeredBy' ? structuredClone(before) : body;
        if (given !== body) given.users.demo.calls[0].outcome = { kind: 'answered' };
        const sent = await api.request('PUT', '/__mock/state', { body: given });
        expect([sent.status, sent.body.code]).toEqual([400, 'validation_failed']);
        expect(sent.body.errors.length).toBeGreaterThan(0);
        expect((await api.get('/__mock/state')).body).toEqual(before);
        expect((await api.get(`/calls/${call.id}`)).status).toBe(200);
      });
    }
  });

  // The Express app serves the specs and /docs; the MSW handlers answer the APIs alone.
  describe.runIf(transport === 'express')('documents', () => {
    it('serves the admin spec at /__mock/openapi.yaml', async () => {
      const sent = await api.document('/__mock/openapi.yaml');
      expect(sent.status).toBe(200);
      expect(sent.headers['content-type']).toMatch(/yaml/);
      const spec = parseYaml(sent.text);
      expect(spec.info.title).toBe('telemock admin API');
      expect(Object.keys(spec.paths)).toContain('/__mock/reset');
    });

    it('serves the API reference at /docs, offline', async () => {
      const sent = await api.document('/docs/');
      expect(sent.status).toBe(200);
      expect(sent.headers['content-type']).toMatch(/text\/html/);
      expect(sent.text).toContain('telemock — API reference');
      // Every script and stylesheet comes from the mock itself.
      const external = [...sent.text.matchAll(/(?:src|href)="(https?:)?\/\//g)];
      expect(external).toEqual([]);
    });
  });

  // A second server bound to another address: real sockets, Express only.
  describe.runIf(transport === 'express')('admin on a host other than 127.0.0.1', () => {
    let remote: MockApi;
    beforeAll(async () => {
      remote = await startTestMock({ host: '127.0.0.2' });
    });
    afterAll(() => remote.mock.close());

    it('has an admin token', () => {
      expect(remote.mock.adminToken).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(remote.mock.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    });

    const table: Array<[string, { headers: Record<string, string> | 'token'; status: number }]> = [
      ['no X-Admin-Token', { headers: {}, status: 401 }],
      ['a wrong X-Admin-Token', { headers: { 'X-Admin-Token': 'guess' }, status: 401 }],
      ['the admin token', { headers: 'token', status: 200 }],
    ];
    for (const [name, { headers, status }] of table) {
      it(`GET /__mock/clock with ${name} → ${status}`, async () => {
        const given = headers === 'token' ? { 'X-Admin-Token': remote.mock.adminToken as string } : headers;
        const sent = await remote.get('/__mock/clock', { headers: given });
        expect(sent.status).toBe(status);
        if (status === 401) expect(sent.body.code).toBe('admin_token_required');
      });
    }

    it('guards every admin operation, and not the telephony API', async () => {
      expect((await remote.post('/__mock/reset')).status).toBe(401);
      expect((await remote.get('/__mock/state')).status).toBe(401);
      expect((await remote.get('/calls')).status).toBe(200);
      const ok = await remote.post('/__mock/reset', undefined, {
        headers: { 'X-Admin-Token': remote.mock.adminToken as string },
      });
      expect(ok.status).toBe(204);
    });
  });
});
