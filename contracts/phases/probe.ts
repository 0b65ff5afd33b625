import type { RunContext } from '../run-context.js';
import { TargetUnreachable } from '../target.js';

/** Sends one read that needs no id; throws TargetUnreachable when nothing answers. */
export async function probeTarget(ctx: RunContext): Promise<void> {
  const probe = [...ctx.spec.operations.values()].find((op) => op.method === 'GET' && !op.path.includes('{'));
  if (!probe) return;
  const first = await ctx.target.send({
    operationId: probe.operationId,
    method: probe.method,
    path: probe.path,
  });
  if (first.status === 0)
    throw new TargetUnreachable(`Cannot reach ${ctx.options.baseUrl}: ${first.responseBody}`);
}
