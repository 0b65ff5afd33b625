import type { JsonSchema, Spec, SpecOperation } from '../../spec/spec.js';
import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import type { ResultMatrix } from '../results.js';
import { bodySchema } from '../sample-data.js';
import type { ProbeRequest } from '../target.js';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const propertiesOf = (schema: JsonSchema | undefined) =>
  Object.keys((schema as { properties?: object } | undefined)?.properties ?? {});

// Key order aside: `{"a":"1","b":"2"}` is `{"b":"2","a":"1"}`.
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : isObject(value)
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
          .join(',')}}`
      : JSON.stringify(value);

/**
 * Where `given` and `shown` differ, for the keys both have (`shown` may hold more: ids, statuses,
 * times; a request field the resource does not show, such as `sampleUrls`, is not judged).
 * `metadata` is the user's own map, "returned as given": whole, no key more or less.
 */
export function difference(given: unknown, shown: unknown, at = ''): string | undefined {
  if (isObject(given) && isObject(shown) && at !== '/metadata') {
    for (const [key, value] of Object.entries(given))
      if (key in shown) {
        const found = difference(value, shown[key], `${at}/${key}`);
        if (found) return found;
      }
    return undefined;
  }
  return canonical(given) === canonical(shown)
    ? undefined
    : `${at || '/'} is ${JSON.stringify(shown)}, not ${JSON.stringify(given)}`;
}

// The words each write breaks when its answer does not show what was given.
const ECHO_PROMISE: Record<string, string> = {
  createCall: 'create-call-dials',
  createAgent: 'agent-created',
  updateAgent: 'update-fields-given',
  setTextWebhook: 'webhook-set',
};
// What a create answers before anything moves.
const CREATED_AS: Record<string, { status: string; promise: string }> = {
  createCall: { status: 'queued', promise: 'call-created-queued' },
  sendText: { status: 'queued', promise: 'text-created-queued' },
};

/**
 * `change-shown`: the answer to a write shows what was written (a field given comes back as given,
 * metadata too), a create answers in its first state (`queued`), and every later read of the same
 * resource by the same user shows it still; the user's webhook signing secret is one secret.
 * Judged on the writes the other checks send, so it costs no request of its own.
 */
export class ChangesShown {
  readonly #spec: Spec;
  // What the run last wrote to each resource, by user and path.
  readonly #written = new Map<string, Fields>();
  readonly #secrets = new Map<string, string>();

  constructor(spec: Spec) {
    this.#spec = spec;
  }

  observe(matrix: ResultMatrix, request: ProbeRequest, exchange: Exchange) {
    const operation = request.operationId ? this.#spec.operations.get(request.operationId) : undefined;
    const shown = exchange.json;
    if (!operation || exchange.status < 200 || exchange.status > 299 || !isObject(shown)) return;
    const user = JSON.stringify(exchange.requestHeaders.authorization ?? '');
    this.#judgeSecret(matrix, operation.operationId, user, shown, exchange);
    const path = request.path.split('?')[0] ?? request.path;
    if (request.method === 'GET')
      return this.#judgeRead(matrix, operation, `${user} ${path}`, shown, exchange);
    const given = request.body;
    if (!isObject(given) || !this.#isResourceWrite(operation, exchange.status)) return;
    const id = operation.operationId;
    const created = CREATED_AS[id];
    if (exchange.status === 201 && created && shown.status !== created.status)
      return broken(
        matrix,
        created.promise,
        id,
        `created ${String(shown.status)}, not ${created.status}`,
        exchange,
      );
    const differs = difference(given, shown);
    if (differs) {
      const promise = differs.startsWith('/metadata')
        ? 'metadata-as-given'
        : (ECHO_PROMISE[id] ?? 'answer-shows-change');
      return broken(matrix, promise, id, `the answer does not show what was written: ${differs}`, exchange);
    }
    kept(matrix, 'answer-shows-change', id);
    const createdAt =
      exchange.status === 201 &&
      typeof shown.id === 'string' &&
      operation.responses['201']?.headers?.Location;
    const key = `${user} ${createdAt ? `${path}/${shown.id}` : path}`;
    this.#written.set(key, { ...this.#written.get(key), ...given });
  }

  // A write whose request fields are fields of the resource it answers (not an action such as `respond`).
  #isResourceWrite(operation: SpecOperation, status: number): boolean {
    const given = propertiesOf(bodySchema(operation));
    const shown = propertiesOf(operation.responses[String(status)]?.content?.['application/json']?.schema);
    return given.length > 0 && given.every((name) => shown.includes(name));
  }

  #judgeRead(matrix: ResultMatrix, operation: SpecOperation, key: string, shown: Fields, exchange: Exchange) {
    const written = this.#written.get(key);
    if (!written) return;
    const differs = difference(written, shown);
    if (differs)
      broken(
        matrix,
        'answer-shows-change',
        operation.operationId,
        `a read after the write shows ${differs}`,
        exchange,
      );
    else kept(matrix, 'answer-shows-change', operation.operationId);
  }

  #judgeSecret(matrix: ResultMatrix, operationId: string, user: string, shown: Fields, exchange: Exchange) {
    if (typeof shown.secret !== 'string') return;
    const first = this.#secrets.get(user);
    if (first === undefined) this.#secrets.set(user, shown.secret);
    else if (first !== shown.secret)
      broken(
        matrix,
        'webhook-secret',
        operationId,
        "the user's signing secret changed between two answers",
        exchange,
      );
  }
}
