import type { RouteMatch } from '../../spec/router.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse } from './types.js';

/** The answer to a request no operation takes: 404, 405 with `Allow`, or 400 for an undecodable path. */
export function unrouted(
  match: Exclude<RouteMatch, { kind: 'operation' }>,
  req: ApiRequest,
  requestId: string,
  headers: Record<string, string>,
): ApiResponse {
  if (match.kind === 'method-not-allowed') {
    const detail = `${req.method} is not allowed on ${req.path}; use ${match.allow.join(', ')}.`;
    return problemResponse(problem('method_not_allowed', detail, requestId), {
      ...headers,
      Allow: match.allow.join(', '),
    });
  }
  if (match.kind === 'bad-path') {
    const errors = [{ path: `/path/${match.param}`, message: 'is not valid percent-encoding' }];
    return problemResponse(problem('validation_failed', match.detail, requestId, errors), headers);
  }
  return problemResponse(
    problem('route_not_found', `No route ${req.method} ${req.path}.`, requestId),
    headers,
  );
}
