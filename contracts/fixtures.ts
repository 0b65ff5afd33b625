import type { JsonSchema, Spec, SpecOperation } from '../spec/spec.js';
import type { SpecValidators } from '../spec/validators.js';
import { linksOf } from './call-flow.js';
import type { Exchange } from './exchange.js';

/** A safe webhook URL for requests that need one when no listener runs: `.invalid` never resolves. */
export const NOWHERE_URL = 'https://example.invalid/telemock-contract';

/**
 * The ids the run has to work with, by the name the spec gives them (`agentId`, `callId`,
 * `textId`), learnt from the `links` of what the run created or, read-only, from list pages. Also
 * the safety overrides: every `to` is `--call-to`, every webhook URL is the runner's or nowhere.
 */
export class Fixtures {
  #ids = new Map<string, string>();
  readonly #spec: Spec;
  readonly #validators: SpecValidators;
  readonly callTo: string;
  webhookUrl: string | undefined;

  constructor(spec: Spec, validators: SpecValidators, callTo: string) {
    this.#spec = spec;
    this.#validators = validators;
    this.callTo = callTo;
  }

  get(name: string): string | undefined {
    return this.#ids.get(name);
  }

  set(name: string, id: string): void {
    this.#ids.set(name, id);
  }

  entries(): Array<[string, string]> {
    return [...this.#ids.entries()];
  }

  /** Field values the suite always chooses itself, whatever the examples say. */
  readonly override = (name: string, schema: JsonSchema): unknown => {
    const id = this.#ids.get(name) ?? this.#idOfSchema(schema);
    if (id !== undefined) return id;
    if (name === 'to') return this.callTo;
    if (schema === this.#spec.document.components.schemas.WebhookUrl) return this.webhookUrl ?? NOWHERE_URL;
    return undefined;
  };

  // A field typed like a path parameter (`inReplyTo` is a TextId like `textId`) takes the run's id of that kind.
  #idOfSchema(schema: JsonSchema): string | undefined {
    for (const operation of this.#spec.operations.values())
      for (const param of operation.parameters)
        if (param.in === 'path' && param.schema === schema && this.#ids.has(param.name))
          return this.#ids.get(param.name);
    return undefined;
  }

  /** The operation's path with its parameters filled, or the name of the first one the run has no id for. */
  fill(
    operation: SpecOperation,
    replace: Record<string, string> = {},
  ): { path: string; params: Record<string, string> } | { missing: string } {
    const params: Record<string, string> = {};
    for (const param of operation.parameters.filter((p) => p.in === 'path')) {
      const value = replace[param.name] ?? this.#ids.get(param.name);
      if (value === undefined) return { missing: param.name };
      params[param.name] = value;
    }
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    return { path, params };
  }

  /** Remembers the ids a 2xx response hands to its links (`$response.body#/id`), first one wins. */
  learn(operation: SpecOperation, exchange: Exchange): void {
    if (exchange.status < 200 || exchange.status > 299) return;
    const body = exchange.json as Record<string, unknown> | undefined;
    for (const link of linksOf(operation)) {
      for (const [name, expression] of Object.entries({ ...link.parameters, ...link.requestBody })) {
        const match = /^\$response\.body#\/(\w+)$/.exec(expression);
        const value = match?.[1] ? body?.[match[1]] : undefined;
        if (typeof value === 'string' && !this.#ids.has(name)) this.#ids.set(name, value);
      }
    }
  }

  /** Read-only runs: takes ids from a list page, matching each against the path parameters' schemas. */
  discover(exchange: Exchange): void {
    const data = (exchange.json as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) return;
    for (const operation of this.#spec.operations.values()) {
      for (const param of operation.parameters.filter((p) => p.in === 'path')) {
        if (this.#ids.has(param.name)) continue;
        const id = data.map((item) => (item as { id?: unknown }).id).find((v) => typeof v === 'string') as
          | string
          | undefined;
        if (id === undefined) continue;
        const check = this.#validators.validateRequest(operation.operationId, { path: { [param.name]: id } });
        if (check.ok || !check.errors.some((e) => e.path === `/path/${param.name}`))
          this.#ids.set(param.name, id);
      }
    }
  }
}
