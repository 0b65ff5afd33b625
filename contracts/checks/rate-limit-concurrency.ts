import type { Exchange } from '../exchange.js';
import type { RunContext } from '../run-context.js';
import { header, quotaSpender } from './rate-limit.js';

/** Most requests the suite sends at once; a larger quota is not spent in parallel. */
export const MAX_PARALLEL = 500;
const EXTRA = 3;
const MAX_WINDOW_RESTARTS = 3;

/**
 * Judges a burst sent at once when `remaining` requests were left: exactly `remaining` succeed,
 * each with its own `X-RateLimit-Remaining` (down to 0), and the rest get 429 with `Retry-After`.
 */
export function judgeBurst(remaining: number, burst: Exchange[]): string | undefined {
  const accepted = burst.filter((e) => e.status >= 200 && e.status < 300);
  const refused = burst.filter((e) => e.status === 429);
  if (accepted.length + refused.length !== burst.length) {
    const odd = burst.find((e) => !accepted.includes(e) && !refused.includes(e));
    return `a request of the burst got ${odd?.status}`;
  }
  if (accepted.length !== remaining)
    return `${accepted.length} of ${burst.length} parallel requests succeeded with ${remaining} left in the window`;
  const left = accepted.map((e) => header(e, 'x-ratelimit-remaining')).sort((a, b) => (b ?? -1) - (a ?? -1));
  const expected = accepted.map((_, i) => remaining - 1 - i);
  if (JSON.stringify(left) !== JSON.stringify(expected))
    return `X-RateLimit-Remaining of the accepted requests: ${left.join(', ')}; expected each of ${expected.join(', ')} once`;
  if (refused.some((e) => header(e, 'retry-after') === undefined))
    return '429 without an integer Retry-After';
  return undefined;
}

/**
 * `rate-limit-concurrency` (opt-in with `rate-limit`): a fresh window's quota plus a few, sent all
 * at once, lets exactly the quota through. A window that rolls over during the burst restarts it.
 */
export async function checkRateLimitConcurrency(ctx: RunContext): Promise<void> {
  const operation = quotaSpender(ctx.operations);
  if (!operation || !ctx.enabled('rate-limit-concurrency')) return;
  const id = operation.operationId;
  const request = { operationId: id, method: operation.method, path: operation.path };
  for (let restart = 0; restart <= MAX_WINDOW_RESTARTS; restart++) {
    // Not keeping a 429: a spent window is waited out, so the burst meets a full one.
    const first = await ctx.target.send(request);
    const remaining = header(first, 'x-ratelimit-remaining');
    if (remaining === undefined)
      return ctx.matrix.fail(id, 'rate-limit-concurrency', 'no integer X-RateLimit-Remaining', first);
    if (remaining + EXTRA > MAX_PARALLEL)
      return ctx.matrix.skip(
        id,
        'rate-limit-concurrency',
        `${remaining} left: more than ${MAX_PARALLEL} to send at once`,
      );
    ctx.progress(`rate-limit: ${remaining + EXTRA} requests at once on ${id}`);
    const burst = await Promise.all(
      Array.from({ length: remaining + EXTRA }, () => ctx.target.send({ ...request, keep429: true })),
    );
    const reset = first.responseHeaders['x-ratelimit-reset'];
    if (burst.some((e) => e.status !== 429 && e.responseHeaders['x-ratelimit-reset'] !== reset)) continue;
    const problem = judgeBurst(remaining, burst);
    if (problem) return ctx.matrix.fail(id, 'rate-limit-concurrency', problem, burst.at(-1));
    return ctx.matrix.pass(id, 'rate-limit-concurrency');
  }
  ctx.matrix.skip(id, 'rate-limit-concurrency', 'the window kept rolling over during the burst');
}
