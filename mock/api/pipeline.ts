import type { Logger } from 'pino';
import type { SpecValidators } from '../../src/validators.js';
import { constantTimeEqual } from '../domain/constant-time-equal.js';
import { DomainError } from '../domain/errors.js';
import { sha256 } from '../domain/sha256.js';
import type { Telephony } from '../domain/telephony.js';
import type { Principal } from '../domain/tenants.js';
import { applyFault } from './apply-fault.js';
import { authenticate, challenge } from './authenticate.js';
import { type CorsOrigins, corsHeaders, preflight } from './cors.js';
import type { FaultBoard } from './faults.js';
import { type HostPolicy, hostRefusal, isAllowedHost } from './host-check.js';
import { canonicalJson, IdempotencyStore } from './idempotency.js';
import type { Journal } from './journal.js';
import { isJsonContentType } from './parse-json-body.js';
import { domainProblem, problem } from './problems.js';
import { readOperationInput } from './read-operation-input.js';
import { redactHeaders } from './redact-secrets.js';
import { problemResponse } from './respond.js';
import { rateLimitHeaders } from './response-headers.js';
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
  /** Origins beside the loopback ones whose pages may call the telephony API (`--cors-origin`). */
  corsOrigins?: CorsOrigins | undefined;
  /** The `Host` check of the telephony API (the Express adapter checks the rest); none under MSW. */
  hostPolicy?: HostPolicy | undefined;
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
  const origins = deps.corsOrigins ?? [];
  const router = new Router(deps.validators.spec.operations.values());
  const adminRouter = new Router(deps.adminValidators.spec.operations.values());
  let requestCount = 0;
  const nextRequestId = () => `req_${(++requestCount).toString(36).padStart(16, '0')}`;

  async function api(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    if (req.method === 'OPTIONS') return preflight(req, origins, requestId);
    const auth = authenticate(req.headers.authorization, telephony.tenants);
    const cors = corsHeaders(req, origins);
    let headers: Record<string, string> = { ...cors };
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
      // After the rate limit, so the 403 carries the headers the spec promises on every answer to a user.
      if (deps.hostPolicy && !isAllowedHost(req.headers.host, deps.hostPolicy))
        return problemResponse(
          problem('host_not_allowed', hostRefusal(req.headers.host), requestId),
          headers,
        );
    }
    const match = router.match(req.method, req.path);
    if (match.kind !== 'operation') return unrouted(match, req, requestId, headers);
    trace.operationId = match.operationId;
    if (!auth.ok) {
      return problemResponse(problem(auth.code, auth.detail, requestId), {
        ...cors,
        'WWW-Authenticate': challenge(auth.code),
      });
    }
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
    // Same origin only: no CORS header, and OPTIONS is a method no admin operation takes (405).
    const headers = {};
    const match = adminRouter.match(req.method, req.path);
    if (match.kind !== 'operation') return unrouted(match, req, requestId, headers);
    trace.operationId = match.operationId;
    const type = req.headers['content-type'];
    if (!READS.has(req.method) && type !== undefined && !isJsonContentType(type)) {
      // A form or text/plain request is one a page on any site can send without asking (no preflight).
      const detail = `Send admin requests as application/json or without a body, not ${type}.`;
      return problemResponse(problem('unsupported_media_type', detail, requestId), headers);
    }
    if (deps.adminToken && !sameSecret(req.headers['x-admin-token'], deps.adminToken)) {
      const detail = 'The mock is not on 127.0.0.1: send the admin token in X-Admin-Token.';
      return problemResponse(problem('admin_token_required', detail, requestId), headers);
    }
    const operation = deps.adminValidators.operation(match.operationId);
    let principal: Principal | undefined;
    const actingFor = req.headers['x-mock-user'];
    if (
      actingFor !== undefined &&
      req.headers.authorization === undefined &&
      operation.security?.some((s) => 'mockUser' in s)
    ) {
      // The admin API can already do anything to any user: naming one by id grants nothing more.
      const user = telephony.tenants.user(actingFor);
      if (!user)
        return problemResponse(
          problem('invalid_token', `No user '${actingFor}' (X-Mock-User).`, requestId),
          headers,
        );
      principal = { user, access: 'full' };
      trace.userId = user.id;
    } else if (operation.security?.some((s) => 'bearerAuth' in s)) {
      const auth = authenticate(req.headers.authorization, telephony.tenants);
      if (!auth.ok) {
        return problemResponse(problem(auth.code, auth.detail, requestId), {
          ...headers,
          'WWW-Authenticate': challenge(auth.code),
        });
      }
      principal = auth.principal;
      trace.userId = principal.user.id;
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
    const response = await (isAdmin ? admin(req, requestId, trace) : api(req, requestId, trace));
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

function sameSecret(given: string | undefined, expected: string): boolean {
  // Compare digests, not the secrets: equal lengths always, so the comparison's time tells nothing.
  return constantTimeEqual(sha256(given ?? ''), sha256(expected));
}
