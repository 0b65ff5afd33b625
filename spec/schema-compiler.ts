import type { Options, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ownFormats, ownKeywords } from './formats.js';
import type { JsonSchema } from './spec.js';

/** The two ways a schema is compiled: as it is, or coercing strings (path, query, headers) with defaults. */
export type SchemaMode = 'strict' | 'coercing';

// OpenAPI keywords that may sit inside a schema and mean nothing to validation.
const OPENAPI_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];

/** Ajv as the validators use it; `code` is for generating standalone code ahead of time (scripts/generate-validators.ts). */
export function makeAjv(mode: SchemaMode, code?: Options['code']): Ajv2020 {
  const coerceTypes = mode === 'coercing';
  // verbose: errors carry their schema, so a failed oneOf/anyOf can say what it wanted (its description).
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    coerceTypes,
    useDefaults: coerceTypes,
    verbose: true,
    // Done once per process by checkSchema() instead.
    validateSchema: false,
    ...(code ? { code } : {}),
  });
  for (const [name, format] of Object.entries(ownFormats)) ajv.addFormat(name, format);
  addFormats.default(ajv);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  for (const keyword of ownKeywords) ajv.addKeyword(keyword);
  return ajv;
}

/**
 * A schema's identity for precompiled code: its mode, and the length and a 53-bit hash (cyrb53) of
 * its JSON, so equal JSON finds the same validator. Not cryptographic: the keys are ours, a few
 * dozen per spec, and a lookup must cost microseconds, not a digest's milliseconds.
 */
export function schemaKey(mode: SchemaMode, schema: JsonSchema): string {
  const json = JSON.stringify(schema);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${mode === 'strict' ? 's' : 'c'}${json.length.toString(36)}_${hash.toString(36)}`;
}

const precompiled = new Map<string, ValidateFunction>();

/**
 * Validators generated ahead of time with Ajv's standalone code (spec/generated/request-validators.js),
 * by {@link schemaKey}: they replace any table given before. A schema found here is never compiled at run time.
 */
export function usePrecompiledValidators(table: Record<string, unknown>): void {
  precompiled.clear();
  for (const [key, fn] of Object.entries(table)) {
    if (typeof fn === 'function') precompiled.set(key, fn as ValidateFunction);
  }
}

/** Runs `work` with the precompiled table set aside, so every schema it needs is compiled (and recorded). */
export function compilingEverything<T>(work: () => T): T {
  const saved = [...precompiled];
  precompiled.clear();
  try {
    return work();
  } finally {
    for (const [key, fn] of saved) precompiled.set(key, fn);
  }
}

type CompileListener = (mode: SchemaMode, schema: JsonSchema) => void;
let listener: CompileListener | undefined;

/** Called with every schema compiled at run time: what `npm run generate` precompiles (scripts/generate-validators.ts). */
export function onSchemaCompiled(callback: CompileListener | undefined): void {
  listener = callback;
}

// Checking a schema against JSON Schema's meta-schema first compiles the meta-schema, a cost for
// each Ajv instance (the mock has four); one checker for the process pays it once.
let metaSchemaChecker: Ajv2020 | undefined;
const checkedSchemas = new WeakSet<object>();

/**
 * Compiles schemas of one mode for one SpecValidators: a precompiled validator when the build made
 * one for this schema, otherwise Ajv (created on the first such schema), refusing a schema that is
 * not valid JSON Schema.
 */
export class SchemaCompiler {
  readonly mode: SchemaMode;
  #ajv: Ajv2020 | undefined;

  constructor(mode: SchemaMode) {
    this.mode = mode;
  }

  compile(schema: JsonSchema): ValidateFunction {
    if (precompiled.size > 0) {
      const found = precompiled.get(schemaKey(this.mode, schema));
      if (found) return found;
    }
    listener?.(this.mode, schema);
    if (!checkedSchemas.has(schema)) {
      metaSchemaChecker ??= new Ajv2020({ strict: false });
      metaSchemaChecker.validateSchema(schema, true);
      checkedSchemas.add(schema);
    }
    this.#ajv ??= makeAjv(this.mode);
    return this.#ajv.compile(schema);
  }
}
