import type { Logger } from 'pino';
import type { SpecValidators } from '../../spec/validators.js';
import type { Principal, Tenants } from '../domain/tenants.js';
import { authenticate, namedUser } from '../pipeline/authenticate.js';
import { type Problem, problem } from '../pipeline/problems.js';
import { invalidFieldsProblem } from '../pipeline/read-operation-input.js';
import { routed, runHandler } from '../pipeline/run-handler.js';
import type { AdminHandlers } from '../pipeline/types.js';
import { type ActingUser, type AdminAnswer, type AdminCall, MockAdminError } from './admin-call.js';

export interface InProcessDeps {
  handlers: AdminHandlers;
  /** The admin spec's validators: the operation's input is checked as the pipeline checks it. */
  validators: SpecValidators;
  tenants: Tenants;
  /** The pipeline's request ids, so a refusal's `requestId` is one no request has. */
  nextRequestId: () => string;
  logger?: Logger | undefined;
  /** Told after an operation that may change the state succeeded (the state file listens). */
  onChange?: (() => void) | undefined;
}

// JSON in and out, as over HTTP: the handler never holds the caller's object, nor the caller the mock's.
const throughJson = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

function principalOf(as: ActingUser | undefined, tenants: Tenants) {
  if (as === undefined) return authenticate(undefined, tenants);
  return 'token' in as ? authenticate(`Bearer ${as.token}`, tenants) : namedUser(as.userId, tenants);
}

/**
 * The admin operations called in the process: no request is made up. The input is validated
 * against the admin spec and the user resolved as the pipeline does, then the operation's handler
 * runs; a refusal is the same problem document HTTP would answer, thrown.
 */
export function inProcessCall(deps: InProcessDeps): AdminCall {
  const handlers = routed(deps.handlers);
  return async (operationId, input = {}) => {
    const requestId = deps.nextRequestId();
    const refuse = (refusal: Problem): never => {
      throw new MockAdminError(operationId, refusal);
    };
    const operation = deps.validators.operation(operationId);
    let principal: Principal | undefined;
    if (operation.security?.some((s) => 'bearerAuth' in s)) {
      const auth = principalOf(input.as, deps.tenants);
      if (!auth.ok) return refuse(problem(auth.code, auth.detail, requestId));
      principal = auth.principal;
    }
    const params = (input.params ?? {}) as Record<string, string>;
    const body = throughJson(input.body);
    const check = deps.validators.validateRequest(operationId, {
      path: params,
      query: input.query ?? {},
      body,
    });
    if (!check.ok) return refuse(invalidFieldsProblem(check, requestId));
    const handler = handlers[operationId];
    if (!handler) return refuse(problem('internal_error', `${operationId} has no handler.`, requestId));
    const validated = { operationId, params, query: check.query, body, headers: {}, principal };
    const outcome = await runHandler(handler, validated, requestId, deps.logger);
    if (!outcome.ok) return refuse(outcome.problem);
    if (operation.method.toUpperCase() !== 'GET') deps.onChange?.();
    return throughJson(outcome.result.body) as AdminAnswer<typeof operationId>;
  };
}
