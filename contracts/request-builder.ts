import type { SpecOperation } from '../spec/spec.js';
import type { RunContext } from './run-context.js';
import { sampleBodies } from './sample-data.js';
import type { ProbeRequest } from './target.js';

/** A valid request for an operation, or why the run cannot make one. */
export type Built = { request: ProbeRequest; params: Record<string, string> } | { skip: string };

/** Valid bodies for an operation (examples first), keeping only those the spec's validator accepts. */
export function validBodies(ctx: RunContext, operation: SpecOperation, params: Record<string, string> = {}) {
  return sampleBodies(operation, ctx.fixtures.override).filter(({ body }) => {
    const check = ctx.validators.validateRequest(operation.operationId, { path: params, body });
    return check.ok || !check.errors.some((e) => e.path.startsWith('/body'));
  });
}

/** The simplest valid request for an operation, with the run's ids in its path and body. */
export function validRequest(
  ctx: RunContext,
  operation: SpecOperation,
  options: { replacePath?: Record<string, string>; bodyIndex?: number } = {},
): Built {
  const filled = ctx.fixtures.fill(operation, options.replacePath);
  if ('missing' in filled) return { skip: `no ${filled.missing} to use (nothing created or listed)` };
  const request: ProbeRequest = {
    operationId: operation.operationId,
    method: operation.method,
    path: filled.path,
  };
  if (operation.requestBody) {
    const bodies = validBodies(ctx, operation, filled.params);
    const chosen = bodies[options.bodyIndex ?? 0] ?? bodies[0];
    if (!chosen) return { skip: 'could not generate a valid body from the schema' };
    request.body = chosen.body;
  }
  return { request, params: filled.params };
}

/** The line that names a request in a reason: `POST /calls`. */
export const describeRequest = (request: ProbeRequest) => `${request.method} ${request.path}`;
