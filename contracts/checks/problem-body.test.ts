import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type Spec } from '../../spec/spec.js';
import { exchangeOf } from '../../test/support/breaks/exchange-of.js';
import { judgeProblemBody, problemTypePrefix } from './problem-body.js';

const PROBLEM = { 'content-type': 'application/problem+json', 'x-request-id': 'req_AAAAAAAAAAAAAAAA' };
const body = (overrides: object = {}) => ({
  type: 'https://telemock.dev/problems/call_not_found',
  title: 'Not found',
  status: 404,
  detail: 'No call.',
  code: 'call_not_found',
  requestId: 'req_AAAAAAAAAAAAAAAA',
  ...overrides,
});

// [name, status, headers, body, what the judgement says]
const CASES: Array<[string, number, Record<string, string>, unknown, RegExp | 'agrees' | 'not a problem']> = [
  ['a problem that agrees', 404, PROBLEM, body(), 'agrees'],
  ['not a problem document', 200, { 'content-type': 'application/json' }, { id: 'x' }, 'not a problem'],
  ['status differs', 404, PROBLEM, body({ status: 400 }), /status says 400, the response is 404/],
  ['requestId differs', 404, PROBLEM, body({ requestId: 'req_BBBBBBBBBBBBBBBB' }), /requestId is req_B/],
  [
    'type of another code',
    404,
    PROBLEM,
    body({ type: 'https://telemock.dev/problems/agent_not_found' }),
    /not the documented type/,
  ],
  ['type outside the namespace', 404, PROBLEM, body({ type: 'about:blank' }), /not the documented type/],
];

describe('judgeProblemBody: a problem agrees with its response', () => {
  let spec: Spec;
  beforeAll(async () => {
    spec = await loadSpec();
  });

  it('learns the documented type namespace from the examples', () => {
    expect(problemTypePrefix(spec)).toBe('https://telemock.dev/problems/');
  });

  it.each(CASES)('%s', (_name, status, headers, json, want) => {
    const verdict = judgeProblemBody(spec, exchangeOf(status, headers, json));
    if (want === 'agrees') expect(verdict).toBeUndefined();
    else if (want === 'not a problem') expect(verdict).toBe('not a problem');
    else expect(verdict).toMatch(want);
  });
});
