import type { JsonSchema, SpecOperation } from '../spec/spec.js';

/** Replaces the value of a named field (fixture ids, the only number to dial, a safe webhook URL). */
export type FieldOverride = (name: string, schema: JsonSchema) => unknown;

type Mode = 'required' | 'full';

const firstType = (schema: JsonSchema): string | undefined => {
  const type = schema.type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return type as string | undefined;
};

const branches = (schema: JsonSchema): JsonSchema[] =>
  ((schema.oneOf ?? schema.anyOf ?? []) as JsonSchema[]).filter((b) => firstType(b) !== 'null');

/** The schema of property `name` of an object schema, looking into oneOf/anyOf branches. */
export function propertySchema(schema: JsonSchema, name: string): JsonSchema | undefined {
  const own = (schema.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (own) return own;
  for (const branch of branches(schema)) {
    const found = propertySchema(branch, name);
    if (found) return found;
  }
  return undefined;
}

/** A value for `schema` built from its example, default, const or enum, else from its type. */
export function sampleValue(schema: JsonSchema, mode: Mode, override?: FieldOverride): unknown {
  if (schema.example !== undefined && firstType(schema) !== 'object') return structuredClone(schema.example);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  const [branch] = branches(schema);
  if (branch) return sampleValue(branch, mode, override);
  switch (firstType(schema)) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (property.readOnly === true) continue;
        if (mode === 'required' && !required.has(name)) continue;
        const forced = override?.(name, property);
        out[name] = forced !== undefined ? forced : sampleValue(property, mode, override);
      }
      if (mode === 'required' && Object.keys(out).length === 0 && schema.example !== undefined)
        return applyOverrides(structuredClone(schema.example), schema, override);
      return out;
    }
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      const count = Math.max(Number(schema.minItems ?? 0), mode === 'full' ? 1 : 0);
      return Array.from({ length: count }, () => sampleValue(items, mode, override));
    }
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? schema.exclusiveMinimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'uri') return 'https://example.invalid/telemock-contract';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    default:
      return null;
  }
}

/** Walks a value alongside its schema and applies the field overrides. */
export function applyOverrides(value: unknown, schema: JsonSchema, override?: FieldOverride): unknown {
  if (!override || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const property = propertySchema(schema, name) ?? {};
    const forced = override(name, property);
    out[name] = forced !== undefined ? forced : applyOverrides(field, property, override);
  }
  return out;
}

/** The JSON request body schema of an operation, if it takes one. */
export function bodySchema(operation: SpecOperation): JsonSchema | undefined {
  return operation.requestBody?.content['application/json']?.schema;
}

/** Valid request bodies: the spec's own examples, then generated ones (required fields, every field). */
export function sampleBodies(
  operation: SpecOperation,
  override?: FieldOverride,
): Array<{ label: string; body: unknown }> {
  const schema = bodySchema(operation);
  if (!schema) return [];
  const media = operation.requestBody?.content['application/json'];
  const out: Array<{ label: string; body: unknown }> = [];
  if (media?.example !== undefined) out.push({ label: 'example', body: media.example });
  for (const [name, example] of Object.entries(media?.examples ?? {}))
    if (example.value !== undefined) out.push({ label: `example ${name}`, body: example.value });
  const examples = out.map(({ label, body }) => ({
    label,
    body: applyOverrides(structuredClone(body), schema, override),
  }));
  const generated = [
    { label: 'generated, required fields', body: sampleValue(schema, 'required', override) },
    { label: 'generated, every field', body: sampleValue(schema, 'full', override) },
  ];
  const seen = new Set<string>();
  return [...examples, ...generated].filter(({ body }) => {
    const key = JSON.stringify(body);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
