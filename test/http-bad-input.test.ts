import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { MockApi, RequestOptions } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

// One mock for the whole file and no reset between tests: the barrage runs against one store, and
// the last test checks that only what was created validly is in it.
let api: MockApi;
let agentId: string;
let callId: string;

const json = { 'Content-Type': 'application/json' };
const MAX_BODY = 2_097_152;

interface Case {
  method: string;
  path: string;
  options?: RequestOptions;
  want: { status: number; code: string; path?: string };
}

const cases: Array<[string, Case]> = [
  // The body as bytes
  [
    'malformed JSON',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '{"name": "Desk",', headers: json },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  [
    'JSON with a trailing comma',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '{"name": "Desk",}', headers: json },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  [
    'invalid UTF-8',
    {
      method: 'POST',
      path: '/agents',
      options: {
        rawBody: new Uint8Array([
          0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
        ]),
        headers: json,
      },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  [
    'an empty body on POST /agents',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '', headers: json },
      want: { status: 400, code: 'validation_failed', path: '/body' },
    },
  ],
  [
    'no body at all on POST /calls',
    { method: 'POST', path: '/calls', want: { status: 400, code: 'validation_failed', path: '/body' } },
  ],
  [
    'JSON null as the body',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: 'null', headers: json },
      want: { status: 400, code: 'validation_failed', path: '/body' },
    },
  ],
  [
    'a JSON array as the body',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '[{"name":"Desk"}]', headers: json },
      want: { status: 400, code: 'validation_failed', path: '/body' },
    },
  ],
  // Media type
  [
    'text/plain',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '{"name":"Desk"}', headers: { 'Content-Type': 'text/plain' } },
      want: { status: 415, code: 'unsupported_media_type' },
    },
  ],
  [
    'a form body',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: 'name=Desk', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      want: { status: 415, code: 'unsupported_media_type' },
    },
  ],
  [
    'no Content-Type',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: new TextEncoder().encode('{"name":"Desk"}') },
      want: { status: 415, code: 'unsupported_media_type' },
    },
  ],
  // Prototype keys
  [
    'a __proto__ key',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '{"name":"Desk","__proto__":{"polluted":"yes"}}', headers: json },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  [
    'a constructor.prototype key',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '{"name":"Desk","constructor":{"prototype":{"polluted":"yes"}}}', headers: json },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  [
    'a nested __proto__ key',
    {
      method: 'POST',
      path: '/calls',
      options: {
        rawBody: `{"to":"+14155550123","agentId":"AGENT","metadata":{"__proto__":{"polluted":"yes"}}}`,
        headers: json,
      },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  [
    'a __proto__ key in a state import',
    {
      method: 'PUT',
      path: '/__mock/state',
      options: {
        rawBody:
          '{"version":1,"clock":{"now":"2026-01-01T00:00:00.000Z"},"users":{"__proto__":{"polluted":"yes"}}}',
        headers: json,
      },
      want: { status: 400, code: 'invalid_json', path: '/body' },
    },
  ],
  // The schema
  [
    'an unknown field',
    {
      method: 'POST',
      path: '/agents',
      options: { body: { name: 'Desk', colour: 'blue' } },
      want: { status: 400, code: 'validation_failed', path: '/body/colour' },
    },
  ],
  [
    'a missing required field',
    {
      method: 'POST',
      path: '/calls',
      options: { body: { to: '+14155550123' } },
      want: { status: 400, code: 'validation_failed', path: '/body/agentId' },
    },
  ],
  [
    'a number where a string goes',
    {
      method: 'POST',
      path: '/calls',
      options: { body: { to: 14155550123, agentId: 'AGENT' } },
      want: { status: 400, code: 'validation_failed', path: '/body/to' },
    },
  ],
  [
    'a string where an integer goes',
    {
      method: 'POST',
      path: '/calls',
      options: { body: { to: '+14155550123', agentId: 'AGENT', maxDurationSeconds: '60' } },
      want: { status: 400, code: 'validation_failed', path: '/body/maxDurationSeconds' },
    },
  ],
  [
    'a fraction where an integer goes',
    {
      method: 'POST',
      path: '/calls',
      options: { body: { to: '+14155550123', agentId: 'AGENT', maxDurationSeconds: 60.5 } },
      want: { status: 400, code: 'validation_failed', path: '/body/maxDurationSeconds' },
    },
  ],
  [
    'a number under the minimum',
    {
      method: 'POST',
      path: '/calls',
      options: { body: { to: '+14155550123', agentId: 'AGENT', maxDurationSeconds: 9 } },
      want: { status: 400, code: 'validation_failed', path: '/body/maxDurationSeconds' },
    },
  ],
  [
    'a number over the maximum',
    {
      method: 'POST',
      path: '/agents',
      options: { body: { name: 'Desk', maxCallDurationSeconds: 14_401 } },
      want: { status: 400, code: 'validation_failed', path: '/body/maxCallDurationSeconds' },
    },
  ],
  [
    'a huge number',
    {
      method: 'POST',
      path: '/agents',
      options: { rawBody: '{"name":"Desk","maxCallDurationSeconds":1e400}', headers: json },
      want: { status: 400, code: 'validation_failed', path: '/body/maxCallDurationSeconds' },
    },
  ],
  [
    'a string over its maxLength',
    {
      method: 'POST',
      path: '/agents',
      options: { body: { name: 'x'.repeat(101) } },
      want: { status: 400, code: 'validation_failed', path: '/body/name' },
    },
  ],
  [
    'an invalid phone number',
    {
      method: 'POST',
      path: '/texts',
      options: { body: { to: '555-0123', body: 'Hi' } },
      want: { status: 400, code: 'validation_failed', path: '/body/to' },
    },
  ],
  [
    'an http (not https) audio URL',
    {
      method: 'PUT',
      path: '/calls/CALL/audio',
      options: { body: { url: 'http://cdn.example.com/a.wav' } },
      want: { status: 400, code: 'validation_failed', path: '/body' },
    },
  ],
  [
    'an empty respond text',
    {
      method: 'POST',
      path: '/calls/CALL/respond',
      options: { body: { text: '' } },
      want: { status: 400, code: 'validation_failed', path: '/body/text' },
    },
  ],
  [
    'a body on hangup',
    {
      method: 'PUT',
      path: '/calls/CALL/hangup',
      options: { body: { reason: 'done' } },
      want: { status: 400, code: 'unexpected_body', path: '/body' },
    },
  ],
  // Path and query
  [
    'a malformed call id',
    {
      method: 'GET',
      path: '/calls/not-a-call',
      want: { status: 400, code: 'validation_failed', path: '/path/callId' },
    },
  ],
  [
    'an agent id where a call id goes',
    {
      method: 'GET',
      path: '/calls/agt_0000000000000000',
      want: { status: 400, code: 'validation_failed', path: '/path/callId' },
    },
  ],
  [
    'bad percent-encoding in a path id',
    {
      method: 'GET',
      path: '/calls/call_%E0%A4%A',
      want: { status: 400, code: 'validation_failed', path: '/path/callId' },
    },
  ],
  [
    'a well-formed id that does not exist',
    { method: 'GET', path: '/calls/call_0000000000000000', want: { status: 404, code: 'call_not_found' } },
  ],
  [
    'an unknown query parameter',
    {
      method: 'GET',
      path: '/calls?colour=blue',
      want: { status: 400, code: 'validation_failed', path: '/query/colour' },
    },
  ],
  [
    'a repeated query parameter',
    {
      method: 'GET',
      path: '/calls?limit=2&limit=3',
      want: { status: 400, code: 'validation_failed', path: '/query/limit' },
    },
  ],
  [
    'a non-numeric limit',
    {
      method: 'GET',
      path: '/agents?limit=ten',
      want: { status: 400, code: 'validation_failed', path: '/query/limit' },
    },
  ],
  [
    'an over-long Idempotency-Key',
    {
      method: 'POST',
      path: '/agents',
      options: { body: { name: 'Desk' }, headers: { 'Idempotency-Key': 'k'.repeat(256) } },
      want: { status: 400, code: 'validation_failed', path: '/header/idempotency-key' },
    },
  ],
  // Routes and methods
  ['an unknown route', { method: 'GET', path: '/phones', want: { status: 404, code: 'route_not_found' } }],
  [
    'a route one segment too deep',
    { method: 'GET', path: '/calls/call_0000000000000000/x', want: { status: 404, code: 'route_not_found' } },
  ],
  [
    'an unknown admin route',
    { method: 'GET', path: '/__mock/nothing', want: { status: 404, code: 'route_not_found' } },
  ],
  ['DELETE /calls', { method: 'DELETE', path: '/calls', want: { status: 405, code: 'method_not_allowed' } }],
  [
    'GET /calls/{id}/hangup',
    { method: 'GET', path: '/calls/CALL/hangup', want: { status: 405, code: 'method_not_allowed' } },
  ],
  [
    'PATCH /agents/{id}',
    { method: 'PATCH', path: '/agents/AGENT', want: { status: 405, code: 'method_not_allowed' } },
  ],
  [
    'GET /__mock/reset',
    { method: 'GET', path: '/__mock/reset', want: { status: 405, code: 'method_not_allowed' } },
  ],
];

const allows: Record<string, string[]> = {
  'DELETE /calls': ['GET', 'POST'],
  'GET /calls/{id}/hangup': ['PUT'],
  'PATCH /agents/{id}': ['GET', 'PUT'],
  'GET /__mock/reset': ['POST'],
};

/** Puts the real ids into a case's path and raw body. */
function fill(text: string): string {
  return text.replaceAll('AGENT', agentId).replaceAll('CALL', callId);
}

describeTransports('bad input', (start, transport) => {
  beforeAll(async () => {
    api = await start({ rateLimit: 0 });
    await api.post('/__mock/reset');
    agentId = await api.agent();
    callId = (await api.call('+14155550123', agentId)).id;
  });
  afterAll(() => api.mock.close());

  describe('bad input gets a precise 4xx problem, never a 500', () => {
    for (const [name, { method, path, options = {}, want }] of cases) {
      it(`${name} → ${want.status} ${want.code}${want.path ? ` at ${want.path}` : ''}`, async () => {
        const raw = options.rawBody;
        const given: RequestOptions = {
          ...options,
          ...(typeof raw === 'string' ? { rawBody: fill(raw) } : {}),
          ...(options.body !== undefined ? { body: JSON.parse(fill(JSON.stringify(options.body))) } : {}),
        };
        const sent = await api.request(method, fill(path), given);
        expect([sent.status, sent.body?.code], JSON.stringify(sent.body)).toEqual([want.status, want.code]);
        expect(sent.headers['content-type']).toBe('application/problem+json');
        expect(sent.body.detail.length).toBeGreaterThan(0);
        if (want.status === 400) {
          const paths = (sent.body.errors ?? []).map((e: { path: string }) => e.path);
          expect(paths, 'errors[].path').toContain(want.path);
        }
        if (want.status === 405) {
          const allow = sent.headers.allow?.split(/,\s*/).sort();
          expect(allow).toEqual(allows[name]);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    }
  });

  describe('bodies over x-max-body-bytes', () => {
    // The spec files are served by the Express app; the MSW handlers answer the API alone.
    it.runIf(transport === 'express')('the limit is the served spec’s x-max-body-bytes', async () => {
      const served = await api.document('/openapi.yaml');
      expect(served.status).toBe(200);
      expect((parseYaml(served.text) as Record<string, unknown>)['x-max-body-bytes']).toBe(MAX_BODY);
    });

    const sizes: Array<[string, { bytes: number; status: number; code: string }]> = [
      ['one byte over', { bytes: MAX_BODY + 1, status: 413, code: 'payload_too_large' }],
      ['ten times over', { bytes: MAX_BODY * 10, status: 413, code: 'payload_too_large' }],
      // At the limit the body is read and judged by its schema instead.
      ['exactly at the limit', { bytes: MAX_BODY, status: 400, code: 'validation_failed' }],
    ];
    for (const [name, { bytes, status, code }] of sizes) {
      it(`a body ${name} → ${status} ${code}, and the mock answers the next request`, async () => {
        const prefix = '{"text":"';
        const body = `${prefix}${'a'.repeat(bytes - prefix.length - 2)}"}`;
        expect(Buffer.byteLength(body)).toBe(bytes);
        const sent = await api.request('POST', `/calls/${callId}/respond`, { rawBody: body, headers: json });
        expect([sent.status, sent.body.code]).toEqual([status, code]);
        expect((await api.get(`/calls/${callId}`)).status).toBe(200);
      });
    }
  });

  describe('after the barrage', () => {
    it('the prototype is clean and the store holds only what was created validly', async () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
      const calls = await api.get('/calls');
      const agents = await api.get('/agents');
      const texts = await api.get('/texts');
      expect([calls.status, agents.status, texts.status]).toEqual([200, 200, 200]);
      expect(calls.body.data.map((c: { id: string }) => c.id)).toEqual([callId]);
      expect(agents.body.data.map((a: { id: string }) => a.id)).toEqual([agentId]);
      expect(texts.body.data).toEqual([]);
      const call = calls.body.data[0];
      expect(call).toMatchObject({ status: 'queued', transcript: [], audio: [], metadata: {} });
    });
  });
});
