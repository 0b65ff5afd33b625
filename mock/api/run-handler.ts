import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { domainProblem, type Problem, problem } from './problems.js';
import type { RoutedHandler, RoutedResult, ValidatedInput } from './types.js';

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
