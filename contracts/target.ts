import type { SpecValidators } from '../spec/validators.js';
import type { Exchange } from './exchange.js';
import { Pacer } from './pacing.js';
import { judgeResponse } from './passive-checks.js';
import type { ResultMatrix } from './results.js';

/** How a request authenticates: a token, a raw Authorization header, or nothing at all. */
export type Auth = { token: string } | { header: string } | null;

/** One request the suite sends to the target. */
export interface ProbeRequest {
  /** The operation it exercises; undefined for a method the spec does not document. */
  operationId: string | undefined;
  method: string;
  /** The path with its parameters filled in. */
  path: string;
  query?: Record<string, string>;
  /** Defaults to the main token. */
  auth?: Auth;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with `contentType`, instead of `body`. */
  rawBody?: string;
  contentType?: string;
  /** More request headers (`Idempotency-Key`). */
  headers?: Record<string, string>;
  /** Hand a 429 back instead of waiting and retrying (the rate-limit check wants to see it). */
  keep429?: boolean;
  /** Sent while cleaning up: goes out even after the run was interrupted. */
  cleanup?: boolean;
  /** This request means to create a call (and took one from the budget). */
  createsCall?: boolean;
}

/** The run was interrupted (Ctrl-C); what was started is still cleaned up. */
export class RunInterrupted extends Error {}

/** The target could not be reached at all. */
export class TargetUnreachable extends Error {}

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_RATE_LIMIT_WAIT_MS = 70_000;

/**
 * The target as the suite sees it: real fetch against a base URL. Every response is judged by the
 * passive checks. The suite is a well-behaved client: it paces itself by the rate-limit headers
 * (contracts/pacing.ts) and waits out a 429, unless a request asks to keep it.
 */
export class Target {
  readonly baseUrl: string;
  readonly token: string;
  readonly #validators: SpecValidators;
  readonly #matrix: ResultMatrix;
  readonly #signal: AbortSignal | undefined;
  readonly #listeners: Array<(request: ProbeRequest, exchange: Exchange) => Promise<void> | void> = [];
  requestCount = 0;
  readonly pacer: Pacer;

  constructor(options: {
    baseUrl: string;
    token: string;
    validators: SpecValidators;
    matrix: ResultMatrix;
    signal?: AbortSignal | undefined;
    pacer?: Pacer | undefined;
  }) {
    this.baseUrl = options.baseUrl;
    this.token = options.token;
    this.#validators = options.validators;
    this.#matrix = options.matrix;
    this.#signal = options.signal;
    this.pacer = options.pacer ?? new Pacer();
  }

  /** Hears every exchange after it was judged (the run tracks what got created this way). */
  onExchange(listener: (request: ProbeRequest, exchange: Exchange) => Promise<void> | void): void {
    this.#listeners.push(listener);
  }

  async send(request: ProbeRequest): Promise<Exchange> {
    const started = Date.now();
    const auth = this.#authorization(request);
    for (;;) {
      // A request that means to spend the quota (keep429) goes out at once; its answer still counts.
      if (auth !== undefined && !request.keep429) await this.pacer.before(auth);
      const exchange = await this.#sendOnce(request);
      if (auth !== undefined) this.pacer.after(auth, exchange);
      judgeResponse(this.#validators, this.#matrix, request.operationId, exchange);
      const waited = Date.now() - started;
      if (exchange.status !== 429 || request.keep429 || waited > MAX_RATE_LIMIT_WAIT_MS) {
        for (const listener of this.#listeners) await listener(request, exchange);
        return exchange;
      }
      // The pacer now knows the window is spent: the next round waits for its reset.
    }
  }

  #authorization(request: ProbeRequest): string | undefined {
    const auth = request.auth === undefined ? { token: this.token } : request.auth;
    if (auth === null) return undefined;
    return 'token' in auth ? `Bearer ${auth.token}` : auth.header;
  }

  async #sendOnce(request: ProbeRequest): Promise<Exchange> {
    if (this.#signal?.aborted && !request.cleanup) throw new RunInterrupted('interrupted');
    const url = new URL(this.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.append(name, value);
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...request.headers,
    };
    const authorization = this.#authorization(request);
    if (authorization !== undefined) headers.authorization = authorization;
    let body: string | undefined;
    if (request.rawBody !== undefined) {
      body = request.rawBody;
      headers['content-type'] = request.contentType ?? 'application/json';
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const exchange: Exchange = {
      method: request.method,
      url: url.toString(),
      requestHeaders: headers,
      ...(body !== undefined ? { requestBody: body } : {}),
      status: 0,
      responseHeaders: {},
      responseBody: '',
    };
    this.requestCount += 1;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      exchange.status = response.status;
      response.headers.forEach((value, name) => {
        exchange.responseHeaders[name] = value;
      });
      exchange.responseBody = await response.text();
      if (/json/i.test(response.headers.get('content-type') ?? '') && exchange.responseBody !== '') {
        try {
          exchange.json = JSON.parse(exchange.responseBody);
        } catch {
          // Left unparsed: the schema check reports a body that is not the JSON it claims to be.
        }
      }
    } catch (error) {
      const cause =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error);
      exchange.responseBody = cause;
    }
    return exchange;
  }
}
