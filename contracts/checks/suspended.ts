import type { SpecOperation } from '../../spec/spec.js';
import type { Exchange } from '../exchange.js';
import { validRequest } from '../request-builder.js';
import { isProblemJson, isWrite, type RunContext } from '../run-context.js';

/** What a suspended account must get, whatever it asks: 403 problem+json. */
export function judgeSuspended(exchange: Exchange): string | undefined {
  if (exchange.status !== 403) return `suspended account got ${exchange.status}, not 403`;
  if (!isProblemJson(exchange.responseHeaders))
    return `403 as ${exchange.responseHeaders['content-type'] ?? 'no content type'}, not application/problem+json`;
  return undefined;
}

// The read of what a write names by its path: PUT /agents/{agentId} → GET /agents/{agentId}; PUT /calls/{callId}/hangup → GET /calls/{callId}.
function readOf(ctx: RunContext, write: SpecOperation): SpecOperation | undefined {
  if (!write.parameters.some((p) => p.in === 'path')) return undefined;
  const reads = [...ctx.spec.operations.values()].filter((op) => op.method === 'GET');
  for (let path = write.path; path.includes('{'); path = path.slice(0, path.lastIndexOf('/'))) {
    const read = reads.find((op) => op.path === path);
    if (read) return read;
  }
  return undefined;
}

async function readBody(ctx: RunContext, read: SpecOperation, params: Record<string, string>) {
  const filled = ctx.fixtures.fill(read, params);
  if ('missing' in filled) return undefined;
  const exchange = await ctx.target.send({ operationId: read.operationId, method: 'GET', path: filled.path });
  return exchange.responseBody;
}

/**
 * `auth-suspended`: with `--suspended-token`, every operation, reads included, gets 403
 * problem+json, and a write that names one of the run's resources leaves it as it was (read with
 * the main token before and after).
 */
export async function checkSuspended(ctx: RunContext): Promise<void> {
  const token = ctx.options.suspendedToken;
  for (const operation of ctx.operations) {
    const id = operation.operationId;
    const built = validRequest(ctx, operation);
    if (!token) ctx.matrix.skip(id, 'auth-suspended', 'no --suspended-token given');
    else if (isWrite(operation) && ctx.options.readOnly) ctx.matrix.skip(id, 'auth-suspended', '--read-only');
    else if ('skip' in built) ctx.matrix.skip(id, 'auth-suspended', built.skip);
    else {
      const read = isWrite(operation) ? readOf(ctx, operation) : undefined;
      const before = read ? await readBody(ctx, read, built.params) : undefined;
      const exchange = await ctx.target.send({ ...built.request, auth: { token } });
      const after = read ? await readBody(ctx, read, built.params) : undefined;
      const problem =
        judgeSuspended(exchange) ??
        (before !== after
          ? `the suspended account's ${id} changed what ${read?.operationId} reads`
          : undefined);
      if (problem) ctx.matrix.fail(id, 'auth-suspended', problem, exchange);
      else ctx.matrix.pass(id, 'auth-suspended');
    }
  }
}
