import type { Logger } from 'pino';
import { type RouteMatch, Router } from '../../spec/router.js';
import type { SpecValidators } from '../../spec/validators.js';
import type { Telephony } from '../domain/telephony.js';
import type { Principal } from '../domain/tenants.js';
import type { FaultBoard } from '../stores/faults.js';
import type { IdempotencyStore } from '../stores/idempotency.js';
import type { Journal } from '../stores/journal.js';
import { actingFor } from './acting-for.js';
import { adminGate } from './admin-gate.js';
import { answerOnce } from './answer-once.js';
import { applyFault } from './apply-fault.js';
import { authenticateRequest, principalOf } from './authenticate.js';
import { corsHeaders, preflight } from './cors.js';
import { permissionRefusal } from './permission.js';
import { problem } from './problems.js';
import { chargeRequest } from './rate-limit.js';
import { type ReadInput, readOperationInput } from './read-operation-input.js';
import {
  ADMIN_PREFIX,
  type CorsOrigins,
  type HostPolicy,
  hostChecker,
  hostRefusal,
  requestIdSequence,
} from './request-policy.js';
import { problemResponse } from './respond.js';
import { handlerResponse } from './run-handler.js';
import type { AdminHandlers, ApiRequest, ApiResponse, TelephonyHandlers } from './types.js';
import { unrouted } from './unrouted.js';

export interface PipelineDeps {
  telephony: Telephony;
  validators: SpecValidators;
  adminValidators: SpecValidators;
  handlers: TelephonyHandlers;
  adminHandlers: AdminHandlers;
  journal: Journal;
  faults: FaultBoard;
  idempotency: IdempotencyStore;
  /** When set, every admin request must carry it in `X-Admin-Token`. */
  adminToken?: string | undefined;
  /** Origins beside the loopback ones whose pages may call the telephony API (`--cors-origin`). */
  corsOrigins?: CorsOrigins | undefined;
  /** The `Host` check of the telephony API (the Express adapter checks the rest); none under MSW. */
  hostPolicy?: HostPolicy | undefined;
  logger?: Logger | undefined;
  /** Where request ids come from; the in-process test driver draws from the same sequence. */
  nextRequestId?: (() => string) | undefined;
}

export type Pipeline = (request: ApiRequest) => Promise<ApiResponse>;

/** What the pipeline notes of a request for the journal and the log. */
interface Trace {
  operationId: string | null;
  userId: string | null;
}

/**
 * The mock's request pipeline, independent of any transport: Express and MSW both hand requests to
 * it. Each side's stages run top to bottom below, each stage's body in a module of its own; every
 * refusal is problem+json from problems.ts.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const { telephony, journal, logger } = deps;
  const { tenants } = telephony;
  const origins = deps.corsOrigins ?? [];
  const nextRequestId = deps.nextRequestId ?? requestIdSequence();
  const hostAllowed = deps.hostPolicy ? hostChecker(deps.hostPolicy) : undefined;
  const apiRouter = new Router(deps.validators.spec.operations.values());
  const adminRouter = new Router(deps.adminValidators.spec.operations.values());
  const idempotent = answerOnce(deps.idempotency);

  /** The telephony API. */
  async function telephonyRequest(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    // 1. A CORS preflight is answered before anything else.
    if (req.method === 'OPTIONS') return preflight(req, origins, requestId);
    // 2. Who is asking, read once; a known user is charged the request before routing, so even a 404 counts.
    const auth = authenticateRequest(req, tenants);
    let headers = corsHeaders(req, origins);
    if (auth.ok) {
      trace.userId = auth.principal.user.id;
      const charged = chargeRequest(telephony, auth.principal.user, requestId, headers);
      if ('response' in charged) return charged.response;
      headers = charged.headers;
      // 3. The Host, after the rate limit, so the 403 carries the headers the spec promises a user.
      if (hostAllowed && !hostAllowed(req.headers.host)) {
        return problemResponse(
          problem('host_not_allowed', hostRefusal(req.headers.host), requestId),
          headers,
        );
      }
    }
    // 4. Routing by the spec: 404, 405, a bad path parameter.
    const match = apiRouter.match(req.method, req.path);
    if (match.kind !== 'operation') return unrouted(match, req, requestId, headers);
    trace.operationId = match.operationId;
    // 5. The authentication's verdict: 401 with its challenge, or 400 for several credentials.
    const who = principalOf(auth, requestId, headers);
    if ('response' in who) return who.response;
    const { principal } = who;
    // 6. What this user may do (suspended, read-only), then faults on demand (`Prefer`, armed faults).
    const refused =
      permissionRefusal(principal, req.method, requestId, headers) ??
      (await applyFault(
        deps.faults,
        deps.validators.operation(match.operationId),
        req.headers.prefer,
        requestId,
        headers,
      ));
    if (refused) return refused;
    // 7. The input: path, query, headers and body validated against the operation's schemas.
    const input = validatedInput(deps.validators, match, req, principal, requestId, headers);
    if (!input.ok) return input.response;
    // 8. The handler, once per Idempotency-Key.
    return idempotent(req, match.operationId, input.value, requestId, headers, () =>
      handlerResponse(deps.handlers, match.operationId, input.value, requestId, headers, logger),
    );
  }

  /** The admin API: same origin only, so no CORS header and no preflight (OPTIONS is 405 here). */
  async function adminRequest(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    // 1. Routing by the admin spec.
    const match = adminRouter.match(req.method, req.path);
    if (match.kind !== 'operation') return unrouted(match, req, requestId, headers);
    trace.operationId = match.operationId;
    // 2. Writes only as JSON, and the admin token when the mock requires one.
    const gated = adminGate(req, deps.adminToken, requestId, headers);
    if (gated) return gated;
    // 3. The user it acts for: named in X-Mock-User (the inspector), or by a Bearer token where the operation is a user's.
    const operation = deps.adminValidators.operation(match.operationId);
    let principal: Principal | undefined;
    const named = actingFor(req, operation, tenants, requestId, headers);
    if (named && 'response' in named) return named.response;
    if (named) principal = named.principal;
    else if (operation.security?.some((s) => 'bearerAuth' in s)) {
      const who = principalOf(authenticateRequest(req, tenants), requestId, headers);
      if ('response' in who) return who.response;
      principal = who.principal;
    }
    if (principal) trace.userId = principal.user.id;
    // 4. The input, validated; 5. the handler.
    const input = validatedInput(deps.adminValidators, match, req, principal, requestId, headers);
    if (!input.ok) return input.response;
    return handlerResponse(deps.adminHandlers, match.operationId, input.value, requestId, headers, logger);
  }

  // The report counts the app's requests: a 429 is answered before routing, so it is routed here.
  function noteForReport(req: ApiRequest, response: ApiResponse, trace: Trace): void {
    const match = trace.operationId === null ? apiRouter.match(req.method, req.path) : undefined;
    const retryAfter = response.headers['Retry-After'];
    telephony.campaigns.ledger.request({
      at: telephony.clock.now(),
      userId: trace.userId,
      operationId: match?.kind === 'operation' ? match.operationId : trace.operationId,
      status: response.status,
      retryAfterSeconds: retryAfter === undefined ? undefined : Number(retryAfter),
      callEnded: response.status === 409 && response.body?.includes('"code":"call_ended"') === true,
    });
  }

  // Every request: an id, HEAD as GET without the body, the side by path, then the journal, the report and the log.
  return async (req) => {
    const started = performance.now();
    const requestId = nextRequestId();
    const trace: Trace = { operationId: null, userId: null };
    const isAdmin = req.path.startsWith(ADMIN_PREFIX);
    // HEAD is GET without the body (RFC 9110 §9.3.2): the same routing, rules and headers.
    const head = req.method === 'HEAD';
    const routed = head ? { ...req, method: 'GET' } : req;
    const response = await (isAdmin
      ? adminRequest(routed, requestId, trace)
      : telephonyRequest(routed, requestId, trace));
    if (head) delete response.body;
    response.headers['X-Request-Id'] = requestId;
    const latencyMs = performance.now() - started;
    // The journal is for the integrator's traffic; the admin API (and the inspector's polling) stays out.
    if (!isAdmin) {
      noteForReport(routed, response, trace);
      journal.record({
        id: requestId,
        at: telephony.clock.iso(),
        method: req.method,
        path: req.search ? `${req.path}?${req.search}` : req.path,
        operationId: trace.operationId,
        userId: trace.userId,
        status: response.status,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
        requestHeaders: req.headers,
        requestBody: req.body,
        responseHeaders: response.headers,
        responseBody: response.body,
      });
    }
    logger?.info(
      {
        requestId,
        method: req.method,
        path: req.path,
        status: response.status,
        ms: Math.round(latencyMs * 10) / 10,
      },
      'request',
    );
    return response;
  };
}

/** A routed request's input, validated against its operation's schemas, for the user it acts for. */
function validatedInput(
  validators: SpecValidators,
  match: Extract<RouteMatch, { kind: 'operation' }>,
  req: ApiRequest,
  principal: Principal | undefined,
  requestId: string,
  headers: Record<string, string>,
): ReadInput {
  const input = readOperationInput(validators, match.operationId, req, match.params, requestId, headers);
  if (input.ok) input.value.principal = principal;
  return input;
}
