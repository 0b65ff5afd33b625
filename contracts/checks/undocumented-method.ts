import { isProblemJson, type RunContext } from '../run-context.js';
import { unknownIdLike } from './unknown-id.js';

const CANDIDATES = ['DELETE', 'PATCH', 'PUT', 'POST', 'GET'];

/**
 * `undocumented-method`: a method the spec does not list for a path → 405 with an `Allow` header
 * (RFC 9110 §15.5.6) and a problem document. Recorded on every operation of the path.
 */
export async function checkUndocumentedMethods(ctx: RunContext): Promise<void> {
  const paths = new Map<string, typeof ctx.operations>();
  for (const operation of ctx.operations)
    paths.set(operation.path, [...(paths.get(operation.path) ?? []), operation]);
  for (const [path, operations] of paths) {
    const all = [...ctx.spec.operations.values()].filter((op) => op.path === path);
    const method = CANDIDATES.find((m) => !all.some((op) => op.method === m));
    const first = operations[0];
    if (!method || !first) continue;
    const ids = operations.map((op) => op.operationId);
    if (ctx.options.readOnly && method !== 'GET') {
      for (const id of ids) ctx.matrix.skip(id, 'undocumented-method', '--read-only');
      continue;
    }
    // Path ids need not exist: the method is wrong whatever the id.
    const fill: Record<string, string> = {};
    for (const param of first.parameters.filter((p) => p.in === 'path'))
      fill[param.name] =
        ctx.fixtures.get(param.name) ?? unknownIdLike(String(param.example ?? 'x_0000000000000000'));
    const filled = ctx.fixtures.fill(first, fill);
    if ('missing' in filled) continue;
    const exchange = await ctx.target.send({ operationId: undefined, method, path: filled.path });
    const allow = exchange.responseHeaders.allow ?? '';
    const missing = all.filter((op) => !allow.toUpperCase().includes(op.method)).map((op) => op.method);
    let problem: string | undefined;
    if (exchange.status !== 405) problem = `${method} ${path} got ${exchange.status}, not 405`;
    else if (!isProblemJson(exchange.responseHeaders))
      problem = `${method} ${path} got a 405 that is not problem+json`;
    else if (missing.length > 0)
      problem = `405 without 'Allow' naming ${missing.join(', ')} (got '${allow}')`;
    for (const id of ids) {
      if (problem) ctx.matrix.fail(id, 'undocumented-method', problem, exchange);
      else ctx.matrix.pass(id, 'undocumented-method');
    }
  }
}
