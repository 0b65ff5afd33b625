import type { operations as AdminOperations } from '../../spec/generated/admin-api.js';
import type { operations as ApiOperations, paths as ApiPaths } from '../../spec/generated/api.js';
import type { Principal } from '../domain/tenants.js';

export type { AdminOperations, ApiOperations };

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

// How openapi-fetch reads the generated `operations`: each part of a request or a response is
// looked up by its place in the spec, so a renamed field breaks the build where it is used.
type None = Record<string, never>;
type OrNone<T> = [T] extends [never] ? None : T;
type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;
type PathOf<Op> = Op extends { parameters: { path: infer P } } ? P : None;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? OrNone<NonNullable<Q>> : None;
type BodyOf<Op> = Op extends { requestBody: infer R }
  ? JsonOf<R>
  : Op extends { requestBody?: infer R }
    ? JsonOf<NonNullable<R>> | undefined
    : undefined;

/** The statuses a handler answers with; every refusal is a thrown DomainError, mapped by the catalog. */
type Success = 200 | 201 | 202 | 204;
type ResultFor<S, B> = [B] extends [undefined]
  ? { status: S; body?: undefined; headers?: Record<string, string> }
  : { status: S; body: B; headers?: Record<string, string> };
type ResultOf<Op> = Op extends { responses: infer R }
  ? { [S in keyof R & Success]: ResultFor<S, JsonOf<R[S]>> }[keyof R & Success]
  : never;

/**
 * What the handler of operation `Id` receives once the request passed routing, auth and
 * validation: its path parameters, query and JSON body, typed from the generated `operations`.
 */
export interface OperationInput<Ops, Id extends keyof Ops, Who = Principal | undefined> {
  operationId: Id;
  params: PathOf<Ops[Id]>;
  /** Validated and coerced to their documented types. */
  query: QueryOf<Ops[Id]>;
  body: BodyOf<Ops[Id]>;
  headers: Record<string, string | undefined>;
  /** The user the Bearer token stands for (telephony operations and admin operations that name a user). */
  principal: Who;
}

/** What the handler of operation `Id` answers: one of its documented successes, with its body. */
export type OperationResult<Ops, Id extends keyof Ops> = ResultOf<Ops[Id]>;

type Handler<Ops, Id extends keyof Ops, Who> = (
  input: OperationInput<Ops, Id, Who>,
) => OperationResult<Ops, Id> | Promise<OperationResult<Ops, Id>>;

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type PathOperation = {
  [P in keyof ApiPaths]: { [M in Method]-?: NonNullable<ApiPaths[P][M]> }[Method];
}[keyof ApiPaths];

/** The telephony API's operations a client calls: those under `paths` (the `webhooks` are the mock's own calls out). */
export type TelephonyOperationId = {
  [Id in keyof ApiOperations]: ApiOperations[Id] extends PathOperation ? Id : never;
}[keyof ApiOperations];

/** Handlers of the telephony API by operationId (openapi.yaml); every one has a user. */
export type TelephonyHandlers<Ids extends TelephonyOperationId = TelephonyOperationId> = {
  [Id in Ids]: Handler<ApiOperations, Id, Principal>;
};

/**
 * Handlers of the admin API by operationId (mock/admin-openapi.yaml). A file of admin handlers
 * declares the ones it serves (`AdminHandlers<'getClock' | 'setClock'>`); core.ts spreads them into
 * one `AdminHandlers`, which the compiler checks is complete.
 */
export type AdminHandlers<Ids extends keyof AdminOperations = keyof AdminOperations> = {
  [Id in Ids]: Handler<AdminOperations, Id, Principal | undefined>;
};

/** The input the pipeline has validated, before it is seen through one operation's types. */
export interface ValidatedInput {
  operationId: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  headers: Record<string, string | undefined>;
  principal: Principal | undefined;
}

/** What any handler answers, as the pipeline serialises it. */
export interface RoutedResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

/** A handler as the pipeline calls it, whatever its operation. */
export type RoutedHandler = (input: ValidatedInput) => RoutedResult | Promise<RoutedResult>;
