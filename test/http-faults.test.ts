import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSpec, type SpecOperation } from '../spec/spec.js';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;
let operations: SpecOperation[];

const prefer = (value: string, token = 'demo-token') => ({ token, headers: { Prefer: value } });
const callCount = async () => (await api.get('/calls')).body.data.length;

describeTransports('faults', (start) => {
  beforeAll(async () => {
    [api, operations] = await Promise.all([
      start(),
      loadSpec().then((spec) => [...spec.operations.values()]),
    ]);
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  describe('Prefer: code=NNN', () => {
    // Each answer is checked against the spec by the helper: a documented status with a valid body.
    const table: Array<
      [string, { method: string; path: string; body?: object; code: number; problem?: string }]
    > = [
      ['500 on GET /calls', { method: 'GET', path: '/calls', code: 500, problem: 'internal_error' }],
      ['503 on GET /calls', { method: 'GET', path: '/calls', code: 503, problem: 'service_unavailable' }],
      [
        '404 on GET /calls/{callId}',
        { method: 'GET', path: '/calls/call_0000000000000001', code: 404, problem: 'call_not_found' },
      ],
      [
        '409 on PUT /calls/{callId}/hangup',
        { method: 'PUT', path: '/calls/call_0000000000000001/hangup', code: 409, problem: 'call_ended' },
      ],
      ['429 on GET /agents', { method: 'GET', path: '/agents', code: 429, problem: 'rate_limited' }],
      [
        '201 on POST /calls',
        {
          method: 'POST',
          path: '/calls',
          body: { to: '+14155550123', agentId: 'agt_0000000000000000' },
          code: 201,
        },
      ],
      ['200 on GET /calls/{callId}', { method: 'GET', path: '/calls/call_0000000000000001', code: 200 }],
    ];
    for (const [name, { method, path, body, code, problem }] of table) {
      it(`${name} answers that status with a spec-valid body`, async () => {
        const sent = await api.request(method, path, { ...prefer(`code=${code}`), body });
        expect(sent.status).toBe(code);
        expect(sent.headers['x-request-id']).toMatch(/^req_/);
        if (problem) {
          expect(sent.body.code).toBe(problem);
          expect(sent.body.requestId).toBe(sent.headers['x-request-id']);
        } else {
          expect(sent.body.id).toMatch(/^call_/);
        }
        // The example is answered instead of running the operation: nothing was created.
        expect(await callCount()).toBe(0);
      });
    }

    it('every documented status of every operation can be asked for, and answers spec-valid', async () => {
      const ids: Record<string, string> = {
        callId: 'call_0000000000000001',
        agentId: 'agt_0000000000000001',
        textId: 'txt_0000000000000001',
      };
      let asked = 0;
      for (const op of operations) {
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
        for (const status of Object.keys(op.responses).map(Number)) {
          // Each answer goes through the helper's spec check for that operation and status.
          const sent = await api.request(op.method, path, {
            ...prefer(`code=${status}`),
            ...(op.requestBody ? { body: {} } : {}),
          });
          expect(sent.status, `${op.operationId} code=${status}`).toBe(status);
          asked++;
        }
        // The rate limit is spent by design here; start each operation with a fresh window.
        await api.post('/__mock/reset');
      }
      expect(asked).toBeGreaterThan(100);
      expect(await callCount()).toBe(0);
    });

    it('accepts Prism’s other spellings: several preferences, any case', async () => {
      expect((await api.get('/calls', prefer('wait=1, CODE=503'))).status).toBe(503);
      expect((await api.get('/calls', prefer('code=500; delay=10'))).status).toBe(500);
    });

    const undocumented: Array<[string, { path: string; code: number }]> = [
      ['404 on GET /calls (a list has no 404)', { path: '/calls', code: 404 }],
      ['418 anywhere', { path: '/agents', code: 418 }],
      ['201 on a read', { path: '/calls', code: 201 }],
    ];
    for (const [name, { path, code }] of undocumented) {
      it(`an undocumented ${name} → 400 prefer_not_documented`, async () => {
        const sent = await api.get(path, prefer(`code=${code}`));
        expect([sent.status, sent.body.code]).toEqual([400, 'prefer_not_documented']);
        expect(sent.body.detail).toContain(String(code));
      });
    }

    it('does not get past auth: no token is still 401, the suspended account still 403', async () => {
      expect((await api.get('/calls', { token: null, headers: { Prefer: 'code=200' } })).status).toBe(401);
      expect((await api.get('/calls', prefer('code=200', 'demo-token-suspended'))).status).toBe(403);
    });
  });

  describe('Prefer: delay=MS', () => {
    it('still answers correctly', async () => {
      const agentId = await api.agent();
      const sent = await api.post('/calls', { to: '+14155550123', agentId }, prefer('delay=300'));
      expect(sent.status).toBe(201);
      expect((await api.get(`/calls/${sent.body.id}`)).body.id).toBe(sent.body.id);
    });

    it('combines with code', async () => {
      const sent = await api.get('/calls', prefer('delay=100, code=500'));
      expect([sent.status, sent.body.code]).toEqual([500, 'internal_error']);
    });
  });

  describe('admin faults', () => {
    it('fail twice with 503, then succeed', async () => {
      const agentId = await api.agent();
      const armed = await api.post('/__mock/faults', { operationId: 'createCall', status: 503, count: 2 });
      expect(armed.status).toBe(201);
      expect(armed.body).toMatchObject({
        operationId: 'createCall',
        kind: 'error',
        status: 503,
        remaining: 2,
      });
      const body = { to: '+14155550123', agentId };
      const first = await api.post('/calls', body);
      expect((await api.get('/__mock/faults')).body.faults).toEqual([{ ...armed.body, remaining: 1 }]);
      const second = await api.post('/calls', body);
      const third = await api.post('/calls', body);
      expect([first.status, second.status, third.status]).toEqual([503, 503, 201]);
      expect([first.body.code, second.body.code]).toEqual(['service_unavailable', 'service_unavailable']);
      expect((await api.get('/__mock/faults')).body.faults).toEqual([]);
      expect(await callCount()).toBe(1);
    });

    it('hits only its operation, for every user', async () => {
      await api.post('/__mock/faults', { operationId: 'listAgents', count: 2 });
      expect((await api.get('/calls')).status).toBe(200);
      expect((await api.get('/agents', { token: 'demo-token-other' })).status).toBe(500);
      expect((await api.get('/agents')).status).toBe(500);
      expect((await api.get('/agents')).status).toBe(200);
    });

    it('a timeout fault drops the connection, then the operation works again', async () => {
      await api.post('/__mock/faults', { operationId: 'getCall', kind: 'timeout', delayMs: 50 });
      const call = await api.call();
      await expect(api.get(`/calls/${call.id}`)).rejects.toThrow();
      const after = await api.get(`/calls/${call.id}`);
      expect([after.status, after.body.id]).toEqual([200, call.id]);
    });

    it('lists and clears what is armed', async () => {
      const a = await api.post('/__mock/faults', { operationId: 'createCall' });
      const b = await api.post('/__mock/faults', {
        operationId: 'getAgent',
        kind: 'timeout',
        delayMs: 10,
        count: 3,
      });
      expect(a.body).toMatchObject({ kind: 'error', status: 500, remaining: 1 });
      expect((await api.get('/__mock/faults')).body.faults).toEqual([a.body, b.body]);
      expect((await api.request('DELETE', '/__mock/faults')).status).toBe(204);
      expect((await api.get('/__mock/faults')).body.faults).toEqual([]);
      expect((await api.post('/agents', { name: 'Desk' })).status).toBe(201);
    });

    const refused: Array<[string, { body: object; code: string; path: string }]> = [
      [
        'an unknown operation',
        { body: { operationId: 'deleteCall' }, code: 'unknown_operation', path: '/body/operationId' },
      ],
      [
        'a status that is not 500 or 503',
        { body: { operationId: 'getCall', status: 502 }, code: 'validation_failed', path: '/body/status' },
      ],
      [
        'a count of 0',
        { body: { operationId: 'getCall', count: 0 }, code: 'validation_failed', path: '/body/count' },
      ],
    ];
    for (const [name, { body, code, path }] of refused) {
      it(`refuses ${name} with 400 ${code}`, async () => {
        const sent = await api.post('/__mock/faults', body);
        expect([sent.status, sent.body.code]).toEqual([400, code]);
        expect(sent.body.errors.map((e: { path: string }) => e.path)).toContain(path);
        expect((await api.get('/__mock/faults')).body.faults).toEqual([]);
      });
    }

    it('reset disarms every fault', async () => {
      await api.post('/__mock/faults', { operationId: 'listCalls', count: 5 });
      await api.post('/__mock/reset');
      expect((await api.get('/calls')).status).toBe(200);
    });
  });
});
