import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type PipelineClient,
  type PipelineRequestOptions,
  pipelineClient,
} from '../../test/support/pipeline-client.js';

let c: PipelineClient;
beforeAll(async () => {
  c = await pipelineClient();
});
beforeEach(() => c.post('/__mock/reset'));

const json = { 'Content-Type': 'application/json' };

describe('what reaches a handler', () => {
  const cases: Array<
    [
      string,
      {
        method: string;
        path: string;
        request: PipelineRequestOptions;
        want: [number, string | null];
        paths?: string[];
      },
    ]
  > = [
    [
      'a valid body',
      { method: 'POST', path: '/agents', request: { body: { name: 'Desk' } }, want: [201, null] },
    ],
    [
      'a JSON body with a charset',
      {
        method: 'POST',
        path: '/agents',
        request: {
          rawBody: '{"name":"Desk"}',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
        },
        want: [201, null],
      },
    ],
    [
      'a +json media type (only application/json is taken)',
      {
        method: 'POST',
        path: '/agents',
        request: { rawBody: '{"name":"Desk"}', headers: { 'Content-Type': 'application/vnd.telemock+json' } },
        want: [415, 'unsupported_media_type'],
      },
    ],
    [
      'a body over the size limit',
      {
        method: 'POST',
        path: '/agents',
        request: { bodyTooLarge: true, headers: json },
        want: [413, 'payload_too_large'],
      },
    ],
    [
      'a body where the operation takes none',
      {
        method: 'GET',
        path: '/calls',
        request: { rawBody: '{}', headers: json },
        want: [400, 'unexpected_body'],
        paths: ['/body'],
      },
    ],
    [
      'an empty body where none is taken',
      { method: 'GET', path: '/calls', request: { rawBody: '' }, want: [200, null] },
    ],
    [
      'a body that is not JSON by its media type',
      {
        method: 'POST',
        path: '/agents',
        request: { rawBody: 'name=Desk', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
        want: [415, 'unsupported_media_type'],
      },
    ],
    [
      'a body without a media type',
      {
        method: 'POST',
        path: '/agents',
        request: { rawBody: '{"name":"Desk"}' },
        want: [415, 'unsupported_media_type'],
      },
    ],
    [
      'malformed JSON',
      {
        method: 'POST',
        path: '/agents',
        request: { rawBody: '{"name":', headers: json },
        want: [400, 'invalid_json'],
        paths: ['/body'],
      },
    ],
    [
      'bytes that are not UTF-8',
      {
        method: 'POST',
        path: '/agents',
        request: { rawBody: Uint8Array.from([0x7b, 0xff, 0x7d]), headers: json },
        want: [400, 'invalid_json'],
        paths: ['/body'],
      },
    ],
    [
      'a __proto__ key',
      {
        method: 'POST',
        path: '/agents',
        request: { rawBody: '{"name":"Desk","__proto__":{"admin":true}}', headers: json },
        want: [400, 'invalid_json'],
        paths: ['/body'],
      },
    ],
    [
      'a required body missing',
      { method: 'POST', path: '/agents', request: { headers: json }, want: [400, 'validation_failed'] },
    ],
    [
      'an unknown field',
      {
        method: 'POST',
        path: '/agents',
        request: { body: { name: 'Desk', colour: 'blue' } },
        want: [400, 'validation_failed'],
      },
    ],
    [
      'a query value out of range',
      {
        method: 'GET',
        path: '/calls',
        request: { search: 'limit=0' },
        want: [400, 'validation_failed'],
        paths: ['/query/limit'],
      },
    ],
    [
      'a query value coerced to its type',
      { method: 'GET', path: '/calls', request: { search: 'limit=5' }, want: [200, null] },
    ],
    [
      'a query parameter given twice',
      {
        method: 'GET',
        path: '/calls',
        request: { search: 'limit=5&limit=6' },
        want: [400, 'validation_failed'],
        paths: ['/query/limit'],
      },
    ],
    [
      'a query parameter given three times',
      {
        method: 'GET',
        path: '/calls',
        request: { search: 'limit=5&limit=6&limit=7' },
        want: [400, 'validation_failed'],
        paths: ['/query/limit'],
      },
    ],
    [
      'an unknown query parameter',
      {
        method: 'GET',
        path: '/calls',
        request: { search: 'colour=blue' },
        want: [400, 'validation_failed'],
        paths: ['/query/colour'],
      },
    ],
    [
      'a path parameter of the wrong shape',
      {
        method: 'GET',
        path: '/calls/not-a-call',
        request: {},
        want: [400, 'validation_failed'],
        paths: ['/path/callId'],
      },
    ],
  ];
  it.each(cases)('%s → %j', async (_name, { method, path, request, want, paths }) => {
    const sent = await c.send(method, path, request);
    expect([sent.status, sent.body?.code ?? null]).toEqual(want);
    if (paths) expect([...new Set(sent.body.errors.map((e: { path: string }) => e.path))]).toEqual(paths);
  });

  it('a 400 lists every invalid field, in the detail too', async () => {
    const sent = await c.post('/agents', { name: '', colour: 'blue', maxCallDurationSeconds: -1 });
    expect(sent.status).toBe(400);
    const paths: string[] = sent.body.errors.map((e: { path: string }) => e.path);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const path of paths) expect(sent.body.detail).toContain(path);
    const one = await c.get('/calls', { search: 'limit=0' });
    expect(one.body.errors).toHaveLength(1);
    expect(one.body.detail).not.toBe(sent.body.detail);
  });

  it('nothing refused was created', async () => {
    await c.post('/agents', { name: 'Desk', colour: 'blue' });
    await c.send('POST', '/agents', { rawBody: '{"name":"Desk"}' });
    await c.send('POST', '/agents', {
      rawBody: '{"name":"Desk"}',
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect((await c.get('/agents')).body.data).toEqual([]);
  });
});

describe('a body the mock cannot read, and a refusal that says why', () => {
  it.each([
    ['gzip', 'gzip', [415, 'unsupported_media_type']],
    ['gzip in capitals, with spaces', ' GZIP ', [415, 'unsupported_media_type']],
    ['identity (no encoding)', 'identity', [201, null]],
    ['identity in capitals', 'Identity', [201, null]],
    ['an empty Content-Encoding', '', [201, null]],
  ])('Content-Encoding %s → %j', async (_name, encoding, want) => {
    const sent = await c.send('POST', '/agents', {
      rawBody: '{"name":"Desk"}',
      headers: { ...json, 'Content-Encoding': encoding },
    });
    expect([sent.status, sent.body.code ?? null]).toEqual(want);
    if (sent.status === 415) expect(sent.body.detail).toContain('Content-Encoding gzip');
  });

  it.each([
    ['names the type sent', { 'Content-Type': 'text/plain' }, 'not text/plain.'],
    ['says when none was sent', {}, 'not without a Content-Type.'],
  ])('a body that is not JSON: the 415 %s', async (_name, headers, want) => {
    const sent = await c.send('POST', '/agents', { rawBody: '{"name":"Desk"}', headers });
    expect([sent.status, sent.body.detail.endsWith(want)]).toEqual([415, true]);
  });

  it('a body with more wrong fields than a 400 lists counts the rest, in the detail too', async () => {
    const body = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`extra${i}`, i]));
    const sent = await c.post('/agents', { name: 'Desk', ...body });
    expect([sent.status, sent.body.errors.length, sent.body.errorsOmitted]).toEqual([400, 20, 10]);
    expect(sent.body.detail).toMatch(/^The request has 30 invalid fields: .*; and 10 more\.$/);
  });

  it('a single wrong field is counted as one, and none are said to be omitted', async () => {
    const sent = await c.get('/calls', { search: 'limit=0' });
    expect(sent.body.detail).toMatch(/^The request has 1 invalid field: \/query\/limit [^;]+\.$/);
    expect(sent.body.errorsOmitted).toBeUndefined();
  });
});
