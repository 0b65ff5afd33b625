import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/spec.js';
import { SpecValidators } from '../spec/validators.js';
import type { Exchange } from './exchange.js';
import { judgeResponse } from './passive-checks.js';
import { type CheckName, ResultMatrix } from './results.js';

const RATE = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '1767225660' };
const REQ = 'req_3Fk9QpL2mN7xW4rT';

function page(overrides: Partial<Exchange> = {}): Exchange {
  const json = { data: [], nextCursor: null };
  return {
    method: 'GET',
    url: 'http://target/agents',
    requestHeaders: {},
    status: 200,
    responseHeaders: { 'content-type': 'application/json', 'x-request-id': REQ, ...RATE },
    responseBody: JSON.stringify(json),
    json,
    ...overrides,
  };
}

const problem = (status: number, requestId = REQ) => ({
  type: 'https://telemock.dev/problems/rate_limited',
  title: 'Too many requests',
  status,
  detail: 'slow down',
  code: 'rate_limited',
  requestId,
});

function problemExchange(body: object, without?: string): Exchange {
  const exchange = page({
    status: 429,
    responseHeaders: {
      'content-type': 'application/problem+json',
      'x-request-id': REQ,
      'retry-after': '3',
      ...RATE,
    },
    responseBody: JSON.stringify(body),
    json: body,
  });
  if (without) delete exchange.responseHeaders[without];
  return exchange;
}

// [name, exchange of listAgents, the verdict of each passive check ('-' when it must not be judged)]
const CASES: Array<[string, Exchange, Partial<Record<CheckName, 'pass' | 'fail' | '-'>>]> = [
  [
    'a documented page',
    page(),
    {
      'status-documented': 'pass',
      'content-type': 'pass',
      headers: 'pass',
      schema: 'pass',
      'no-5xx': 'pass',
    },
  ],
  [
    'charset on the media type',
    page({
      responseHeaders: { ...page().responseHeaders, 'content-type': 'application/json; charset=utf-8' },
    }),
    { 'content-type': 'pass', schema: 'pass' },
  ],
  [
    'an undocumented status',
    page({ status: 410 }),
    { 'status-documented': 'fail', 'content-type': '-', schema: '-' },
  ],
  [
    'a 500',
    page({
      status: 500,
      json: undefined,
      responseBody: 'boom',
      responseHeaders: { 'content-type': 'text/plain' },
    }),
    { 'no-5xx': 'fail' },
  ],
  [
    'JSON labelled text/plain',
    page({ responseHeaders: { ...page().responseHeaders, 'content-type': 'text/plain' } }),
    { 'content-type': 'fail', schema: '-' },
  ],
  [
    'no X-RateLimit-Remaining',
    page({ responseHeaders: { 'content-type': 'application/json', 'x-request-id': REQ } }),
    { headers: 'fail', schema: 'pass' },
  ],
  [
    'an extra field',
    page({ json: { data: [], nextCursor: null, extra: 1 } }),
    { schema: 'fail', headers: 'pass' },
  ],
  [
    'a documented 429 problem',
    problemExchange(problem(429)),
    { headers: 'pass', schema: 'pass', 'problem-body': 'pass' },
  ],
  ['a 429 without Retry-After', problemExchange(problem(429), 'retry-after'), { headers: 'fail' }],
  [
    'a problem naming another request',
    problemExchange(problem(429, 'req_AAAAAAAAAAAAAAAA')),
    { headers: 'pass', 'problem-body': 'fail' },
  ],
];

describe('judgeResponse: one exchange → the passive checks', () => {
  let validators: SpecValidators;
  beforeAll(async () => {
    validators = new SpecValidators(await loadSpec());
  });

  it.each(CASES)('%s', (_name, exchange, want) => {
    const matrix = new ResultMatrix();
    judgeResponse(validators, matrix, 'listAgents', exchange);
    for (const [check, verdict] of Object.entries(want))
      expect(matrix.cell('listAgents', check as CheckName)?.verdict ?? '-', check).toBe(verdict);
  });
});
