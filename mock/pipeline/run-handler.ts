import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { domainProblem, problem } from './problems.js';
import { problemResponse } from './respond.js';
import type {
  AdminHandlers,
  ApiResponse,
  RoutedHandler,
  TelephonyHandlers,
  ValidatedInput,
} from './types.js';

/**
 * The last stage: the operation's handler over the validated input, its result as JSON, a domain
 * error as its problem+json, and anything else as a logged 500 (a bug in telemock, never the client's).
 */
export async function runHandler(
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
  try {
    const result = await handler(input);
    if (result.body === undefined)
      return { status: result.status, headers: { ...headers, ...result.headers } };
    return {
      status: result.status,
      // One copy, not two (a copy per request is garbage per request).
      headers: { 'Content-Type': 'application/json', ...headers, ...result.headers },
      body: JSON.stringify(result.body),
    };
  } catch (error) {
    if (error instanceof DomainError) {
      return problemResponse(
        domainProblem(error.kind, error.code, error.message, requestId, error.field),
        headers,
      );
    }
    logger?.error({ err: error, operationId, requestId }, 'handler failed');
    return problemResponse(
      problem('internal_error', 'The mock failed; this is a bug in telemock.', requestId),
      headers,
    );
  }
}

/**
 * The handlers as the pipeline calls them, whatever the operation. The one place their typed view
 * is taken on trust: before any call the pipeline validated the path, query and body against that
 * operation's schemas, which is what the generated types describe.
 */
function routed(handlers: TelephonyHandlers | AdminHandlers): Record<string, RoutedHandler | undefined> {
  return handlers as unknown as Record<string, RoutedHandler | undefined>;
}
