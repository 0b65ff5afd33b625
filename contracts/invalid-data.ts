import type { JsonSchema } from '../spec/spec.js';
import { propertySchema, sampleValue } from './sample-data.js';

/** One way to break a request: what was broken and the broken value. */
export interface Variant {
  label: string;
  value: unknown;
}

const MAX_GENERATED_LENGTH = 5000;

const typesOf = (schema: JsonSchema): string[] => {
  const own = schema.type;
  if (own !== undefined) return (Array.isArray(own) ? own : [own]) as string[];
  const branches = (schema.oneOf ?? schema.anyOf ?? []) as JsonSchema[];
  return [...new Set(branches.flatMap(typesOf))];
};

// A value of a JSON type the schema does not allow.
function wrongType(types: string[]): Variant | undefined {
  if (types.length === 0) return undefined;
  if (!types.includes('string')) return { label: 'wrong type (string)', value: 'not-a-valid-value' };
  if (!types.includes('integer') && !types.includes('number'))
    return { label: 'wrong type (number)', value: 12345 };
  if (!types.includes('object')) return { label: 'wrong type (object)', value: { unexpected: true } };
  return undefined;
}

/**
 * Values that break `schema`, one per constraint it declares: wrong type, enum, pattern, format,
 * length, range, item count. Candidates are heuristic; callers keep only those the spec's own
 * validator rejects.
 */
export function invalidValues(schema: JsonSchema): Variant[] {
  const out: Variant[] = [];
  const types = typesOf(schema);
  const mismatch = wrongType(types);
  if (mismatch) out.push(mismatch);
  if (Array.isArray(schema.enum) || schema.const !== undefined)
    out.push({ label: 'not an allowed value', value: 'not-an-allowed-value' });
  if (typeof schema.pattern === 'string') out.push({ label: 'bad pattern', value: '!not valid!' });
  const branches = (schema.oneOf ?? schema.anyOf ?? []) as JsonSchema[];
  if (branches.length > 0 && types.every((t) => t === 'string' || t === 'null'))
    out.push({ label: 'matches no alternative', value: '!not valid!' });
  if (schema.format === 'uri' || schema.format === 'date-time')
    out.push({ label: `bad ${schema.format}`, value: 'not a valid thing' });
  // The refusals the spec's description of `x-http-url` names.
  if (schema['x-http-url'] === true)
    out.push(
      { label: 'a URL with no host', value: 'https://' },
      { label: 'a URL with a user and password', value: 'https://user:pass@app.example.com/hook' },
    );
  const minLength = Number(schema.minLength ?? 0);
  if (minLength > 0) out.push({ label: 'too short', value: 'x'.repeat(minLength - 1) });
  const maxLength = schema.maxLength as number | undefined;
  if (maxLength !== undefined && maxLength < MAX_GENERATED_LENGTH)
    out.push({ label: 'too long', value: 'x'.repeat(maxLength + 1) });
  if (typeof schema.minimum === 'number') out.push({ label: 'below minimum', value: schema.minimum - 1 });
  if (typeof schema.maximum === 'number') out.push({ label: 'above maximum', value: schema.maximum + 1 });
  if (types.includes('integer') && !types.includes('number'))
    out.push({ label: 'not an integer', value: 1.5 });
  const items = schema.items as JsonSchema | undefined;
  if (items && Number(schema.minItems ?? 0) > 0) out.push({ label: 'too few items', value: [] });
  if (items && typeof schema.maxItems === 'number' && schema.maxItems < 100) {
    const value = Array.from({ length: schema.maxItems + 1 }, (_, i) => {
      const sample = sampleValue(items, 'full');
      return typeof sample === 'string'
        ? `${sample.replace(/\.[a-z0-9]+$/i, '')}-${i}${sample.match(/\.[a-z0-9]+$/i)?.[0] ?? ''}`
        : sample;
    });
    out.push({ label: 'too many items', value });
  }
  if (items && schema.uniqueItems === true) {
    const sample = sampleValue(items, 'full');
    out.push({ label: 'duplicate items', value: [sample, sample] });
  }
  if (typeof schema.maxProperties === 'number' && schema.maxProperties < 100)
    out.push({
      label: 'too many properties',
      value: Object.fromEntries(Array.from({ length: schema.maxProperties + 1 }, (_, i) => [`key${i}`, 'v'])),
    });
  return out;
}

/**
 * Bodies that break an operation's body schema, made from a valid `base` body: not an object,
 * each required field missing, an unknown field, then each field broken in each way it can be.
 */
export function invalidBodies(schema: JsonSchema, base: unknown): Variant[] {
  const out: Variant[] = [{ label: 'body is an array', value: [] }];
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return out;
  const record = base as Record<string, unknown>;
  const [branch] = (schema.oneOf ?? schema.anyOf ?? []) as JsonSchema[];
  const required = ((schema.required ?? branch?.required ?? []) as string[]).filter((name) => name in record);
  for (const name of required) {
    const { [name]: _dropped, ...rest } = record;
    out.push({ label: `missing required ${name}`, value: rest });
  }
  out.push({ label: 'unknown field', value: { ...record, unexpectedField: 'surprise' } });
  if (Object.keys(record).length === 0 && schema.minProperties !== undefined)
    out.push({ label: 'empty', value: {} });
  const perField: Variant[][] = Object.keys(record).map((name) =>
    invalidValues(propertySchema(schema, name) ?? {}).map((v) => ({
      label: `${name}: ${v.label}`,
      value: { ...record, [name]: v.value },
    })),
  );
  // Breadth first: every field's first break before any field's second.
  const depth = Math.max(0, ...perField.map((list) => list.length));
  for (let i = 0; i < depth; i++) for (const list of perField) if (list[i]) out.push(list[i] as Variant);
  return out;
}
