import type { SpecOperation } from '../../spec/spec.js';
import type { Exchange } from '../exchange.js';
import type { RunContext } from '../run-context.js';

/** A header as a non-negative integer, if it is one. */
export const header = (exchange: Exchange, name: string) => {
  const value = exchange.responseHeaders[name];
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
};

const MAX_WINDOW_RESTARTS = 3;
// A quota larger than this is not spent (a deployment with limiting off says 2^31 - 1).
const MAX_QUOTA_SPENT = 1000;

/** The read the rate-limit checks spend the quota on: a GET that needs no parameter. */
export const quotaSpender = (operations: SpecOperation[]) =>
  operations.find(
    (op) =>
      op.method === 'GET' && !op.parameters.some((p) => p.in === 'path' || (p.in === 'query' && p.required)),
  );

/**
 * `rate-limit` (opt-in, spends the quota): the window's `X-RateLimit-Remaining` requests are
 * accepted, each counting `X-RateLimit-Remaining` down by one, and the next one gets 429 with
 * `Retry-After`. A window that rolls over mid-count restarts it.
 */
export async function checkRateLimit(ctx: RunContext): Promise<void> {
  const operation = quotaSpender(ctx.operations);
  if (!operation || !ctx.enabled('rate-limit')) return;
  const id = operation.operationId;
  const request = { operationId: id, method: operation.method, path: operation.path, keep429: true };
  ctx.progress(`rate-limit: spending the quota on ${id}`);
  let first = await ctx.target.send(request);
  for (let restart = 0; restart <= MAX_WINDOW_RESTARTS; restart++) {
    const limit = header(first, 'x-ratelimit-limit');
    const remaining = header(first, 'x-ratelimit-remaining');
    const reset = first.responseHeaders['x-ratelimit-reset'];
    if (limit === undefined || remaining === undefined)
      return ctx.matrix.fail(id, 'rate-limit', 'no integer X-RateLimit-Limit / X-RateLimit-Remaining', first);
    if (limit < 1)
      return ctx.matrix.fail(id, 'rate-limit', `X-RateLimit-Limit is ${limit}: no limit to enforce`, first);
    if (remaining > MAX_QUOTA_SPENT)
      return ctx.matrix.skip(
        id,
        'rate-limit',
        `${remaining} requests left: more than ${MAX_QUOTA_SPENT} to spend`,
      );
    let accepted = 0;
    let rolled: Exchange | undefined;
    let last = first;
    while (accepted <= remaining) {
      last = await ctx.target.send(request);
      if (last.status === 429) break;
      if (
        last.responseHeaders['x-ratelimit-reset'] !== reset &&
        (header(last, 'x-ratelimit-remaining') ?? 0) >= remaining
      ) {
        rolled = last;
        break;
      }
      const left = header(last, 'x-ratelimit-remaining');
      if (accepted < remaining && left !== remaining - accepted - 1)
        return ctx.matrix.fail(
          id,
          'rate-limit',
          `X-RateLimit-Remaining went ${remaining - accepted} → ${String(left)} over one request, not down by one`,
          last,
        );
      accepted += 1;
    }
    if (rolled) {
      first = rolled;
      continue;
    }
    if (last.status !== 429)
      return ctx.matrix.fail(
        id,
        'rate-limit',
        `not enforced: ${accepted + 1} requests in a window of ${limit} and no 429`,
        last,
      );
    if (accepted < remaining)
      return ctx.matrix.fail(
        id,
        'rate-limit',
        `429 after ${accepted + 1} requests, but X-RateLimit-Remaining said ${remaining}`,
        last,
      );
    const retryAfter = header(last, 'retry-after');
    if (retryAfter === undefined)
      return ctx.matrix.fail(id, 'rate-limit', '429 without an integer Retry-After', last);
    if (header(last, 'x-ratelimit-remaining') !== 0)
      return ctx.matrix.fail(id, 'rate-limit', '429 with X-RateLimit-Remaining other than 0', last);
    return ctx.matrix.pass(id, 'rate-limit');
  }
  ctx.matrix.skip(id, 'rate-limit', 'the window kept rolling over before the quota was spent');
}
