import type { Logger } from 'pino';
import type { SpecValidators } from '../../src/validators.js';
import { constantTimeEqual } from '../domain/constant-time-equal.js';
import { DomainError } from '../domain/errors.js';
import { sha256 } from '../domain/sha256.js';
import type { Telephony } from '../domain/telephony.js';
import type { Principal } from '../domain/tenants.js';
import { applyFault } from './apply-fault.js';
import { authenticate, challenge, firstOfSeveral } from './authenticate.js';
import type { FaultBoard } from './faults.js';
import { canonicalJson, IdempotencyStore } from './idempotency.js';
import { type Journal, redactHeaders } from './journal.js';
import { domainProblem, problem } from './problems.js';
import { readOperationInput } from './read-operation-input.js';
import { problemResponse } from './respond.js';
import { CORS_HEADERS, PREFLIGHT_HEADERS, rateLimitHeaders } from './response-headers.js';
import { Router } from './router.js';
import type { ApiRequest, ApiResponse, OperationHandlers } from './types.js';
import { unrouted } from './unrouted.js';

export interface PipelineDeps {
  telephony: Telephony;
  validators: SpecValidators;
  adminValidators: SpecValidators;
  handlers: OperationHandlers;
  adminHandlers: OperationHandlers;
  journal: Journal;
  faults: FaultBoard;
  idempotency: IdempotencyStore;
  /** When set, every admin request must carry it in `X-Admin-Token`. */
  adminToken?: string | undefined;
  logger?: Logger | undefined;
}

export type Pipeline = (request: ApiRequest) => Promise<ApiResponse>;

export const ADMIN_PREFIX = '/__mock/';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Trace {
  operationId: string | null;
  userId: string | null;
}

/**
 * The mock's request pipeline, independent of any transport: routing by the spec, auth, rate
 * limit, faults, body parsing, validation, idempotency, the domain command, and problem+json for
 * every refusal. Express and MSW both hand requests to it.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const { telephony, journal } = deps;
  const router = new Router(deps.validators.spec.operations.values());
  const adminRouter = new Router(deps.adminValidators.spec.operations.values());
  let requestCount = 0;
  const nextRequestId = () => `req_${(++requestCount).toString(36).padStart(16, '0')}`;

  async function api(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    if (req.method === 'OPTIONS') return { status: 204, headers: PREFLIGHT_HEADERS };
    const first = firstOfSeveral(req.headers.authorization);
    const auth = authenticate(first ?? req.headers.authorization, telephony.tenants);
    let headers: Record<string, string> = { ...CORS_HEADERS };
    if (auth.ok) {
      const user = auth.principal.user;
      trace.userId = user.id;
      const verdict = telephony.rateLimiter.take(user.id, user.rateLimit ?? telephony.rateLimit);
      headers = { ...headers, ...rateLimitHeaders(verdict) };
      if (!verdict.allowed) {
        const wait = Math.max(1, Math.ceil((verdict.resetAt - telephony.clock.now()) / 1000));
        const detail = `${verdict.limit} requests per minute; the window resets in ${wait} s.`;
        return problemResponse(problem('rate_limited', detail, requestId), {
          ...headers,
          'Retry-After': String(wait),
        });
      }
    }
    const match = router.match(req.method, req.path);
    if (match.kind !== 'operation') return unrouted(match, req, requestId, headers);
    trace.operationId = match.operationId;
    if (!auth.ok) {
      return problemResponse(problem(auth.code, auth.detail, requestId), {
        ...CORS_HEADERS,
        'WWW-Authenticate': challenge(auth.code),
      });
    }
    if (first !== undefined) return severalAuthorizations(requestId, headers);
    const refusal = permission(auth.principal, req.method);
    if (refusal) return problemResponse(problem(refusal.code, refusal.detail, requestId), headers);

    const operation = deps.validators.operation(match.operationId);
    const faulted = await applyFault(deps.faults, operation, req.headers.prefer, requestId, headers);
    if (faulted) return faulted;

    const input = readOperationInput(
      deps.validators,
      match.operationId,
      req,
      match.params,
      requestId,
      headers,
    );
    if (!input.ok) return input.response;
    input.value.principal = auth.principal;

    const key = req.headers['idempotency-key'];
    const fingerprint = key
      ? IdempotencyStore.fingerprint(match.operationId, req.path, canonicalJson(input.value.body))
      : '';
    if (key) {
      const verdict = deps.idempotency.check(auth.principal.user.id, key, fingerprint);
      if (verdict.kind === 'replay') {
        const replayed = verdict.response;
        return { ...replayed, headers: { ...replayed.headers, ...headers, 'Idempotent-Replayed': 'true' } };
      }
      if (verdict.kind === 'conflict') {
        const detail = `The Idempotency-Key '${key}' was used for a different request.`;
        return problemResponse(problem('idempotency_key_reused', detail, requestId), headers);
      }
    }
    const response = await run(deps.handlers, match.operationId, input.value, requestId, headers);
    if (key && response.status < 500)
      deps.idempotency.remember(auth.principal.user.id, key, fingerprint, response);
    return response;
  }

  function permission(principal: Principal, method: string) {
    if (principal.user.suspended) {
      return { code: 'account_suspended' as const, detail: `The account ${principal.user.id} is suspended.` };
    }
    if (principal.access === 'read' && !READS.has(method)) {
      return {
        code: 'read_only_token' as const,
        detail: 'This token can only read; it cannot create or change anything.',
      };
    }
    return undefined;
  }

  async function admin(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    if (req.method === 'OPTIONS') return { status: 204, headers: PREFLIGHT_HEADERS };
    const headers = { ...CORS_HEADERS };
    const match = adminRouter.match(req.method, req.path);
    if (match.kind !== 'operation') return unrouted(match, req, requestId, headers);
    trace.operationId = match.operationId;
    if (deps.adminToken && !sameSecret(req.headers['x-admin-token'], deps.adminToken)) {
      const detail = 'The mock is not on 127.0.0.1: send the admin token in X-Admin-Token.';
      return problemResponse(problem('admin_token_required', detail, requestId), headers);
    }
    const operation = deps.adminValidators.operation(match.operationId);
    let principal: Principal | undefined;
    if (operation.security?.some((s) => 'bearerAuth' in s)) {
      const first = firstOfSeveral(req.headers.authorization);
      const auth = authenticate(first ?? req.headers.authorization, telephony.tenants);
      if (!auth.ok) {
        return problemResponse(problem(auth.code, auth.detail, requestId), {
          ...headers,
          'WWW-Authenticate': challenge(auth.code),
        });
      }
      principal = auth.principal;
      trace.userId = principal.user.id;
      if (first !== undefined) return severalAuthorizations(requestId, headers);
    }
    const input = readOperationInput(
      deps.adminValidators,
      match.operationId,
      req,
      match.params,
      requestId,
      headers,
    );
    if (!input.ok) return input.response;
    input.value.principal = principal;
    return run(deps.adminHandlers, match.operationId, input.value, requestId, headers);
  }

  async function run(
    handlers: OperationHandlers,
    operationId: string,
    input: Parameters<OperationHandlers[string]>[0],
    requestId: string,
    headers: Record<string, string>,
  ): Promise<ApiResponse> {
    const handler = handlers[operationId];
    if (!handler) {
      return problemResponse(problem('internal_error', `${operationId} has no handler.`, requestId), headers);
    }
    try {
      const result = await handler(input);
      const all = { ...headers, ...result.headers };
      if (result.body === undefined) return { status: result.status, headers: all };
      return {
        status: result.status,
        headers: { 'Content-Type': 'application/json', ...all },
        body: JSON.stringify(result.body),
      };
    } catch (error) {
      if (error instanceof DomainError) {
        return problemResponse(
          domainProblem(error.kind, error.code, error.message, requestId, error.field),
          headers,
        );
      }
      deps.logger?.error({ err: error, operationId, requestId }, 'handler failed');
      return problemResponse(
        problem('internal_error', 'The mock failed; this is a bug in telemock.', requestId),
        headers,
      );
    }
  }

  return async (req) => {
    const started = performance.now();
    const requestId = nextRequestId();
    const trace: Trace = { operationId: null, userId: null };
    const isAdmin = req.path.startsWith(ADMIN_PREFIX);
    // HEAD is GET without the body (RFC 9110 §9.3.2): the same routing, rules and headers.
    const head = req.method === 'HEAD';
    const routed = head ? { ...req, method: 'GET' } : req;
    const response = await (isAdmin ? admin(routed, requestId, trace) : api(routed, requestId, trace));
    if (head) delete response.body;
    response.headers['X-Request-Id'] = requestId;
    const latencyMs = performance.now() - started;
    // The journal is for the integrator's traffic; the admin API (and the inspector's polling) stays out.
    if (!isAdmin) {
      journal.record({
        id: requestId,
        at: telephony.clock.iso(),
        method: req.method,
        path: req.search ? `${req.path}?${req.search}` : req.path,
        operationId: trace.operationId,
        userId: trace.userId,
        status: response.status,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
        requestHeaders: redactHeaders(req.headers),
        requestBody: req.body,
        responseHeaders: response.headers,
        responseBody: response.body,
      });
    }
    deps.logger?.info(
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

// RFC 6750 §3.1 `invalid_request`: one credential per request, or whose request is it?
function severalAuthorizations(requestId: string, headers: Record<string, string>): ApiResponse {
  const detail = 'The request carries more than one Authorization header; send exactly one.';
  return problemResponse(problem('several_authorizations', detail, requestId), headers);
}

function sameSecret(given: string | undefined, expected: string): boolean {
  // Compare digests, not the secrets: equal lengths always, so the comparison's time tells nothing.
  return constantTimeEqual(sha256(given ?? ''), sha256(expected));
}
