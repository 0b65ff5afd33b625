import { beforeAll, describe, expect, it } from 'vitest';
import { type PipelineClient, pipelineClient } from '../../test/support/pipeline-client.js';
import { corsHeaders, preflight } from './cors.js';
import { type CorsOrigins, isAllowedOrigin, isOwnOrigin } from './request-policy.js';
import { CORS_HEADERS, PREFLIGHT_HEADERS } from './response-headers.js';
import type { ApiRequest } from './types.js';

const request = (headers: Record<string, string | undefined>): ApiRequest => ({
  method: 'OPTIONS',
  path: '/calls',
  search: '',
  headers,
  body: undefined,
});

describe('isOwnOrigin: a page served by the mock itself, by the Host it was reached at', () => {
  it.each([
    ['http on the same host and port', 'http://127.0.0.1:4010', '127.0.0.1:4010', true],
    ['https behind a TLS proxy that keeps the Host', 'https://mock.test:8443', 'mock.test:8443', true],
    ['letters in another case', 'HTTP://Mock.Test', 'mock.TEST', true],
    ['another port', 'http://127.0.0.1:4011', '127.0.0.1:4010', false],
    ['another name', 'http://evil.test', 'mock.test', false],
    ['a name that only starts like it', 'http://mock.test.evil', 'mock.test', false],
    ['a scheme other than http(s)', 'ftp://mock.test', 'mock.test', false],
    ['no Host at all (MSW, in-process)', 'http://mock.test', undefined, false],
  ] as const)('%s → %s', (_name, origin, host, want) => {
    expect(isOwnOrigin(origin, host)).toBe(want);
  });
});

describe('isAllowedOrigin', () => {
  const listed: CorsOrigins = ['https://App.Example.com/', 'https://other.example'];
  it.each([
    // Vite's default: loopback pages on any port, http or https.
    ['localhost', 'http://localhost', true],
    ['localhost with a port', 'http://localhost:5173', true],
    ['a subdomain of localhost', 'https://app.localhost:3000', true],
    ['127.0.0.1', 'http://127.0.0.1:8080', true],
    ['IPv6 loopback', 'http://[::1]:5173', true],
    ['loopback in capitals', 'HTTP://LOCALHOST:5173', true],
    ['a name that ends in localhost but is another', 'http://evillocalhost', false],
    ['a name that starts with localhost', 'http://localhost.evil.example', false],
    ['127.0.0.1 as the start of another name', 'http://127.0.0.1.evil.example', false],
    ['a path after the origin', 'http://localhost/x', false],
    ['a port of six digits', 'http://localhost:123456', false],
    ['a loopback origin with another scheme', 'ftp://localhost', false],
    ['null (a sandboxed page)', 'null', false],
    // The listed ones: a trailing slash and the case of a flag do not matter.
    ['a listed origin', 'https://app.example.com', true],
    ['a listed origin in other letters', 'HTTPS://APP.EXAMPLE.COM', true],
    ['the second listed origin', 'https://other.example', true],
    ['an origin not listed', 'https://evil.example', false],
    ['a listed origin on another scheme', 'http://app.example.com', false],
  ] as const)('%s (%s) → %s', (_name, origin, want) => {
    expect(isAllowedOrigin(origin, 'mock.test:4010', listed)).toBe(want);
  });

  it('`*` allows every page; the mock’s own page is always allowed', () => {
    expect(isAllowedOrigin('https://evil.example', undefined, '*')).toBe(true);
    expect(isAllowedOrigin('https://mock.test:4010', 'mock.test:4010', [])).toBe(true);
    expect(isAllowedOrigin('https://mock.test:4010', undefined, [])).toBe(false);
  });
});

describe('corsHeaders of a telephony answer', () => {
  const echoed = (origin: string) => ({
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    ...CORS_HEADERS,
  });
  it.each([
    [
      '`*`: any page, no Vary needed',
      '*',
      'https://evil.example',
      { 'Access-Control-Allow-Origin': '*', ...CORS_HEADERS },
    ],
    ['`*` without an Origin', '*', undefined, { 'Access-Control-Allow-Origin': '*', ...CORS_HEADERS }],
    ['an allowed origin is echoed', [], 'http://localhost:5173', echoed('http://localhost:5173')],
    [
      'a listed origin is echoed as the page sent it',
      ['https://app.example'],
      'https://app.example',
      echoed('https://app.example'),
    ],
    ['a page not allowed reads nothing', [], 'https://evil.example', { Vary: 'Origin' }],
    ['no Origin (not a browser): nothing to allow', ['https://app.example'], undefined, { Vary: 'Origin' }],
  ] as const)('%s', (_name, origins, origin, want) => {
    expect(corsHeaders(request({ origin }), origins as CorsOrigins)).toEqual(want);
  });
});

describe('preflight', () => {
  const ask = (
    origin: string | undefined,
    method: string | undefined,
    headers: string | undefined,
    origins: CorsOrigins = [],
  ) =>
    preflight(
      request({
        origin,
        host: 'mock.test:4010',
        'access-control-request-method': method,
        'access-control-request-headers': headers,
      }),
      origins,
      'req_1',
    );

  it.each([
    [
      'a loopback page sending a JSON POST with a token',
      'http://localhost:5173',
      'POST',
      'Authorization, Content-Type',
    ],
    [
      'headers in any case and spacing, empty items ignored',
      'http://localhost:5173',
      'PUT',
      ' idempotency-key ,, PREFER ,',
    ],
    ['no method asked: a GET', 'http://localhost:5173', undefined, undefined],
    ['the mock’s own page', 'http://mock.test:4010', 'GET', 'authorization'],
    ['a listed origin', 'https://app.example', 'POST', 'content-type'],
  ])('%s → 204 with what is allowed', (_name, origin, method, headers) => {
    const sent = ask(origin, method, headers, ['https://app.example']);
    expect(sent).toEqual({
      status: 204,
      headers: {
        ...PREFLIGHT_HEADERS,
        'Access-Control-Allow-Origin': origin,
        Vary: 'Origin',
        ...CORS_HEADERS,
      },
    });
  });

  it('with `*`, any page is allowed and the answer says `*`', () => {
    const sent = ask('https://evil.example', 'POST', 'authorization', '*');
    expect(sent.status).toBe(204);
    expect(sent.headers['Access-Control-Allow-Origin']).toBe('*');
    expect(sent.headers['Access-Control-Allow-Methods']).toBe(
      PREFLIGHT_HEADERS['Access-Control-Allow-Methods'],
    );
  });

  it.each([
    [
      'a page on another site',
      'https://evil.example',
      'POST',
      'authorization',
      '--cors-origin https://evil.example',
    ],
    ['a method the API never takes', 'http://localhost:5173', 'DELETE', undefined, 'DELETE'],
    [
      'a method in the wrong case (methods are case-sensitive)',
      'http://localhost:5173',
      'post',
      undefined,
      'post',
    ],
    [
      'a header the API does not read',
      'http://localhost:5173',
      'POST',
      'authorization, x-debug',
      'Authorization, Content-Type',
    ],
  ])(
    '%s → 403 origin_not_allowed, saying why, with no CORS header',
    (_name, origin, method, headers, named) => {
      const sent = ask(origin, method, headers);
      expect(sent.status).toBe(403);
      expect(sent.headers).toEqual({ 'Content-Type': 'application/problem+json', Vary: 'Origin' });
      const body = JSON.parse(sent.body ?? '');
      expect([body.code, body.requestId]).toEqual(['origin_not_allowed', 'req_1']);
      expect(body.detail).toContain(named);
    },
  );

  it('without an Origin it is no preflight: 204 with the methods the API takes and no CORS header', () => {
    expect(ask(undefined, 'POST', 'x-anything')).toEqual({
      status: 204,
      headers: { Allow: 'GET, POST, PUT, OPTIONS' },
    });
  });
});

describe('CORS through the pipeline', () => {
  let c: PipelineClient;
  beforeAll(async () => {
    c = await pipelineClient({ corsOrigins: ['https://app.example'] });
  });

  it.each([
    ['a listed origin', 'https://app.example', 'https://app.example'],
    ['a loopback page', 'http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['another site', 'https://evil.example', undefined],
  ])('an answer to %s carries Access-Control-Allow-Origin %s', async (_name, origin, want) => {
    const sent = await c.get('/calls', { headers: { Origin: origin } });
    expect(sent.status).toBe(200);
    expect(sent.headers['access-control-allow-origin']).toBe(want);
    expect(sent.headers.vary).toBe('Origin');
  });

  it('a preflight from a listed origin is 204 with the methods and headers; from another, 403', async () => {
    const ask = (origin: string) =>
      c.send('OPTIONS', '/agents', {
        token: null,
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'prefer',
        },
      });
    const allowed = await ask('https://app.example');
    expect([allowed.status, allowed.headers['access-control-allow-origin']]).toEqual([
      204,
      'https://app.example',
    ]);
    expect(allowed.headers['access-control-max-age']).toBe('600');
    expect((await ask('https://evil.example')).body.code).toBe('origin_not_allowed');
  });
});
