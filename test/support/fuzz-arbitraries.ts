import fc from 'fast-check';
import type { JsonSchema } from '../../spec/spec.js';

/** URLs that look like URLs and are not usable ones: the issue's, and their cousins. */
export const ODD_URLS = [
  'https://',
  'http://',
  'https://?',
  'https://#',
  'https://999.999.999.999/a.wav',
  'https://x.example:99999/a.wav',
  'https://user:pass@cdn.example.com/a.wav',
  'https://exa mple.com/a.wav',
  'https://[::1/a.wav',
  'https://%00/a.wav',
  'javascript:alert(1)',
  'https://xn--/a.wav',
  'https://cdn.example.com/a.wav#',
  'https://127.0.0.1:0/corrupt.wav',
  `https://cdn.example.com/${'a'.repeat(3000)}.wav`,
];

/** Values at the edges: empty, huge, odd unicode, boundary numbers, wrong types. */
export const EDGE_VALUES: unknown[] = [
  '',
  ' ',
  'x'.repeat(5_000),
  '\u0000',
  '\uD800',
  '\uFFFF\u202E\u0301',
  '𝕳𝖊𝖑𝖑𝖔 👋🏽',
  0,
  -1,
  -0,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  0.5,
  true,
  null,
  [],
  {},
  { __proto__: { polluted: true } },
  ...ODD_URLS,
];

type Schema = JsonSchema & Record<string, unknown>;

const bounded = (n: unknown, fallback: number) => (typeof n === 'number' ? n : fallback);

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const format = schema.format as string | undefined;
  if (format === 'date-time')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (format === 'http-url' || format === 'uri')
    return fc.oneof(
      fc.constantFrom(
        'https://cdn.example.com/a.wav',
        'https://app.example.com/hooks',
        'http://127.0.0.1:9/x',
      ),
      fc.constantFrom(...ODD_URLS),
    );
  const max = Math.min(bounded(schema.maxLength, 40), 200);
  const min = bounded(schema.minLength, 0);
  if (typeof schema.pattern === 'string')
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  return fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
}

/**
 * Values a JSON Schema (dereferenced, as the spec loader gives it) accepts — mostly: the pattern
 * of a `oneOf` is not checked, so some come out invalid, which is welcome here.
 */
export function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (branches) {
    const { oneOf: _o, anyOf: _a, ...rest } = schema;
    return fc.oneof(...branches.map((b) => fromSchema({ ...rest, ...b } as Schema, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  if (type.length > 1)
    return fc.oneof(...type.map((t) => fromSchema({ ...schema, type: t } as Schema, depth + 1)));
  switch (type[0]) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: bounded(schema.minimum, -1_000_000),
        max: bounded(schema.maximum, 1_000_000),
      });
    case 'number':
      return fc.double({
        min: bounded(schema.minimum, -1e6),
        max: bounded(schema.maximum, 1e6),
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items as Schema, depth + 1), {
        minLength: bounded(schema.minItems, 0),
        maxLength: Math.min(bounded(schema.maxItems, 3), 4),
      });
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const record = Object.fromEntries(
        Object.entries(properties).map(([k, v]) => [k, fromSchema(v, depth + 1)]),
      );
      return fc.record(record, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A valid-looking body with one field replaced by an edge value (or an unknown field added). */
export function mutated(body: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(body, fc.constantFrom(...EDGE_VALUES), fc.nat(), fc.boolean())
    .map(([value, edge, pick, add]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return edge;
      const keys = Object.keys(value);
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (add || keys.length === 0) copy[`extra${pick % 3}`] = edge;
      else copy[keys[pick % keys.length] as string] = edge;
      return copy;
    });
}

/** Raw bodies that are not what any operation takes. */
export const GARBAGE_BODIES = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    'null',
    '[]',
    '"x"',
    '{"a":1,}',
    '\u0000',
    '{"__proto__":{"x":1}}',
    '{"constructor":{}}',
  ),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.json({ maxDepth: 3 }),
  fc.constant(`{"x":"${'y'.repeat(100_000)}"}`),
);
