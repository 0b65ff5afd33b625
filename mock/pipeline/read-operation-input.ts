import type { SpecValidators } from '../../spec/validators.js';
import { isJsonContentType, parseJsonBody } from './parse-json-body.js';
import { type FieldError, type Problem, problem } from './problems.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse, ValidatedInput } from './types.js';

/** The 400 of a request the spec refuses: each wrong field (up to the spec's limit) and how many more. */
export function invalidFieldsProblem(
  check: { errors: FieldError[]; omitted: number },
  requestId: string,
): Problem {
  const n = check.errors.length + check.omitted;
  const listed = check.errors.map((e) => `${e.path} ${e.message}`).join('; ');
  const more = check.omitted > 0 ? `; and ${check.omitted} more` : '';
  const detail = `The request has ${n} invalid field${n === 1 ? '' : 's'}: ${listed}${more}.`;
  const refused = problem('validation_failed', detail, requestId, check.errors);
  return check.omitted > 0 ? { ...refused, errorsOmitted: check.omitted } : refused;
}

export type ReadInput = { ok: true; value: ValidatedInput } | { ok: false; response: ApiResponse };

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (!search) return query;
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/**
 * Turns a routed request into a handler's input: size and media type of the body, strict JSON,
 * then the spec's validation of path, query, headers and body. Nothing unvalidated gets through.
 */
export function readOperationInput(
  validators: SpecValidators,
  operationId: string,
  req: ApiRequest,
  params: Record<string, string>,
  requestId: string,
  headers: Record<string, string>,
): ReadInput {
  const refuse = (p: ReturnType<typeof problem>): ReadInput => ({
    ok: false,
    response: problemResponse(p, headers),
  });
  const operation = validators.operation(operationId);
  const hasBody = req.bodyTooLarge === true || (req.body !== undefined && req.body.length > 0);
  // An operation without a body refuses any body, whatever its size: 413 is only for those that take one.
  if (hasBody && !operation.requestBody) {
    const detail = `${req.method} ${operation.path} takes no body.`;
    return refuse(
      problem('unexpected_body', detail, requestId, [{ path: '/body', message: 'must be empty' }]),
    );
  }
  if (req.bodyTooLarge) {
    const detail = `The body is larger than ${validators.spec.maxBodyBytes} bytes.`;
    return refuse(problem('payload_too_large', detail, requestId));
  }
  let body: unknown;
  if (hasBody) {
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      const detail = `Content-Encoding ${encoding} is not accepted; send the body uncompressed (identity).`;
      return refuse(problem('unsupported_media_type', detail, requestId));
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      const detail = `Send the body as application/json, not ${req.headers['content-type'] ?? 'without a Content-Type'}.`;
      return refuse(problem('unsupported_media_type', detail, requestId));
    }
    const parsed = parseJsonBody(req.body as Uint8Array);
    if (!parsed.ok)
      return refuse(
        problem(parsed.code, parsed.detail, requestId, [{ path: '/body', message: parsed.detail }]),
      );
    body = parsed.value;
  }
  const check = validators.validateRequest(operationId, {
    path: params,
    query: parseQuery(req.search),
    headers: req.headers,
    body,
  });
  if (!check.ok) return refuse(invalidFieldsProblem(check, requestId));
  return {
    ok: true,
    value: { operationId, params, query: check.query, body, headers: req.headers, principal: undefined },
  };
}
