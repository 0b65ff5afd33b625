import { describe, expect, it } from 'vitest';
import { Clock } from '../domain/clock.js';
import type { ApiResponse } from '../pipeline/types.js';
import { canonicalJson, IdempotencyStore } from './idempotency.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const created = (id: string): ApiResponse => ({ status: 201, headers: {}, body: JSON.stringify({ id }) });

function setup() {
  const clock = new Clock({ scale: 'manual', start: T0 });
  return { clock, store: new IdempotencyStore(clock) };
}

describe('IdempotencyStore', () => {
  it('the same key and request answer the first response again; another request is a conflict', () => {
    const { store } = setup();
    expect(store.check('demo', 'k1', 'fp-a')).toEqual({ kind: 'new' });
    store.remember('demo', 'k1', 'fp-a', created('call_1'));
    expect(store.check('demo', 'k1', 'fp-a')).toEqual({ kind: 'replay', response: created('call_1') });
    expect(store.check('demo', 'k1', 'fp-b')).toEqual({ kind: 'conflict' });
    expect(store.check('demo', 'k2', 'fp-a')).toEqual({ kind: 'new' });
  });

  it('keys belong to one user: another user with the same key starts afresh', () => {
    const { store } = setup();
    store.remember('demo', 'k1', 'fp-a', created('call_1'));
    expect(store.check('other', 'k1', 'fp-a')).toEqual({ kind: 'new' });
    expect(store.check('other', 'k1', 'fp-b')).toEqual({ kind: 'new' });
  });

  it.each([
    ['just before 24 hours', DAY - 1, 'replay'],
    ['at 24 hours', DAY, 'new'],
    ['after 24 hours', DAY + 1, 'new'],
  ])('a key %s on the mock’s clock is %s', (_name, wait, want) => {
    const { clock, store } = setup();
    store.remember('demo', 'k1', 'fp-a', created('call_1'));
    clock.advance(wait);
    expect(store.check('demo', 'k1', 'fp-b').kind).toBe(want === 'replay' ? 'conflict' : 'new');
    expect(store.check('demo', 'k1', 'fp-a').kind).toBe(want);
  });

  it('remembering a key again restarts its 24 hours and stores the new response', () => {
    const { clock, store } = setup();
    store.remember('demo', 'k1', 'fp-a', created('call_1'));
    clock.advance(DAY - 1);
    store.remember('demo', 'k1', 'fp-a', created('call_2'));
    clock.advance(DAY - 1);
    expect(store.check('demo', 'k1', 'fp-a')).toEqual({ kind: 'replay', response: created('call_2') });
  });

  it('keeps 1000 keys per user, dropping the least recently stored first', () => {
    const { store } = setup();
    for (let i = 0; i < 1000; i++) store.remember('demo', `k${i}`, 'fp', created(`call_${i}`));
    // Stored again: it is now the newest, so k1 is the oldest.
    store.remember('demo', 'k0', 'fp', created('call_0'));
    store.remember('demo', 'k1000', 'fp', created('call_1000'));
    const kinds = ['k0', 'k1', 'k2', 'k999', 'k1000'].map((k) => store.check('demo', k, 'fp').kind);
    expect(kinds).toEqual(['replay', 'new', 'replay', 'replay', 'replay']);
    store.remember('other', 'k1', 'fp', created('call_x'));
    expect(store.check('demo', 'k2', 'fp').kind).toBe('replay');
  });

  it('clear() forgets every key', () => {
    const { store } = setup();
    store.remember('demo', 'k1', 'fp-a', created('call_1'));
    store.clear();
    expect(store.check('demo', 'k1', 'fp-b')).toEqual({ kind: 'new' });
  });
});

describe('IdempotencyStore.fingerprint', () => {
  const body = (value: unknown) => canonicalJson(value);
  const base = IdempotencyStore.fingerprint('createCall', '/calls', body({ to: '+1' }));

  it.each([
    ['the same request', ['createCall', '/calls', body({ to: '+1' })], true],
    ['another operation', ['sendText', '/calls', body({ to: '+1' })], false],
    ['another path', ['createCall', '/calls/x', body({ to: '+1' })], false],
    ['another body', ['createCall', '/calls', body({ to: '+2' })], false],
    ['no body', ['createCall', '/calls', undefined], false],
  ] as const)('%s → same: %s', (_name, [operationId, path, bytes], same) => {
    expect(IdempotencyStore.fingerprint(operationId, path, bytes) === base).toBe(same);
  });

  it('the parts cannot run into each other', () => {
    const a = IdempotencyStore.fingerprint('ab', '/c', undefined);
    const b = IdempotencyStore.fingerprint('a', 'b/c', undefined);
    const c = IdempotencyStore.fingerprint('a', '/c', new TextEncoder().encode('x'));
    const d = IdempotencyStore.fingerprint('a', '/cx', undefined);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the SHA-256 of operation, path and body', () => {
    const empty = IdempotencyStore.fingerprint('', '', new Uint8Array());
    // sha256 of two NUL bytes.
    expect(empty).toBe('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7');
  });
});

describe('canonicalJson', () => {
  const text = (value: unknown) => new TextDecoder().decode(canonicalJson(value));

  it.each([
    ['keys in any order give the same bytes', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'nested objects are sorted too',
      { z: { y: 1, x: [{ b: 1, a: 0 }] } },
      '{"z":{"x":[{"a":0,"b":1}],"y":1}}',
    ],
    ['arrays keep their order', [3, 1, 2], '[3,1,2]'],
    ['null stays null', { a: null }, '{"a":null}'],
    ['a string', 'hi', '"hi"'],
    ['a number', 0, '0'],
  ])('%s', (_name, value, want) => {
    expect(text(value)).toBe(want);
  });

  it('no body stays no body', () => {
    expect(canonicalJson(undefined)).toBeUndefined();
  });
});
