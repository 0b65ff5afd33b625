import { describe, expect, it } from 'vitest';
import { isJsonContentType, parseJsonBody } from './parse-json-body.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['  application/json  ;charset=utf-8', true],
    // application/*+json is refused (415): merge-patch+json and the like promise semantics the mock lacks.
    ['application/problem+json', false],
    ['application/merge-patch+json; charset=utf-8', false],
    ['text/json', false],
    ['text/plain', false],
    ['application/jsonp', false],
    ['application/json-seq', false],
    ['text/vnd.x+json', false],
    ['application/x-www-form-urlencoded', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (contentType, want) => {
    expect(isJsonContentType(contentType)).toBe(want);
  });
});

describe('parseJsonBody', () => {
  it.each([
    ['an object', '{"name":"Desk","tags":[1,2]}', { name: 'Desk', tags: [1, 2] }],
    ['a string', '"hi"', 'hi'],
    ['null', 'null', null],
    ['a key that only looks dangerous', '{"proto":1,"constructors":2}', { proto: 1, constructors: 2 }],
    ['non-ASCII text', '{"name":"Zoë ☎"}', { name: 'Zoë ☎' }],
    [
      'a forbidden word as a value',
      '{"text":"the constructor of __proto__"}',
      { text: 'the constructor of __proto__' },
    ],
    ['escapes in a harmless key and value', '{"n\\u0061me":"a\\"b"}', { name: 'a"b' }],
  ])('accepts %s', (_name, text, want) => {
    expect(parseJsonBody(bytes(text))).toEqual({ ok: true, value: want });
  });

  it.each([
    ['malformed JSON', bytes('{"name":')],
    ['an empty body', bytes('')],
    ['bytes that are not UTF-8', Uint8Array.from([0x22, 0xc3, 0x28, 0x22])],
    ['a __proto__ key', bytes('{"__proto__":{"admin":true}}')],
    ['a nested constructor key', bytes('{"a":{"constructor":{"prototype":{}}}}')],
    ['a prototype key in an array', bytes('[{"prototype":1}]')],
    ['a __proto__ key spelt with an escape', bytes('{"__pro\\u0074o__":{"admin":true}}')],
    ['a constructor key spelt with escapes only', bytes('{"\\u0063onstructo\\u0072":1}')],
    ['malformed JSON without any key', bytes('[1,')],
  ])('refuses %s as invalid_json', (_name, raw) => {
    const parsed = parseJsonBody(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.code).toBe('invalid_json');
  });

  it.each([
    ['bytes that are not UTF-8: says so', Uint8Array.from([0x7b, 0xff, 0x7d]), /UTF-8/],
    // The parser's own words say where the JSON breaks.
    ['malformed JSON: says so, and where', bytes('{"name":'), /^The body is not valid JSON: .+/],
  ])('the refusal of %s', (_name, raw, want) => {
    const parsed = parseJsonBody(raw);
    expect(parsed.ok ? '' : parsed.detail).toMatch(want);
  });

  it('refusing a __proto__ key pollutes nothing', () => {
    parseJsonBody(bytes('{"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the first forbidden key it met', () => {
    const parsed = parseJsonBody(bytes('{"constructor":1,"__proto__":2}'));
    expect(!parsed.ok && parsed.detail.includes("'constructor'")).toBe(true);
  });
});
