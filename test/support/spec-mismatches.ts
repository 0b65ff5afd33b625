import { Router } from '../../spec/router.js';
import type { SpecValidators } from '../../spec/validators.js';

/** A response as the checks read it. */
export interface SentResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * What is wrong with a response for its operation and status (the admin spec under /__mock/); an
 * unrouted request must still get a proper problem document. Also the operationId it was routed to.
 */
export function specMismatches(
  validators: { api: SpecValidators; admin: SpecValidators },
  method: string,
  path: string,
  sent: SentResponse,
): { errors: unknown[]; operationId: string | undefined } {
  const bare = path.split('?')[0] as string;
  const admin = bare.startsWith('/__mock/');
  const which = admin ? validators.admin : validators.api;
  const match = new Router(which.spec.operations.values()).match(method, bare);
  let errors: unknown[];
  if (match.kind === 'operation') {
    errors = which.validateResponse(match.operationId, {
      status: sent.status,
      headers: sent.headers,
      contentType: sent.headers['content-type'],
      body: sent.body,
    });
  } else {
    // No operation (unknown route, wrong method): the answer must still be a proper problem.
    errors = validators.api.validateSchema('Problem', sent.body);
    if (sent.headers['content-type'] !== 'application/problem+json')
      errors.push({ path: '/header/content-type' });
  }
  return { errors, operationId: match.kind === 'operation' ? match.operationId : undefined };
}
