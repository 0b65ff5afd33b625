import { describe, expect, it } from 'vitest';
import { exchangeOf } from '../../test/support/breaks/exchange-of.js';
import { evaluateExpression, locationPath } from './created-resources.js';
import { judgeReplay } from './idempotency.js';
import { judgePages } from './pagination.js';
import { judgeBurst } from './rate-limit-concurrency.js';
import { judgeSuspended } from './suspended.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const created = (id: string, replayed = false) =>
  exchangeOf(201, { ...JSON_TYPE, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) }, { id });

describe('judgeReplay: same key and body → the first answer again; other body → 409', () => {
  it.each([
    ['a true replay', created('a'), created('a', true), exchangeOf(409), undefined],
    ['the replay created again', created('a'), created('b', true), exchangeOf(409), /replay created b/],
    [
      'no Idempotent-Replayed',
      created('a'),
      created('a'),
      exchangeOf(409),
      /without 'Idempotent-Replayed: true'/,
    ],
    [
      'another body accepted',
      created('a'),
      created('a', true),
      created('c'),
      /another body got 201, not 409/,
    ],
    [
      'the first request refused',
      exchangeOf(400),
      created('a', true),
      exchangeOf(409),
      /first request got 400/,
    ],
  ] as const)('%s', (_name, first, replay, other, want) => {
    const verdict = judgeReplay(first, replay, other);
    if (want) expect(verdict).toMatch(want);
    else expect(verdict).toBeUndefined();
  });
});

// Items dated newest first, or oldest first when `oldestFirst`.
const page = (ids: string[], nextCursor: string | null, oldestFirst = false) =>
  exchangeOf(200, JSON_TYPE, {
    data: ids.map((id, i) => ({
      id,
      createdAt: new Date(Date.UTC(2026, 0, oldestFirst ? 1 + i : 10 - i)).toISOString(),
    })),
    nextCursor,
  });

describe('judgePages: one item a page gives the list in its order, never an item twice', () => {
  const whole = page(['c', 'b', 'a'], null);
  it.each([
    ['three pages', [page(['c'], 'x'), page(['b'], 'y'), page(['a'], null)], whole, undefined],
    ['the cursor ignored', [page(['c'], 'x'), page(['c'], 'x')], whole, /repeats c/],
    ['pages skip one', [page(['c'], 'x'), page(['a'], null)], whole, /give c, a/],
    ['the cursor runs out early', [page(['c'], null)], whole, /ran out after 1 of 3/],
    ['limit ignored', [page(['c', 'b'], 'x')], whole, /2 items with limit=1/],
    ['oldest first', [page(['a'], 'x'), page(['b'], null)], page(['a', 'b'], null, true), /not newest first/],
  ] as const)('%s', (_name, pages, all, want) => {
    const verdict = judgePages([...pages], all);
    if (want) expect(verdict).toMatch(want);
    else expect(verdict).toBeUndefined();
  });
});

const ok = (remaining: number) => exchangeOf(200, { 'x-ratelimit-remaining': String(remaining) });
const refused = (retryAfter = '3') =>
  exchangeOf(429, { 'x-ratelimit-remaining': '0', 'retry-after': retryAfter });

describe('judgeBurst: exactly the remaining quota of a parallel burst succeeds', () => {
  it.each([
    ['3 left, 3 through, 2 refused', 3, [ok(2), refused(), ok(0), refused(), ok(1)], undefined],
    [
      'one too many through',
      2,
      [ok(1), ok(0), ok(0), refused()],
      /3 of 4 parallel requests succeeded with 2 left/,
    ],
    ['one too few through', 3, [ok(2), ok(1), refused(), refused()], /2 of 4/],
    [
      'the same remaining twice',
      2,
      [ok(1), ok(1), refused()],
      /X-RateLimit-Remaining of the accepted requests: 1, 1/,
    ],
    ['a 429 without Retry-After', 1, [ok(0), exchangeOf(429, {})], /without an integer Retry-After/],
    ['a 500 in the burst', 1, [ok(0), exchangeOf(500)], /got 500/],
  ] as const)('%s', (_name, remaining, burst, want) => {
    const verdict = judgeBurst(remaining, [...burst]);
    if (want) expect(verdict).toMatch(want);
    else expect(verdict).toBeUndefined();
  });
});

describe('judgeSuspended: a suspended account gets 403 problem+json', () => {
  it.each([
    ['403 problem', exchangeOf(403, { 'content-type': 'application/problem+json' }), undefined],
    ['200', exchangeOf(200, JSON_TYPE), /got 200, not 403/],
    ['401', exchangeOf(401, { 'content-type': 'application/problem+json' }), /got 401/],
    ['403 as plain JSON', exchangeOf(403, JSON_TYPE), /not application\/problem\+json/],
  ] as const)('%s', (_name, exchange, want) => {
    const verdict = judgeSuspended(exchange);
    if (want) expect(verdict).toMatch(want);
    else expect(verdict).toBeUndefined();
  });
});

describe('Location and link expressions of a 201', () => {
  const base = 'http://target/v1';
  it.each([
    ['an absolute path inside the API', '/v1/things/t_1', { path: '/things/t_1' }],
    ['a full URL inside the API', 'http://target/v1/things/t_1', { path: '/things/t_1' }],
    ['a relative reference', 'things/t_1', { path: '/things/t_1' }],
    [
      'outside the base path',
      '/things/t_1',
      { problem: 'Location /things/t_1 points outside http://target/v1' },
    ],
    [
      'another host',
      'http://elsewhere/v1/things/t_1',
      { problem: expect.stringContaining('points outside') },
    ],
  ])('%s', (_name, location, want) => {
    expect(locationPath(base, exchangeOf(201, { location }))).toEqual(want);
  });

  it('no Location', () =>
    expect(locationPath(base, exchangeOf(201))).toEqual({ problem: 'no Location header' }));

  it.each([
    ['$response.body#/id', 't_1'],
    ['$response.body#/voice/id', 'v_1'],
    ['$response.body#/missing', undefined],
    ['$request.body#/id', undefined],
  ])('%s', (expression, want) => {
    expect(evaluateExpression(expression, exchangeOf(201, {}, { id: 't_1', voice: { id: 'v_1' } }))).toBe(
      want,
    );
  });
});
