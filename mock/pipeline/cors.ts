import { problem } from './problems.js';
import { type CorsOrigins, isAllowedOrigin } from './request-policy.js';
import { problemResponse } from './respond.js';
import { CORS_HEADERS, PREFLIGHT_HEADERS } from './response-headers.js';
import type { ApiRequest, ApiResponse } from './types.js';

const METHODS = new Set(PREFLIGHT_HEADERS['Access-Control-Allow-Methods'].split(', '));
const HEADERS = new Set(PREFLIGHT_HEADERS['Access-Control-Allow-Headers'].toLowerCase().split(', '));

/** The CORS headers of a telephony API answer: the origin echoed when allowed, none otherwise. */
export function corsHeaders(req: ApiRequest, origins: CorsOrigins): Record<string, string> {
  const origin = req.headers.origin;
  if (origins === '*') return { 'Access-Control-Allow-Origin': '*', ...CORS_HEADERS };
  if (origin === undefined || !isAllowedOrigin(origin, req.headers.host, origins)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...CORS_HEADERS };
}

/**
 * The answer to `OPTIONS` on the telephony API (Fetch standard, CORS protocol): 204 with what is
 * allowed for an allowed origin asking for allowed methods and headers; 403 otherwise, with no
 * CORS header, so the browser refuses the request it was about to send.
 */
export function preflight(req: ApiRequest, origins: CorsOrigins, requestId: string): ApiResponse {
  const origin = req.headers.origin;
  if (origin === undefined) return { status: 204, headers: { Allow: [...METHODS].join(', ') } };
  const method = req.headers['access-control-request-method'] ?? 'GET';
  const asked = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  let detail: string | undefined;
  if (!isAllowedOrigin(origin, req.headers.host, origins))
    detail = `Pages on ${origin} may not call this mock; start it with --cors-origin ${origin} to allow them.`;
  else if (!METHODS.has(method)) detail = `The API takes no ${method} requests.`;
  else if (asked.some((h) => !HEADERS.has(h)))
    detail = `Only these request headers are allowed: ${PREFLIGHT_HEADERS['Access-Control-Allow-Headers']}.`;
  if (detail) return problemResponse(problem('origin_not_allowed', detail, requestId), { Vary: 'Origin' });
  return {
    status: 204,
    headers: { ...PREFLIGHT_HEADERS, ...corsHeaders(req, origins) },
  };
}
