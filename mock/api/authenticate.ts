import type { Principal, Tenants } from '../domain/tenants.js';

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
