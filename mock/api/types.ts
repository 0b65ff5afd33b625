import type { Principal } from '../domain/tenants.js';

/** A request as the pipeline sees it, whatever carried it (Express, MSW). */
export interface ApiRequest {
  method: string;
  /** Path without the query string, e.g. `/calls/call_…`. */
  path: string;
  /** The raw query string without `?` (may be empty). */
  search: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The raw body, if any; the pipeline parses it. */
  body: Uint8Array | undefined;
  /** The adapter stopped reading because the body was over the limit. */
  bodyTooLarge?: boolean;
}

/** A response as the pipeline produces it, body already serialised (JSON for every API answer). */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Set by a `timeout` fault: the adapter drops the connection without answering. */
  dropConnection?: boolean;
}

/** What an operation handler receives once the request passed routing, auth and validation. */
export interface OperationInput {
  operationId: string;
  /** Path parameters, validated. */
  params: Record<string, string>;
  /** Query parameters, validated and coerced to their documented types. */
  query: Record<string, unknown>;
  /** The parsed JSON body, validated against the operation's schema. */
  // biome-ignore lint/suspicious/noExplicitAny: validated against the spec before it gets here; handlers cast to the generated type.
  body: any;
  headers: Record<string, string | undefined>;
  /** The user the Bearer token stands for (telephony operations and admin operations that name a user). */
  principal: Principal | undefined;
}

/** What a handler answers: a status, an optional JSON body and extra headers. Domain errors are thrown. */
export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type OperationHandler = (input: OperationInput) => OperationResult | Promise<OperationResult>;

/** Handlers by operationId. */
export type OperationHandlers = Record<string, OperationHandler>;
