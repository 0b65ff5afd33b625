import type { ValidateFunction } from 'ajv';
import { type FieldError, toFieldErrors } from './field-errors.js';
import { SchemaCompiler } from './schema-compiler.js';
import type { JsonSchema, Spec, SpecOperation, SpecParameter } from './spec.js';

export { type FieldError, toFieldErrors } from './field-errors.js';

export interface RequestParts {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface ResponseParts {
  status: number;
  headers: Record<string, string | undefined>;
  contentType?: string | undefined;
  body?: unknown;
}

export type RequestCheck =
  | { ok: true; query: Record<string, unknown>; path: Record<string, unknown> }
  /** `errors` holds at most the spec's `x-max-field-errors`; `omitted` counts the rest. */
  | { ok: false; errors: FieldError[]; omitted: number };

/** Field errors a 400 lists when the spec does not say (`x-max-field-errors`). */
export const DEFAULT_MAX_FIELD_ERRORS = 20;

const unwrapValue = (e: FieldError): FieldError => ({ ...e, path: e.path.replace(/\/value$/, '') });

function objectSchema(params: SpecParameter[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

function findMediaType<T>(content: Record<string, T> | undefined, contentType: string | undefined) {
  if (!content) return undefined;
  const bare = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.entries(content).find(([type]) => type === bare)?.[1];
}

interface CompiledOperation {
  operation: SpecOperation;
  path: ValidateFunction;
  query: ValidateFunction;
  queryNames: Set<string>;
  headers: ValidateFunction;
  body?: ValidateFunction;
}

/**
 * Validators for every operation and schema of a spec, compiled once: on first use, or all at
 * once with `warmUp()`. The mock validates requests with them; the tests and the contract suite
 * validate responses.
 */
export class SpecValidators {
  readonly spec: Spec;
  #strict = new SchemaCompiler('strict');
  #coercing = new SchemaCompiler('coercing');
  #operations = new Map<string, CompiledOperation>();
  #schemas = new Map<string, ValidateFunction>();
  // Parameter schemas built per operation, by their JSON: most operations share the same few
  // (no query, `callId` in the path, no declared headers), so each shape is compiled once.
  #parameterChecks = new Map<string, ValidateFunction>();

  /** The most field errors a refused request lists (`x-max-field-errors` of the spec). */
  readonly maxFieldErrors: number;

  constructor(spec: Spec) {
    this.spec = spec;
    this.maxFieldErrors = Number(spec.document['x-max-field-errors'] ?? DEFAULT_MAX_FIELD_ERRORS);
  }

  operation(operationId: string): SpecOperation {
    const op = this.spec.operations.get(operationId) ?? this.spec.webhooks.get(operationId);
    if (!op) throw new Error(`No operation ${operationId} in the spec`);
    return op;
  }

  #compiled(operationId: string): CompiledOperation {
    let compiled = this.#operations.get(operationId);
    if (compiled) return compiled;
    const operation = this.operation(operationId);
    const of = (where: SpecParameter['in']) => operation.parameters.filter((p) => p.in === where);
    const headerParams = of('header').map((p) => ({ ...p, name: p.name.toLowerCase() }));
    const bodySchema = findMediaType(operation.requestBody?.content, 'application/json')?.schema;
    compiled = {
      operation,
      path: this.#parameterCheck('coercing', of('path')),
      query: this.#parameterCheck('coercing', of('query')),
      queryNames: new Set(of('query').map((p) => p.name)),
      headers: this.#parameterCheck('strict', headerParams),
      // Ajv caches by schema object, so a body schema shared by several operations compiles once.
      ...(bodySchema ? { body: this.#strict.compile(bodySchema) } : {}),
    };
    this.#operations.set(operationId, compiled);
    return compiled;
  }

  #parameterCheck(ajv: 'strict' | 'coercing', params: SpecParameter[]): ValidateFunction {
    const schema = objectSchema(params);
    const key = `${ajv} ${JSON.stringify(schema)}`;
    let fn = this.#parameterChecks.get(key);
    if (!fn) {
      fn = (ajv === 'strict' ? this.#strict : this.#coercing).compile(schema);
      this.#parameterChecks.set(key, fn);
    }
    return fn;
  }

  /**
   * Compiles the request validators of these operations (default: every operation under `paths`)
   * now rather than on their first request. Compiling them all takes a while, so a server calls it
   * once it is listening, in the background (`setImmediate`).
   */
  warmUp(operationIds: Iterable<string> = this.spec.operations.keys()): void {
    for (const operationId of operationIds) this.#compiled(operationId);
  }

  /** Checks a request against its operation: path, query (coerced), declared headers and JSON body. */
  validateRequest(operationId: string, parts: RequestParts): RequestCheck {
    const c = this.#compiled(operationId);
    const errors: FieldError[] = [];
    const path = { ...(parts.path ?? {}) };
    if (!c.path(path)) errors.push(...toFieldErrors(c.path.errors, '/path'));
    const query = { ...(parts.query ?? {}) };
    for (const name of Object.keys(query)) {
      if (!c.queryNames.has(name))
        errors.push({ path: `/query/${name}`, message: 'is not a known parameter' });
      else if (Array.isArray(query[name]))
        errors.push({ path: `/query/${name}`, message: 'must be given once' });
    }
    if (!c.query(query)) errors.push(...toFieldErrors(c.query.errors, '/query'));
    const headers: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(parts.headers ?? {})) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (!c.headers(headers)) errors.push(...toFieldErrors(c.headers.errors, '/header'));
    if (c.body) {
      if (parts.body === undefined) {
        if (c.operation.requestBody?.required) errors.push({ path: '/body', message: 'is required' });
      } else if (!c.body(parts.body)) errors.push(...toFieldErrors(c.body.errors, '/body'));
    }
    if (errors.length === 0) return { ok: true, query, path };
    // A body with 50,000 bad keys must not answer 50,000 errors: the first few and a count.
    const shown = errors.slice(0, this.maxFieldErrors);
    return { ok: false, errors: shown, omitted: errors.length - shown.length };
  }

  /** Checks a response against what its operation documents for that status. Returns what is wrong. */
  validateResponse(operationId: string, response: ResponseParts): FieldError[] {
    const operation = this.operation(operationId);
    const documented = operation.responses[String(response.status)] ?? operation.responses.default;
    if (!documented)
      return [{ path: '/status', message: `${response.status} is not documented for ${operationId}` }];
    const errors: FieldError[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) errors.push({ path: `/header/${name}`, message: 'is required' });
        continue;
      }
      const check = this.#headerCheck(header.schema);
      if (!check({ value })) errors.push(...toFieldErrors(check.errors, `/header/${name}`).map(unwrapValue));
    }
    if (!documented.content) {
      if (response.body !== undefined && response.body !== '')
        errors.push({ path: '/body', message: 'must be empty' });
      return errors;
    }
    const media = findMediaType(documented.content, response.contentType);
    if (!media) {
      const allowed = Object.keys(documented.content).join(', ');
      errors.push({
        path: '/header/content-type',
        message: `${response.contentType ?? 'none'} is not ${allowed}`,
      });
      return errors;
    }
    if (media.schema) {
      const check = this.#bodyCheck(media.schema);
      if (!check(response.body)) errors.push(...toFieldErrors(check.errors, '/body'));
    }
    return errors;
  }

  #headerChecks = new WeakMap<object, ValidateFunction>();
  #bodyChecks = new WeakMap<object, ValidateFunction>();

  // Header values are strings on the wire; wrapping lets coercion read "100" as the integer 100.
  #headerCheck(schema: JsonSchema): ValidateFunction {
    let fn = this.#headerChecks.get(schema);
    if (!fn) {
      fn = this.#coercing.compile({ type: 'object', properties: { value: schema } });
      this.#headerChecks.set(schema, fn);
    }
    return fn;
  }

  #bodyCheck(schema: JsonSchema): ValidateFunction {
    let fn = this.#bodyChecks.get(schema);
    if (!fn) {
      fn = this.#strict.compile(schema);
      this.#bodyChecks.set(schema, fn);
    }
    return fn;
  }

  /** Validates a value against `components.schemas[name]`. */
  validateSchema(name: string, value: unknown): FieldError[] {
    let fn = this.#schemas.get(name);
    if (!fn) {
      const schema = this.spec.document.components.schemas[name];
      if (!schema) throw new Error(`No schema ${name} in the spec`);
      fn = this.#strict.compile(schema);
      this.#schemas.set(name, fn);
    }
    return fn(value) ? [] : toFieldErrors(fn.errors, '');
  }

  /** Validates a webhook payload that we send, against the `webhooks` section. */
  validateWebhookPayload(operationId: string, body: unknown): FieldError[] {
    const check = this.validateRequest(operationId, { body, headers: {} });
    return check.ok ? [] : check.errors.filter((e) => e.path.startsWith('/body'));
  }
}
