import { randomUUID } from 'node:crypto';
import type { SpecOperation } from '../../spec/spec.js';
import { CALL_FLOW } from '../call-flow.js';
import type { Exchange } from '../exchange.js';
import { validBodies } from '../request-builder.js';
import type { RunContext } from '../run-context.js';
import type { ProbeRequest } from '../target.js';

const KEY = 'idempotency-key';
const idOf = (exchange: Exchange) => (exchange.json as { id?: unknown } | undefined)?.id;
const newestId = (exchange: Exchange) =>
  (exchange.json as { data?: Array<{ id?: unknown }> } | undefined)?.data?.[0]?.id;

/** The three answers of an idempotency trial, judged: a replay is the first answer again, another body is a 409. */
export function judgeReplay(first: Exchange, replay: Exchange, otherBody: Exchange): string | undefined {
  if (first.status !== 201) return `the first request got ${first.status}, not 201`;
  if (replay.status !== first.status)
    return `the replay got ${replay.status}, the first request ${first.status}`;
  if (idOf(replay) !== idOf(first))
    return `the replay created ${String(idOf(replay))}, the first request ${String(idOf(first))}`;
  if (replay.responseHeaders['idempotent-replayed'] !== 'true')
    return `the replay came without 'Idempotent-Replayed: true' (got ${replay.responseHeaders['idempotent-replayed'] ?? 'none'})`;
  if (otherBody.status !== 409) return `the same key with another body got ${otherBody.status}, not 409`;
  return undefined;
}

// The list of what an operation creates: the GET on the same path (newest first, as the spec says).
const listOf = (ctx: RunContext, operation: SpecOperation) =>
  [...ctx.spec.operations.values()].find((op) => op.method === 'GET' && op.path === operation.path);

/**
 * `idempotency`: on each operation that takes `Idempotency-Key`, the same key and body returns the
 * same resource with `Idempotent-Replayed: true`, the same key with another body gets 409, and
 * neither creates anything (the list's newest item is still the first one).
 */
export async function checkIdempotency(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const id = operation.operationId;
    if (!operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === KEY)) continue;
    if (ctx.options.readOnly) {
      ctx.matrix.skip(id, 'idempotency', '--read-only');
      continue;
    }
    const filled = ctx.fixtures.fill(operation);
    if ('missing' in filled) {
      ctx.matrix.skip(id, 'idempotency', `no ${filled.missing} to use`);
      continue;
    }
    const bodies = validBodies(ctx, operation, filled.params).map((b) => b.body);
    const other = bodies.find((b) => JSON.stringify(b) !== JSON.stringify(bodies[0]));
    if (bodies[0] === undefined || other === undefined) {
      ctx.matrix.skip(id, 'idempotency', 'fewer than two different valid bodies');
      continue;
    }
    const createsCall = id === CALL_FLOW.create;
    if (createsCall && !ctx.ledger.takeCall()) {
      ctx.matrix.skip(id, 'idempotency', `--max-calls ${ctx.ledger.maxCalls} reached`);
      continue;
    }
    const request: ProbeRequest = {
      operationId: id,
      method: operation.method,
      path: filled.path,
      headers: { 'Idempotency-Key': `telemock-contract-${randomUUID()}` },
      createsCall,
    };
    const first = await ctx.target.send({ ...request, body: bodies[0] });
    const replay = await ctx.target.send({ ...request, body: bodies[0] });
    const otherBody = await ctx.target.send({ ...request, body: other, createsCall: false });
    let problem = judgeReplay(first, replay, otherBody);
    const list = listOf(ctx, operation);
    if (!problem && list) {
      const listed = await ctx.target.send({ operationId: list.operationId, method: 'GET', path: list.path });
      if (listed.status === 200 && newestId(listed) !== idOf(first))
        problem = `after the replays the newest in ${list.operationId} is ${String(newestId(listed))}, not ${String(idOf(first))}`;
    }
    if (problem)
      ctx.matrix.fail(id, 'idempotency', problem, problem.includes('other body') ? otherBody : replay);
    else ctx.matrix.pass(id, 'idempotency');
    const callId = idOf(first);
    if (createsCall && typeof callId === 'string') await ctx.ledger.hangUp(callId);
  }
}
