import type { Exchange } from '../../contracts/exchange.js';
import { judgeResponse } from '../../contracts/passive-checks.js';
import { ResultMatrix } from '../../contracts/results.js';
import type { Router } from '../../spec/router.js';
import type { SpecValidators } from '../../spec/validators.js';
import type { Violation } from './violations.js';

/** One request through the proxy and what the upstream answered, as the proxy saw them. */
export interface ProxiedExchange {
  method: string;
  /** Path and query string, as the client sent them. */
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: Buffer;
  /** 0 when the upstream could not be reached (`responseBody` then says why). */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: Buffer;
}

const isJson = (contentType: string | undefined) =>
  /^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '');

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

// The client's side: a documented operation, and parameters and body its schemas accept.
function judgeRequest(validators: SpecValidators, router: Router, exchange: ProxiedExchange) {
  const url = new URL(exchange.path, 'http://proxy.invalid');
  const match = router.match(exchange.method, url.pathname);
  if (match.kind === 'not-found') return { problems: ['no operation of the spec has this path'] };
  if (match.kind === 'method-not-allowed')
    return { problems: [`the spec documents only ${match.allow.join(', ')} on this path`] };
  if (match.kind === 'bad-path') return { problems: [match.detail], operationId: undefined };
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const problems: string[] = [];
  let body: unknown;
  const large = exchange.requestBody.length > validators.spec.maxBodyBytes;
  if (exchange.requestBody.length > 0 && !large) {
    const parsed = isJson(exchange.requestHeaders['content-type'])
      ? parseJson(exchange.requestBody.toString('utf8'))
      : { ok: false as const };
    if (parsed.ok) body = parsed.value;
    else problems.push('/body is not the JSON the spec takes');
  }
  // An oversized body is the upstream's to refuse (413); its schema is not judged here.
  const check = validators.validateRequest(match.operationId, {
    path: match.params,
    query,
    headers: exchange.requestHeaders,
    ...(large ? {} : { body }),
  });
  if (!check.ok && !large) problems.push(...check.errors.map((e) => `${e.path} ${e.message}`));
  return { problems, operationId: match.operationId };
}

/**
 * Judges one exchange the proxy forwarded: the request against its operation (path, query,
 * headers, body), and the upstream's answer by the contract suite's passive checks
 * (contracts/passive-checks.ts: documented status, content type, headers, rate-limit fields,
 * schema, problem body, no 5xx). What it finds, as violations.
 */
export function judgeExchange(
  validators: SpecValidators,
  router: Router,
  exchange: ProxiedExchange,
): Violation[] {
  // A browser's CORS preflight asks the server, not the API: no operation to judge it by.
  if (exchange.method === 'OPTIONS' && exchange.requestHeaders['access-control-request-method']) return [];
  const at = { method: exchange.method, path: exchange.path, status: exchange.status };
  const { problems, operationId } = judgeRequest(validators, router, exchange);
  const violations: Violation[] = problems.map((message) => ({
    ...at,
    side: 'request',
    check: 'request',
    message,
  }));
  if (exchange.status === 0)
    return [
      ...violations,
      { ...at, side: 'response', check: 'upstream', message: exchange.responseBody.toString() },
    ];
  if (!operationId) return violations;
  const responseBody = exchange.responseBody.toString('utf8');
  const json = isJson(exchange.responseHeaders['content-type'])
    ? parseJson(responseBody)
    : { ok: false as const };
  const judged: Exchange = {
    method: exchange.method,
    url: exchange.path,
    requestHeaders: exchange.requestHeaders,
    status: exchange.status,
    responseHeaders: exchange.responseHeaders,
    responseBody,
    ...(json.ok ? { json: json.value } : {}),
  };
  const matrix = new ResultMatrix();
  judgeResponse(validators, matrix, operationId, judged);
  for (const { check, cell } of matrix.failures())
    violations.push({ ...at, side: 'response', check, message: cell.reason ?? 'failed' });
  return violations;
}
