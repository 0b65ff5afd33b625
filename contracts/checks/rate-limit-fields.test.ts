import { describe, expect, it } from 'vitest';
import { exchangeOf } from '../../test/support/breaks/exchange-of.js';
import { judgeRateLimitFields } from './rate-limit-fields.js';

const X = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1767225660' };

// [name, status, headers, what the judgement says]
const CASES: Array<[string, number, Record<string, string>, RegExp | 'agrees' | 'absent']> = [
  ['neither field', 200, X, 'absent'],
  [
    'both agree',
    200,
    { ...X, 'ratelimit-policy': '"default";q=100;w=60', ratelimit: '"default";r=7;t=30' },
    'agrees',
  ],
  [
    'a token policy name',
    200,
    { ...X, 'ratelimit-policy': 'default;q=100;w=60', ratelimit: 'default;r=7;t=3' },
    'agrees',
  ],
  [
    'a 429 whose t is Retry-After',
    429,
    { ...X, 'x-ratelimit-remaining': '0', 'retry-after': '12', ratelimit: '"default";r=0;t=12' },
    'agrees',
  ],
  [
    'q is not the limit',
    200,
    { ...X, 'ratelimit-policy': '"default";q=60;w=60' },
    /q=60, X-RateLimit-Limit 100/,
  ],
  ['r is not the remaining', 200, { ...X, ratelimit: '"default";r=8;t=30' }, /r=8, X-RateLimit-Remaining 7/],
  [
    'a 429 whose t is not Retry-After',
    429,
    { ...X, 'x-ratelimit-remaining': '0', 'retry-after': '12', ratelimit: '"default";r=0;t=40' },
    /t=40, Retry-After 12/,
  ],
  ['no q', 200, { ...X, 'ratelimit-policy': '"default";w=60' }, /no integer q/],
  ['a t that is no integer', 200, { ...X, ratelimit: '"default";r=7;t=soon' }, /not an integer/],
];

describe('judgeRateLimitFields: the IETF fields agree with X-RateLimit-* and Retry-After', () => {
  it.each(CASES)('%s', (_name, status, headers, want) => {
    const verdict = judgeRateLimitFields(exchangeOf(status, headers));
    if (want === 'agrees') expect(verdict).toBeUndefined();
    else if (want === 'absent') expect(verdict).toBe('absent');
    else expect(verdict).toMatch(want);
  });
});
