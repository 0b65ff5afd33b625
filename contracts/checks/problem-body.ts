import type { Spec } from '../../spec/spec.js';
import { type Exchange, isProblemJson } from '../exchange.js';

interface ProblemView {
  type?: unknown;
  status?: unknown;
  code?: unknown;
  requestId?: unknown;
}

const cache = new WeakMap<Spec, string | undefined>();

/**
 * The namespace of problem types the spec documents: every documented problem example has
 * `type` = this prefix + its `code` (undefined when the examples follow no one shape).
 */
export function problemTypePrefix(spec: Spec): string | undefined {
  if (cache.has(spec)) return cache.get(spec);
  const responses = (spec.document.components as { responses?: Record<string, unknown> }).responses ?? {};
  const prefixes = new Set<string>();
  for (const response of Object.values(responses)) {
    const content = (response as { content?: Record<string, { example?: ProblemView }> }).content ?? {};
    const example = content['application/problem+json']?.example;
    if (typeof example?.type !== 'string' || typeof example.code !== 'string') continue;
    prefixes.add(example.type.endsWith(example.code) ? example.type.slice(0, -example.code.length) : '');
  }
  const prefix = prefixes.size === 1 ? [...prefixes][0] : undefined;
  cache.set(spec, prefix || undefined);
  return prefix || undefined;
}

/**
 * `problem-body`: a problem document agrees with the response it came in: `status` is the HTTP
 * status, `requestId` is the `X-Request-Id` header, and `type` is the documented problem type of
 * its `code`. Undefined when it agrees; 'not a problem' when there is nothing to judge.
 */
export function judgeProblemBody(spec: Spec, exchange: Exchange): string | undefined | 'not a problem' {
  const body = exchange.json as ProblemView | undefined;
  if (
    !isProblemJson(exchange.responseHeaders) ||
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body)
  )
    return 'not a problem';
  const problems: string[] = [];
  if (body.status !== exchange.status)
    problems.push(`status says ${String(body.status)}, the response is ${exchange.status}`);
  const requestId = exchange.responseHeaders['x-request-id'];
  if (requestId !== undefined && body.requestId !== requestId)
    problems.push(`requestId is ${String(body.requestId)}, X-Request-Id is ${requestId}`);
  const prefix = problemTypePrefix(spec);
  if (prefix && typeof body.code === 'string' && body.type !== `${prefix}${body.code}`)
    problems.push(
      `type ${String(body.type)} is not the documented type of code ${body.code} (${prefix}${body.code})`,
    );
  return problems.length > 0 ? problems.join('; ') : undefined;
}
