import type { Principal, Tenants } from '../domain/tenants.js';

export type Authentication =
  | { ok: true; principal: Principal }
  | { ok: false; code: 'unauthorized' | 'malformed_authorization' | 'invalid_token'; detail: string };

const BEARER = /^Bearer ([\x21-\x7E]+)$/i;

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

/** The `WWW-Authenticate` challenge for a failed authentication (RFC 6750 §3). */
export function challenge(code: Exclude<Authentication, { ok: true }>['code']): string {
  if (code === 'unauthorized') return 'Bearer realm="telemock"';
  return `Bearer realm="telemock", error="invalid_token"`;
}
