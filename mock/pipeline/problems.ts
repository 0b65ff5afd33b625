import type { components } from '../../spec/generated/api.js';
import type { DomainErrorKind } from '../domain/errors.js';

/**
 * The error catalog: the problem codes the pipeline answers with itself, their status and title
 * (after Prism's catalog). Domain errors carry their own codes; their kind gives the status.
 */
const CATALOG = {
  validation_failed: [400, 'Request validation failed'],
  bad_request: [400, 'Bad request'],
  invalid_json: [400, 'Malformed JSON'],
  unexpected_body: [400, 'Unexpected body'],
  prefer_not_documented: [400, 'Prefer asks for an undocumented status'],
  several_authorizations: [400, 'Several Authorization headers'],
  unauthorized: [401, 'Authentication required'],
  malformed_authorization: [401, 'Malformed Authorization header'],
  invalid_token: [401, 'Invalid token'],
  admin_token_required: [401, 'Admin token required'],
  read_only_token: [403, 'Forbidden'],
  account_suspended: [403, 'Account suspended'],
  cross_origin_refused: [403, 'Cross-origin request refused'],
  host_not_allowed: [403, 'Host not allowed'],
  origin_not_allowed: [403, 'Origin not allowed'],
  route_not_found: [404, 'Not found'],
  method_not_allowed: [405, 'Method not allowed'],
  idempotency_key_reused: [409, 'Idempotency key reused'],
  request_timeout: [408, 'Request timeout'],
  payload_too_large: [413, 'Payload too large'],
  unsupported_media_type: [415, 'Unsupported media type'],
  request_headers_too_large: [431, 'Request header fields too large'],
  rate_limited: [429, 'Too many requests'],
  internal_error: [500, 'Internal server error'],
  service_unavailable: [503, 'Service unavailable'],
} as const satisfies Record<string, readonly [status: number, title: string]>;

/** A code of the catalog. */
export type ProblemCode = keyof typeof CATALOG;

const KIND: Record<DomainErrorKind, readonly [status: number, title: string]> = {
  invalid: [400, 'Bad request'],
  forbidden: [403, 'Forbidden'],
  not_found: [404, 'Not found'],
  conflict: [409, 'Conflict'],
};

/** One wrong field of a 400, as openapi.yaml defines it. */
export type FieldError = components['schemas']['FieldError'];

/** An RFC 9457 problem document, as openapi.yaml defines it. */
export type Problem = components['schemas']['Problem'];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

function build(
  code: string,
  status: number,
  title: string,
  detail: string,
  requestId: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `https://telemock.dev/problems/${code}`,
    title,
    status,
    detail,
    code,
    requestId,
    ...(errors ? { errors } : {}),
  };
}

/** A problem for one of the catalog's codes. */
export function problem(
  code: ProblemCode,
  detail: string,
  requestId: string,
  errors?: FieldError[],
): Problem {
  const [status, title] = CATALOG[code];
  return build(code, status, title, detail, requestId, errors);
}

/** A problem for a domain error of the given kind and code. */
export function domainProblem(
  kind: DomainErrorKind,
  code: string,
  detail: string,
  requestId: string,
  field?: string,
): Problem {
  const [status, title] = KIND[kind];
  return build(
    code,
    status,
    title,
    detail,
    requestId,
    field ? [{ path: field, message: detail }] : undefined,
  );
}
