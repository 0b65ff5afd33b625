import { describe, expect, it } from 'vitest';
import type { Exchange } from '../exchange.js';
import { unauthorized } from './auth.js';

const answer = (status: number, headers: Record<string, string> = {}): Exchange => ({
  method: 'GET',
  url: 'http://target/calls',
  requestHeaders: {},
  status,
  responseHeaders: headers,
  responseBody: '',
});

// [name, answer to a request without a valid credential, the reason it fails (undefined: passes)]
const CASES: Array<[string, Exchange, RegExp | undefined]> = [
  ['401 with a Bearer challenge', answer(401, { 'www-authenticate': 'Bearer realm="x"' }), undefined],
  ['401 with a lower-case challenge', answer(401, { 'www-authenticate': 'bearer' }), undefined],
  ['401 without a challenge', answer(401), /without 'WWW-Authenticate: Bearer' \(got none\)/],
  ['401 with a Basic challenge', answer(401, { 'www-authenticate': 'Basic' }), /got Basic/],
  ['200: let in', answer(200), /got 200, not 401/],
  ['403 instead of 401', answer(403), /got 403, not 401/],
];

describe('unauthorized: what a missing, malformed or unknown credential must get', () => {
  it.each(CASES)('%s', (_name, exchange, reason) => {
    const problem = unauthorized(exchange);
    if (reason) expect(problem).toMatch(reason);
    else expect(problem).toBeUndefined();
  });
});
