import { CALL_FLOW, linksOf } from '../call-flow.js';
import { judgeAccepted } from '../checks/positive.js';
import { validRequest } from '../request-builder.js';
import type { RunContext } from '../run-context.js';

// Creates what the checks need, in the order the links allow: agent, its persona, an SMS. Calls come in the lifecycle.
async function createFixtures(ctx: RunContext): Promise<void> {
  const creators = [...ctx.spec.operations.values()].filter(
    (op) =>
      op.method === 'POST' &&
      op.responses['201'] &&
      linksOf(op).length > 0 &&
      op.operationId !== CALL_FLOW.create,
  );
  const follow = creators.flatMap((op) => linksOf(op).map((l) => ctx.spec.operations.get(l.operationId)));
  const steps = [
    ...creators,
    ...follow.filter((op) => op?.method === 'POST' && op.operationId !== CALL_FLOW.create),
  ];
  for (const operation of steps) {
    if (!operation) continue;
    const built = validRequest(ctx, operation);
    if ('skip' in built) continue;
    ctx.progress(`setup: ${operation.operationId}`);
    judgeAccepted(ctx, operation.operationId, 'setup', await ctx.target.send(built.request));
  }
}

// Read-only, the run creates nothing: it lists what is there and uses those ids.
async function discoverFixtures(ctx: RunContext): Promise<void> {
  for (const op of ctx.spec.operations.values())
    if (op.method === 'GET' && !op.path.includes('{'))
      await ctx.target.send({ operationId: op.operationId, method: 'GET', path: op.path });
}

/** Gets the ids the checks need: created on the target, or (read-only) found on it. */
export async function setUpFixtures(ctx: RunContext): Promise<void> {
  if (ctx.options.readOnly) await discoverFixtures(ctx);
  else await createFixtures(ctx);
}
