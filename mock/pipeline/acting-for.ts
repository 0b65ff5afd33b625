import type { SpecOperation } from '../../spec/spec.js';
import type { Principal, Tenants } from '../domain/tenants.js';
import { namedUser } from './authenticate.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse } from './types.js';

/**
 * The user an admin operation acts for when the request names one in `X-Mock-User` instead of
 * sending a Bearer token (the inspector does), or a refusal for a name that is no user. Undefined
 * when the request names no one, carries a token, or the operation takes no such name.
 */
export function actingFor(
  req: ApiRequest,
  operation: SpecOperation,
  tenants: Tenants,
  requestId: string,
  headers: Record<string, string>,
): { principal: Principal } | { response: ApiResponse } | undefined {
  const id = req.headers['x-mock-user'];
  if (id === undefined || req.headers.authorization !== undefined) return undefined;
  if (!operation.security?.some((s) => 'mockUser' in s)) return undefined;
  const named = namedUser(id, tenants);
  if (!named.ok) return { response: problemResponse(problem(named.code, named.detail, requestId), headers) };
  return { principal: named.principal };
}
