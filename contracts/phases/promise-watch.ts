import { judgeActionOutcome } from '../checks/action-outcome.js';
import { ChangesShown } from '../checks/change-shown.js';
import { DerivedFields } from '../checks/derived-fields.js';
import { judgeRateLimitMeaning } from '../checks/rate-limit-meaning.js';
import { RequestIds } from '../checks/request-id.js';
import type { RunContext } from '../run-context.js';

/**
 * The checks of the spec's words that judge the traffic the other checks send (no request of
 * their own): request ids, the rate-limit headers' meaning, changes shown, action outcomes and
 * derived fields.
 */
export function watchPromises(ctx: RunContext): void {
  const requestIds = new RequestIds();
  const changes = new ChangesShown(ctx.spec);
  const derived = new DerivedFields();
  ctx.target.onExchange((request, exchange) => {
    const id = request.operationId;
    if (!id || exchange.status === 0) return;
    requestIds.observe(ctx.matrix, id, exchange);
    judgeRateLimitMeaning(ctx.matrix, id, exchange);
    changes.observe(ctx.matrix, request, exchange);
    judgeActionOutcome(ctx.matrix, request, exchange);
    derived.observe(ctx.matrix, request, exchange);
  });
}
