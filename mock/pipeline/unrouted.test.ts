import { describe, expect, it } from 'vitest';
import type { ApiRequest } from './types.js';
import { unrouted } from './unrouted.js';

const request = (method: string, path: string): ApiRequest => ({
  method,
  path,
  search: '',
  headers: {},
  body: undefined,
});
const CORS = { 'Access-Control-Allow-Origin': 'http://localhost:5173', Vary: 'Origin' };

describe('unrouted: the answer to a request no operation takes', () => {
  const cases: Array<
    [
      string,
      {
        given: [Parameters<typeof unrouted>[0], method: string, path: string];
        want: {
          status: number;
          code: string;
          headers: Record<string, string>;
          detail: string;
          errors?: unknown;
        };
      },
    ]
  > = [
    [
      'a path no route has',
      {
        given: [{ kind: 'not-found' }, 'GET', '/numbers'],
        want: { status: 404, code: 'route_not_found', headers: CORS, detail: 'No route GET /numbers.' },
      },
    ],
    [
      'a method the path does not take: which it does, in Allow',
      {
        given: [{ kind: 'method-not-allowed', allow: ['GET', 'PUT'] }, 'DELETE', '/texts/webhook'],
        want: {
          status: 405,
          code: 'method_not_allowed',
          headers: { ...CORS, Allow: 'GET, PUT' },
          detail: 'DELETE is not allowed on /texts/webhook; use GET, PUT.',
        },
      },
    ],
    [
      'a path parameter that is not valid percent-encoding: the field that is wrong',
      {
        given: [
          { kind: 'bad-path', detail: 'callId is not valid percent-encoding.', param: 'callId' },
          'GET',
          '/calls/%E0%A4%A',
        ],
        want: {
          status: 400,
          code: 'validation_failed',
          headers: CORS,
          detail: 'callId is not valid percent-encoding.',
          errors: [{ path: '/path/callId', message: 'is not valid percent-encoding' }],
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given: [match, method, path], want }) => {
    const sent = unrouted(match, request(method, path), 'req_7', CORS);
    expect(sent.status).toBe(want.status);
    // The answer keeps the headers the request earned (CORS, rate limit), beside its own.
    expect(sent.headers).toEqual({ 'Content-Type': 'application/problem+json', ...want.headers });
    const body = JSON.parse(sent.body ?? '');
    expect(body).toMatchObject({
      code: want.code,
      status: want.status,
      detail: want.detail,
      requestId: 'req_7',
    });
    expect(body.errors).toEqual(want.errors);
  });
});
