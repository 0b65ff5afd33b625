import type { SpecOperation } from '../../spec/spec.js';
import { validRequest } from '../request-builder.js';
import { isWrite, type RunContext } from '../run-context.js';
import type { ProbeRequest } from '../target.js';

/** An id of the same shape as `like` that no one has: same prefix, a tail of `z`s. */
export function unknownIdLike(like: string): string {
  const cut = like.lastIndexOf('_') + 1;
  return like.slice(0, cut) + 'z'.repeat(Math.max(1, like.length - cut));
}

// Requests that name one unknown id each: in the path, or in the body where a field carries a run's id.
function unknownVariants(
  ctx: RunContext,
  operation: SpecOperation,
  base: ProbeRequest,
  params: Record<string, string>,
) {
  const out: Array<[string, ProbeRequest]> = [];
  for (const [name, value] of Object.entries(params)) {
    const unknown = unknownIdLike(value);
    const check = ctx.validators.validateRequest(operation.operationId, {
      path: { ...params, [name]: unknown },
    });
    if (!check.ok && check.errors.some((e) => e.path === `/path/${name}`)) continue;
    const filled = ctx.fixtures.fill(operation, { [name]: unknown });
    if ('path' in filled) out.push([`${name} ${unknown}`, { ...base, path: filled.path }]);
  }
  if (base.body && typeof base.body === 'object' && !Array.isArray(base.body)) {
    for (const [name, value] of Object.entries(base.body)) {
      if (typeof value !== 'string' || ctx.fixtures.get(name) !== value) continue;
      const body = { ...base.body, [name]: unknownIdLike(value) };
      if (ctx.validators.validateRequest(operation.operationId, { path: params, body }).ok)
        out.push([`${name} ${unknownIdLike(value)} in the body`, { ...base, body }]);
    }
  }
  return out;
}

/** `unknown-id`: a well-formed id that does not exist → 404, in the path or in the body. */
export async function checkUnknownIds(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const id = operation.operationId;
    const built = validRequest(ctx, operation);
    const takesId = operation.parameters.some((p) => p.in === 'path');
    if ('skip' in built) {
      if (takesId) ctx.matrix.skip(id, 'unknown-id', built.skip);
      continue;
    }
    const variants = unknownVariants(ctx, operation, built.request, built.params);
    if (variants.length === 0) continue;
    if (isWrite(operation) && ctx.options.readOnly) {
      ctx.matrix.skip(id, 'unknown-id', '--read-only');
      continue;
    }
    for (const [label, request] of variants) {
      const exchange = await ctx.target.send(request);
      if (exchange.status === 404) ctx.matrix.pass(id, 'unknown-id');
      else ctx.matrix.fail(id, 'unknown-id', `unknown ${label} got ${exchange.status}, not 404`, exchange);
    }
  }
}
