import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import type { ResultMatrix } from '../results.js';
import type { RunContext } from '../run-context.js';
import { header, quotaSpender } from './rate-limit.js';

// Unix seconds of any plausible clock (2001 … 5138): a delta is smaller, milliseconds are larger.
const UNIX_SECONDS = { min: 1e9, max: 1e11 };
const TRIES = 3;

/**
 * `rate-limit-meaning`, on every response that carries the `X-RateLimit-*` headers: `Remaining` is
 * at most `Limit`, and `Reset` is a Unix time in seconds (not a number of seconds to wait, not
 * milliseconds).
 */
export function judgeRateLimitMeaning(matrix: ResultMatrix, operationId: string, exchange: Exchange) {
  const limit = header(exchange, 'x-ratelimit-limit');
  const remaining = header(exchange, 'x-ratelimit-remaining');
  const reset = header(exchange, 'x-ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return;
  if (remaining > limit)
    return broken(
      matrix,
      'remaining-at-most-limit',
      operationId,
      `X-RateLimit-Remaining ${remaining} is more than X-RateLimit-Limit ${limit}`,
      exchange,
    );
  if (reset < UNIX_SECONDS.min || reset >= UNIX_SECONDS.max)
    return broken(
      matrix,
      'reset-unix-seconds',
      operationId,
      `X-RateLimit-Reset ${reset} is not a Unix time in seconds (${reset < UNIX_SECONDS.min ? 'seconds to wait?' : 'milliseconds?'})`,
      exchange,
    );
  kept(matrix, 'reset-unix-seconds', operationId);
}

/**
 * `rate-limit-meaning`, two requests in a row: in one window (the same `X-RateLimit-Reset`) the
 * second leaves fewer requests than the first. Other clients of the user may spend some too, so
 * fewer, not exactly one fewer (the opt-in `rate-limit` check counts exactly).
 */
export async function checkRateLimitCountdown(ctx: RunContext): Promise<void> {
  const operation = quotaSpender(ctx.operations);
  if (!operation) return;
  const id = operation.operationId;
  const request = { operationId: id, method: operation.method, path: operation.path };
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const first = await ctx.target.send(request);
    const second = await ctx.target.send(request);
    const before = header(first, 'x-ratelimit-remaining');
    const after = header(second, 'x-ratelimit-remaining');
    const reset = first.responseHeaders['x-ratelimit-reset'];
    if (before === undefined || after === undefined) return;
    // A window that ended between the two proves nothing: try again.
    if (reset !== second.responseHeaders['x-ratelimit-reset'] || before === 0) continue;
    if (after < before) return kept(ctx.matrix, 'remaining-counts-down', id);
    return broken(
      ctx.matrix,
      'remaining-counts-down',
      id,
      `two requests in one window (X-RateLimit-Reset ${reset}) left X-RateLimit-Remaining at ${before}, then ${after}`,
      second,
    );
  }
  ctx.matrix.skip(id, 'rate-limit-meaning', `the window ended between two requests ${TRIES} times`);
}
