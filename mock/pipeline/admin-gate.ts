import { constantTimeEqual } from '../lib/constant-time-equal.js';
import { sha256 } from '../lib/sha256.js';
import { isJsonContentType } from './parse-json-body.js';
import { problem } from './problems.js';
import { isRead } from './request-policy.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse } from './types.js';

/**
 * The admin API's own refusals, once routed: a write that is not JSON (a form or text/plain request
 * is one a page on any site can send without a preflight), and a missing or wrong `X-Admin-Token`
 * when the mock requires one (off 127.0.0.1).
 */
export function adminGate(
  req: ApiRequest,
  adminToken: string | undefined,
  requestId: string,
  headers: Record<string, string>,
): ApiResponse | undefined {
  const type = req.headers['content-type'];
  if (!isRead(req.method) && type !== undefined && !isJsonContentType(type)) {
    const detail = `Send admin requests as application/json or without a body, not ${type}.`;
    return problemResponse(problem('unsupported_media_type', detail, requestId), headers);
  }
  if (!adminToken || sameSecret(req.headers['x-admin-token'], adminToken)) return undefined;
  const detail = 'The mock is not on 127.0.0.1: send the admin token in X-Admin-Token.';
  return problemResponse(problem('admin_token_required', detail, requestId), headers);
}

function sameSecret(given: string | undefined, expected: string): boolean {
  // Compare digests, not the secrets: equal lengths always, so the comparison's time tells nothing.
  return constantTimeEqual(sha256(given ?? ''), sha256(expected));
}
