import type { Router } from '../../src/router.js';
import type { SpecOperation } from '../../src/spec.js';
import type { SpecValidators } from '../../src/validators.js';
import type { Principal, Tenants } from '../domain/tenants.js';
import { type Authentication, authenticate, challenge, firstOfSeveral } from './authenticate.js';
import { problem } from './problems.js';
import { readOperationInput } from './read-operation-input.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse, ValidatedInput } from './types.js';
import { unrouted } from './unrouted.js';

/** What the pipeline notes of a request for the journal and the log. */
export interface Trace {
  operationId: string | null;
  userId: string | null;
}

/** The headers every answer carries, or an answer already (a request refused before routing). */
export type Admission =
  | { headers: Record<string, string>; auth?: Authentication }
  | { response: ApiResponse };

/** What one API (the telephony API, the admin API) does at each step of the opening. */
export interface Side {
  router: Router;
  validators: SpecValidators;
  tenants: Tenants;
  /** The answer to a CORS preflight; without one, `OPTIONS` is routed like any method (405). */
  preflight?(req: ApiRequest, requestId: string): ApiResponse;
  /** Before routing: the answer's headers (and the Bearer token's verdict, if already read), or a refusal. */
  admit(req: ApiRequest, requestId: string, trace: Trace): Admission;
  /** Once routed, before anyone is authenticated (the admin token). */
  gate?(req: ApiRequest, requestId: string, headers: Record<string, string>): ApiResponse | undefined;
  /** A user named some other way than by a Bearer token (the inspector's `X-Mock-User`), or a refusal. */
  actingFor?(
    req: ApiRequest,
    operation: SpecOperation,
    requestId: string,
    headers: Record<string, string>,
  ): { principal: Principal } | { response: ApiResponse } | undefined;
  /** True when the operation acts for a user, so it needs a Bearer token. */
  needsUser(operation: SpecOperation): boolean;
  /** Once the user is known, before the body is read (permissions, faults). */
  hold?(
    req: ApiRequest,
    operation: SpecOperation,
    principal: Principal | undefined,
    requestId: string,
    headers: Record<string, string>,
  ): Promise<ApiResponse | undefined>;
}

/** A request through the opening: an answer already, or a validated input for the operation's handler. */
export type Opened =
  | { response: ApiResponse }
  | { operationId: string; input: ValidatedInput; headers: Record<string, string> };

/**
 * The opening both pipelines share: a preflight, routing (404, 405, a bad path), the side's own
 * checks, the Bearer token with its challenge, and the request's validated input.
 */
export async function openRequest(
  side: Side,
  req: ApiRequest,
  requestId: string,
  trace: Trace,
): Promise<Opened> {
  if (req.method === 'OPTIONS' && side.preflight) return { response: side.preflight(req, requestId) };
  const admitted = side.admit(req, requestId, trace);
  if ('response' in admitted) return admitted;
  const { headers } = admitted;
  const match = side.router.match(req.method, req.path);
  if (match.kind !== 'operation') return { response: unrouted(match, req, requestId, headers) };
  trace.operationId = match.operationId;
  const refused = side.gate?.(req, requestId, headers);
  if (refused) return { response: refused };
  const operation = side.validators.operation(match.operationId);
  let principal: Principal | undefined;
  const acting = side.actingFor?.(req, operation, requestId, headers);
  if (acting && 'response' in acting) return acting;
  if (acting) {
    principal = acting.principal;
    trace.userId = principal.user.id;
  } else if (side.needsUser(operation)) {
    const auth = admitted.auth ?? authenticate(credentialOf(req), side.tenants);
    if (!auth.ok) {
      const challenged = { ...headers, 'WWW-Authenticate': challenge(auth.code) };
      return { response: problemResponse(problem(auth.code, auth.detail, requestId), challenged) };
    }
    principal = auth.principal;
    trace.userId = principal.user.id;
    if (firstOfSeveral(req.headers.authorization) !== undefined) {
      // RFC 6750 §3.1 `invalid_request`: one credential per request, or whose request is it?
      const detail = 'The request carries more than one Authorization header; send exactly one.';
      return { response: problemResponse(problem('several_authorizations', detail, requestId), headers) };
    }
  }
  const held = await side.hold?.(req, operation, principal, requestId, headers);
  if (held) return { response: held };
  const input = readOperationInput(side.validators, match.operationId, req, match.params, requestId, headers);
  if (!input.ok) return { response: input.response };
  input.value.principal = principal;
  return { operationId: match.operationId, input: input.value, headers };
}

/**
 * The Bearer credential a request carries: with several Authorization headers, the first (its user
 * is charged the refusal, so the 400 carries that user's rate-limit headers).
 */
export function credentialOf(req: ApiRequest): string | undefined {
  return firstOfSeveral(req.headers.authorization) ?? req.headers.authorization;
}
