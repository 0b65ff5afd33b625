import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { domainProblem, type Problem, problem } from './problems.js';
import { problemResponse } from './respond.js';
import type {
  AdminHandlers,
  ApiResponse,
  RoutedHandler,
  RoutedResult,
  TelephonyHandlers,
  ValidatedInput,
} from './types.js';

/** What running an operation's handler gave: its result, or the problem a refusal (or a bug) becomes. */
export type HandlerOutcome = { ok: true; result: RoutedResult } | { ok: false; problem: Problem };

/**
 * Runs one operation's handler on a validated input, the one place a handler's refusal becomes a
 * problem: a DomainError by the catalog, anything else as a 500 that says it is telemock's bug.
 * The pipeline and the in-process test driver both call handlers through it.
 */
export async function runHandler(
  handler: RoutedHandler,
  input: ValidatedInput,
  requestId: string,
  logger?: Logger | undefined,
): Promise<HandlerOutcome> {
  try {
    return { ok: true, result: await handler(input) };
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        ok: false,
        problem: domainProblem(error.kind, error.code, error.message, requestId, error.field),
      };
    }
    logger?.error({ err: error, operationId: input.operationId, requestId }, 'handler failed');
    return {
      ok: false,
      problem: problem('internal_error', 'The mock failed; this is a bug in telemock.', requestId),
    };
  }
}

/**
 * The last stage of the pipeline: the operation's handler over the validated input, its result as
 * JSON with the answer's headers, or its refusal as problem+json.
 */
export async function handlerResponse(
  handlers: TelephonyHandlers | AdminHandlers,
  operationId: string,
  input: ValidatedInput,
  requestId: string,
  headers: Record<string, string>,
  logger: Logger | undefined,
): Promise<ApiResponse> {
  const handler = routed(handlers)[operationId];
  if (!handler) {
    return problemResponse(problem('internal_error', `${operationId} has no handler.`, requestId), headers);
  }
  const outcome = await runHandler(handler, input, requestId, logger);
  if (!outcome.ok) return problemResponse(outcome.problem, headers);
  const result = outcome.result;
  if (result.body === undefined) return { status: result.status, headers: { ...headers, ...result.headers } };
  return {
    status: result.status,
    // One copy, not two (a copy per request is garbage per request).
    headers: { 'Content-Type': 'application/json', ...headers, ...result.headers },
    body: JSON.stringify(result.body),
  };
}

/**
 * The handlers as the pipeline calls them, whatever the operation. The one place their typed view
 * is taken on trust: before any call the pipeline validated the path, query and body against that
 * operation's schemas, which is what the generated types describe.
 */
export function routed(
  handlers: TelephonyHandlers | AdminHandlers,
): Record<string, RoutedHandler | undefined> {
  return handlers as unknown as Record<string, RoutedHandler | undefined>;
}
