import type { Principal } from '../domain/tenants.js';
import { problem } from './problems.js';
import { isRead } from './request-policy.js';
import { problemResponse } from './respond.js';
import type { ApiResponse } from './types.js';

/** 403 when the user may not send this request: a suspended account, or a read-only token writing. */
export function permissionRefusal(
  principal: Principal,
  method: string,
  requestId: string,
  headers: Record<string, string>,
): ApiResponse | undefined {
  if (principal.user.suspended) {
    const detail = `The account ${principal.user.id} is suspended.`;
    return problemResponse(problem('account_suspended', detail, requestId), headers);
  }
  if (principal.access === 'read' && !isRead(method)) {
    const detail = 'This token can only read; it cannot create or change anything.';
    return problemResponse(problem('read_only_token', detail, requestId), headers);
  }
  return undefined;
}
