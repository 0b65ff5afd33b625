import type { Logger } from 'pino';
import { Router } from '../../src/router.js';
import type { SpecValidators } from '../../src/validators.js';
import { constantTimeEqual } from '../domain/constant-time-equal.js';
import { sha256 } from '../domain/sha256.js';
import type { Telephony } from '../domain/telephony.js';
import type { Principal } from '../domain/tenants.js';
import { applyFault } from './apply-fault.js';
import { authenticate, namedUser } from './authenticate.js';
import { type CorsOrigins, corsHeaders, preflight } from './cors.js';
import type { FaultBoard } from './faults.js';
import { type HostPolicy, hostRefusal } from './host-check.js';
import { hostChecker } from './host-checker.js';
import { canonicalJson, IdempotencyStore } from './idempotency.js';
import type { Journal } from './journal.js';
import { credentialOf, openRequest, type Side, type Trace } from './open-request.js';
import { isJsonContentType } from './parse-json-body.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import { rateLimitHeaders, secondsToReset } from './response-headers.js';
import { runHandler } from './run-handler.js';
import type {
  AdminHandlers,
  ApiRequest,
  ApiResponse,
  RoutedHandler,
  TelephonyHandlers,
  ValidatedInput,
} from './types.js';

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
  /** Where request ids come from; the in-process test driver draws from the same counter. */
  nextRequestId?: (() => string) | undefined;
}

/** Request ids in order (`req_0000000000000001`, …): one counter per mock. */
export function requestIds(): () => string {
  let count = 0;
  return () => `req_${(++count).toString(36).padStart(16, '0')}`;
}

export type Pipeline = (request: ApiRequest) => Promise<ApiResponse>;

export const ADMIN_PREFIX = '/__mock/';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The mock's request pipeline, independent of any transport: routing by the spec, auth, rate
 * limit, faults, body parsing, validation, idempotency, the domain command, and problem+json for
 * every refusal. Express and MSW both hand requests to it.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const { telephony, journal } = deps;
  const origins = deps.corsOrigins ?? [];
  const nextRequestId = deps.nextRequestId ?? requestIds();
  // Requests with an Idempotency-Key being answered, by user and key.
  const answering = new Map<string, Promise<ApiResponse>>();
  const hostAllowed = deps.hostPolicy ? hostChecker(deps.hostPolicy) : undefined;

  const apiSide: Side = {
    router: new Router(deps.validators.spec.operations.values()),
    validators: deps.validators,
    tenants: telephony.tenants,
    preflight: (req, requestId) => preflight(req, origins, requestId),
    // Rate limiting comes before routing: every request of a known user counts, even a 404.
    admit(req, requestId, trace) {
      const cors = corsHeaders(req, origins);
      const auth = authenticate(credentialOf(req), telephony.tenants);
      if (!auth.ok) return { headers: cors, auth };
      const user = auth.principal.user;
      trace.userId = user.id;
      const verdict = telephony.rateLimiter.take(user.id, user.rateLimit ?? telephony.rateLimit);
      const now = telephony.clock.now();
      // corsHeaders gives a fresh object: extended rather than copied.
      const headers = Object.assign(cors, rateLimitHeaders(verdict, now));
      if (!verdict.allowed) {
        const wait = secondsToReset(verdict, now);
        const detail = `${verdict.limit} requests per minute; the window resets in ${wait} s.`;
        return {
          response: problemResponse(problem('rate_limited', detail, requestId), {
            ...headers,
            'Retry-After': String(wait),
          }),
        };
      }
      // After the rate limit, so the 403 carries the headers the spec promises on every answer to a user.
      if (hostAllowed && !hostAllowed(req.headers.host)) {
        const refusal = problem('host_not_allowed', hostRefusal(req.headers.host), requestId);
        return { response: problemResponse(refusal, headers) };
      }
      return { headers, auth };
    },
    needsUser: () => true,
    async hold(req, operation, principal, requestId, headers) {
      const refusal = principal && permission(principal, req.method);
      if (refusal) return problemResponse(problem(refusal.code, refusal.detail, requestId), headers);
      return applyFault(deps.faults, operation, req.headers.prefer, requestId, headers);
    },
  };

  // Same origin only: no CORS header, and no preflight (OPTIONS is a method no admin operation takes: 405).
  const adminSide: Side = {
    router: new Router(deps.adminValidators.spec.operations.values()),
    validators: deps.adminValidators,
    tenants: telephony.tenants,
    admit: () => ({ headers: {} }),
    gate(req, requestId, headers) {
      const type = req.headers['content-type'];
      if (!READS.has(req.method) && type !== undefined && !isJsonContentType(type)) {
        // A form or text/plain request is one a page on any site can send without asking (no preflight).
        const detail = `Send admin requests as application/json or without a body, not ${type}.`;
        return problemResponse(problem('unsupported_media_type', detail, requestId), headers);
      }
      if (!deps.adminToken || sameSecret(req.headers['x-admin-token'], deps.adminToken)) return undefined;
      const detail = 'The mock is not on 127.0.0.1: send the admin token in X-Admin-Token.';
      return problemResponse(problem('admin_token_required', detail, requestId), headers);
    },
    actingFor(req, operation, requestId, headers) {
      const id = req.headers['x-mock-user'];
      if (id === undefined || req.headers.authorization !== undefined) return undefined;
      if (!operation.security?.some((s) => 'mockUser' in s)) return undefined;
      const named = namedUser(id, telephony.tenants);
      if (!named.ok)
        return { response: problemResponse(problem(named.code, named.detail, requestId), headers) };
      return { principal: named.principal };
    },
    needsUser: (operation) => operation.security?.some((s) => 'bearerAuth' in s) ?? false,
  };

  async function api(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    const opened = await openRequest(apiSide, req, requestId, trace);
    if ('response' in opened) return opened.response;
    const { operationId, input, headers } = opened;
    const userId = input.principal?.user.id ?? '';
    const key = req.headers['idempotency-key'];
    if (!key) return run(deps.handlers, operationId, input, requestId, headers);
    const slot = `${userId} ${key}`;
    // A retry that arrives while the first is still being answered waits for it, then replays it.
    for (let pending = answering.get(slot); pending; pending = answering.get(slot)) await pending;
    const fingerprint = IdempotencyStore.fingerprint(operationId, req.path, canonicalJson(input.body));
    const verdict = deps.idempotency.check(userId, key, fingerprint);
    if (verdict.kind === 'replay') {
      const replayed = verdict.response;
      return { ...replayed, headers: { ...replayed.headers, ...headers, 'Idempotent-Replayed': 'true' } };
    }
    if (verdict.kind === 'conflict') {
      const detail = `The Idempotency-Key '${key}' was used for a different request.`;
      return problemResponse(problem('idempotency_key_reused', detail, requestId), headers);
    }
    const answer = run(deps.handlers, operationId, input, requestId, headers);
    answering.set(slot, answer);
    try {
      const response = await answer;
      if (response.status < 500) deps.idempotency.remember(userId, key, fingerprint, response);
      return response;
    } finally {
      answering.delete(slot);
    }
  }

  async function admin(req: ApiRequest, requestId: string, trace: Trace): Promise<ApiResponse> {
    const opened = await openRequest(adminSide, req, requestId, trace);
    if ('response' in opened) return opened.response;
    return run(deps.adminHandlers, opened.operationId, opened.input, requestId, opened.headers);
  }

  async function run(
    handlers: TelephonyHandlers | AdminHandlers,
    operationId: string,
    input: ValidatedInput,
    requestId: string,
    headers: Record<string, string>,
  ): Promise<ApiResponse> {
    const handler = routed(handlers)[operationId];
    if (!handler) {
      return problemResponse(problem('internal_error', `${operationId} has no handler.`, requestId), headers);
    }
    const outcome = await runHandler(handler, input, requestId, deps.logger);
    if (!outcome.ok) return problemResponse(outcome.problem, headers);
    const result = outcome.result;
    if (result.body === undefined)
      return { status: result.status, headers: { ...headers, ...result.headers } };
    return {
      status: result.status,
      // One copy, not two (a copy per request is garbage per request).
      headers: { 'Content-Type': 'application/json', ...headers, ...result.headers },
      body: JSON.stringify(result.body),
    };
  }

  // The report counts the app's requests: a 429 is answered before routing, so it is routed here.
  function noteForReport(req: ApiRequest, response: ApiResponse, trace: Trace): void {
    const match = trace.operationId === null ? apiSide.router.match(req.method, req.path) : undefined;
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

/**
 * The handlers as the pipeline (and the in-process driver) calls them, whatever the operation. The
 * one place their typed view is taken on trust: before any call the path, query and body were
 * validated against that operation's schemas, which is what the generated types describe.
 */
export function routed(
  handlers: TelephonyHandlers | AdminHandlers,
): Record<string, RoutedHandler | undefined> {
  return handlers as unknown as Record<string, RoutedHandler | undefined>;
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

function sameSecret(given: string | undefined, expected: string): boolean {
  // Compare digests, not the secrets: equal lengths always, so the comparison's time tells nothing.
  return constantTimeEqual(sha256(given ?? ''), sha256(expected));
}
