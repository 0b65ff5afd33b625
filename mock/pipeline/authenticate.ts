import type { Principal, Tenants } from '../domain/tenants.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse } from './types.js';

export type Authentication =
  | { ok: true; principal: Principal }
  | {
      ok: false;
      code: 'unauthorized' | 'malformed_authorization' | 'invalid_token';
      detail: string;
    };

// RFC 6750 §2.1: `Bearer 1*SP b64token`; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer +([\x21-\x7E]+)$/i;
// Several Authorization headers reach us joined by ", " (Node and Fetch alike). A single credential
// has no space in its token, so a comma followed by `scheme SP` can only be a second credential.
const SEVERAL = /, *[A-Za-z][\w.+-]* +\S/;

/**
 * The first of several credentials, when the request carried more than one Authorization header:
 * the request is refused (400), but as that user's, so the refusal carries their rate-limit headers.
 */
export function firstOfSeveral(header: string | undefined): string | undefined {
  const second = header === undefined ? null : SEVERAL.exec(header);
  return second ? (header as string).slice(0, second.index) : undefined;
}

/** Reads `Authorization: Bearer <token>` and finds whose token it is. */
export function authenticate(header: string | undefined, tenants: Tenants): Authentication {
  if (header === undefined || header === '') {
    return { ok: false, code: 'unauthorized', detail: "Send your token as 'Authorization: Bearer <token>'." };
  }
  const token = BEARER.exec(header)?.[1];
  if (!token) {
    return {
      ok: false,
      code: 'malformed_authorization',
      detail: "The Authorization header must be 'Bearer <token>'.",
    };
  }
  const principal = tenants.authenticate(token);
  if (!principal) return { ok: false, code: 'invalid_token', detail: 'The token is not known.' };
  return { ok: true, principal };
}

/**
 * The user an admin request names by id instead of a token (`X-Mock-User`, the inspector's way):
 * the admin API can already do anything to any user, so naming one grants nothing more.
 */
export function namedUser(id: string, tenants: Tenants): Authentication {
  const user = tenants.user(id);
  if (!user) return { ok: false, code: 'invalid_token', detail: `No user '${id}' (X-Mock-User).` };
  return { ok: true, principal: { user, access: 'full' } };
}

/** The `WWW-Authenticate` challenge for a failed authentication (RFC 6750 §3). */
export function challenge(code: Exclude<Authentication, { ok: true }>['code']): string {
  if (code === 'unauthorized') return 'Bearer realm="telemock"';
  return `Bearer realm="telemock", error="invalid_token"`;
}

/**
 * The Bearer credential a request carries: with several Authorization headers, the first (its user
 * is charged the refusal, so the 400 carries that user's rate-limit headers).
 */
export function credentialOf(req: ApiRequest): string | undefined {
  return firstOfSeveral(req.headers.authorization) ?? req.headers.authorization;
}

/** A request's authentication, made once: whose credential it carries, and whether it carried several. */
export type RequestAuthentication = Authentication & { several: boolean };

/** Authenticates a request once: the pipeline reads this verdict wherever it needs to know who is asking. */
export function authenticateRequest(req: ApiRequest, tenants: Tenants): RequestAuthentication {
  const first = firstOfSeveral(req.headers.authorization);
  return { ...authenticate(first ?? req.headers.authorization, tenants), several: first !== undefined };
}

/**
 * Who is asking, from a request's authentication: the principal, or the refusal — 401 with its
 * `WWW-Authenticate` challenge, or 400 for several credentials (RFC 6750 §3.1 `invalid_request`:
 * one credential per request, or whose request is it?).
 */
export function principalOf(
  auth: RequestAuthentication,
  requestId: string,
  headers: Record<string, string>,
): { principal: Principal } | { response: ApiResponse } {
  if (!auth.ok) {
    const challenged = { ...headers, 'WWW-Authenticate': challenge(auth.code) };
    return { response: problemResponse(problem(auth.code, auth.detail, requestId), challenged) };
  }
  if (auth.several) {
    const detail = 'The request carries more than one Authorization header; send exactly one.';
    return { response: problemResponse(problem('several_authorizations', detail, requestId), headers) };
  }
  return { principal: auth.principal };
}
