import type { SpecOperation } from '../../spec/spec.js';
import type { Exchange } from '../exchange.js';
import { broken } from '../promise-verdicts.js';
import { validRequest } from '../request-builder.js';
import type { CheckName } from '../results.js';
import { documented, isProblemJson, isWrite, type RunContext } from '../run-context.js';
import type { Auth } from '../target.js';

interface Expectation {
  check: CheckName;
  auth: (ctx: RunContext) => Auth | undefined;
  /** Why the check cannot run, if it cannot. */
  unavailable?: (ctx: RunContext, operation: SpecOperation) => string | undefined;
  judge: (exchange: Exchange) => string | undefined;
  /** The spec's words the row judges, cited when it fails. */
  promise?: string;
}

/** A 401 with a Bearer challenge, or why not. */
export function unauthorized(exchange: Exchange): string | undefined {
  if (exchange.status !== 401) return `got ${exchange.status}, not 401`;
  const challenge = exchange.responseHeaders['www-authenticate'];
  if (!challenge || !/^bearer\b/i.test(challenge))
    return `401 without 'WWW-Authenticate: Bearer' (got ${challenge ?? 'none'})`;
  return undefined;
}

// Each row: what credential to send and what must come back. `auth-cross-user` is below: it also looks at the body.
const EXPECTATIONS: Expectation[] = [
  { check: 'auth-missing-token', auth: () => null, judge: unauthorized },
  { check: 'auth-malformed-header', auth: (ctx) => ({ header: ctx.options.token }), judge: unauthorized },
  { check: 'auth-malformed-header', auth: () => ({ header: 'Basic dXNlcjpwYXNz' }), judge: unauthorized },
  { check: 'auth-malformed-header', auth: () => ({ header: 'Bearer' }), judge: unauthorized },
  {
    check: 'auth-unknown-token',
    auth: () => ({ token: `unknown-${Date.now().toString(36)}` }),
    judge: unauthorized,
  },
  {
    check: 'auth-readonly-write',
    auth: (ctx) => (ctx.options.readonlyToken ? { token: ctx.options.readonlyToken } : undefined),
    unavailable: (ctx, operation) =>
      !isWrite(operation)
        ? 'not a write'
        : ctx.options.readonlyToken
          ? undefined
          : 'no --readonly-token given',
    judge: (exchange) =>
      exchange.status === 403 ? undefined : `read-only token writing got ${exchange.status}, not 403`,
  },
  {
    check: 'auth-readonly-read',
    auth: (ctx) => (ctx.options.readonlyToken ? { token: ctx.options.readonlyToken } : undefined),
    unavailable: (ctx, operation) =>
      isWrite(operation) ? 'not a read' : ctx.options.readonlyToken ? undefined : 'no --readonly-token given',
    judge: (exchange) =>
      exchange.status >= 200 && exchange.status < 300
        ? undefined
        : `read-only token reading got ${exchange.status}, not a 2xx`,
    promise: 'readonly-reads',
  },
];

/** Ids the run owns: another user must never see them. */
const ownIds = (ctx: RunContext) => [
  ...ctx.fixtures.entries().map(([, id]) => id),
  ...ctx.ledger.created.map((c) => c.id),
];

/** True when the request names something of the run's own: by path, or by an id in its body. */
const namesOwnResource = (ctx: RunContext, operation: SpecOperation, body: unknown) =>
  operation.parameters.some((p) => p.in === 'path') ||
  (body !== undefined && ownIds(ctx).some((id) => JSON.stringify(body).includes(id)));

function judgeCrossUser(
  ctx: RunContext,
  operation: SpecOperation,
  exchange: Exchange,
  body: unknown,
): string | undefined {
  const hasPathId = namesOwnResource(ctx, operation, body);
  // A problem document may name the id it did not find; anything else must not carry our data.
  const leaked =
    !isProblemJson(exchange.responseHeaders) && ownIds(ctx).find((id) => exchange.responseBody.includes(id));
  if (leaked) return `another user's response contains ${leaked}`;
  if (hasPathId && exchange.status !== 404) return `another user's token got ${exchange.status}, not 404`;
  // What a user may: read their own lists (a read that cannot be 404 must answer).
  const ownList = !isWrite(operation) && !hasPathId && !documented(operation, '4').includes(404);
  if (ownList && (exchange.status < 200 || exchange.status > 299))
    return `another user's token reading their own ${operation.operationId} got ${exchange.status}, not a 2xx`;
  return undefined;
}

/** The auth checks: missing, malformed and unknown credentials → 401; read-only writes → 403; other users → 404. */
export async function checkAuth(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const id = operation.operationId;
    const built = validRequest(ctx, operation);
    for (const row of EXPECTATIONS) {
      if (!ctx.enabled(row.check)) continue;
      const unavailable = row.unavailable?.(ctx, operation);
      if (unavailable === 'not a write' || unavailable === 'not a read') continue;
      if (unavailable) ctx.matrix.skip(id, row.check, unavailable);
      else if (isWrite(operation) && ctx.options.readOnly) ctx.matrix.skip(id, row.check, '--read-only');
      else if ('skip' in built) ctx.matrix.skip(id, row.check, built.skip);
      else {
        const exchange = await ctx.target.send({ ...built.request, auth: row.auth(ctx) ?? null });
        const problem = row.judge(exchange);
        if (problem && row.promise) broken(ctx.matrix, row.promise, id, problem, exchange);
        else if (problem) ctx.matrix.fail(id, row.check, problem, exchange);
        else ctx.matrix.pass(id, row.check);
      }
    }
    if (!ctx.enabled('auth-cross-user')) continue;
    if (!ctx.options.otherToken) ctx.matrix.skip(id, 'auth-cross-user', 'no --other-token given');
    else if (isWrite(operation) && ctx.options.readOnly)
      ctx.matrix.skip(id, 'auth-cross-user', '--read-only');
    else if ('skip' in built) ctx.matrix.skip(id, 'auth-cross-user', built.skip);
    else if (isWrite(operation) && !namesOwnResource(ctx, operation, built.request.body)) continue;
    else {
      const exchange = await ctx.target.send({ ...built.request, auth: { token: ctx.options.otherToken } });
      const problem = judgeCrossUser(ctx, operation, exchange, built.request.body);
      if (problem) broken(ctx.matrix, 'users-apart', id, problem, exchange);
      else ctx.matrix.pass(id, 'auth-cross-user');
    }
  }
}
