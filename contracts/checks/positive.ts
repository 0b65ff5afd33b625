import { CALL_FLOW, callActions } from '../call-flow.js';
import type { Exchange } from '../exchange.js';
import { validBodies } from '../request-builder.js';
import { documented, isWrite, type RunContext } from '../run-context.js';
import { sampleValue } from '../sample-data.js';
import type { ProbeRequest } from '../target.js';

// A cursor is only valid when the target handed it out; it is taken from a page, never made up.
const CURSOR = 'cursor';

/** Judges one answer to a valid request: it must be a documented 2xx. */
export function judgeAccepted(
  ctx: RunContext,
  operationId: string,
  label: string,
  exchange: Exchange,
): boolean {
  const operation = ctx.validators.operation(operationId);
  if (documented(operation, '2').includes(exchange.status)) {
    ctx.matrix.pass(operationId, 'positive-data');
    return true;
  }
  ctx.matrix.fail(
    operationId,
    'positive-data',
    `valid request (${label}) got ${exchange.status}, not a documented 2xx`,
    exchange,
  );
  return false;
}

/**
 * `positive-data`: requests built from the spec's examples and from the schemas are accepted.
 * The call actions are judged inside the lifecycle, where the call is live.
 */
export async function checkPositiveData(ctx: RunContext): Promise<void> {
  const skipped = new Set([CALL_FLOW.hangUp, ...callActions(ctx.spec).map((op) => op.operationId)]);
  // Writes first, so that reads find what they read (a webhook setting, a persona).
  const ordered = [...ctx.operations.filter(isWrite), ...ctx.operations.filter((op) => !isWrite(op))];
  for (const operation of ordered) {
    const id = operation.operationId;
    if (skipped.has(id as typeof CALL_FLOW.hangUp)) continue;
    if (isWrite(operation) && ctx.options.readOnly) {
      ctx.matrix.skip(id, 'positive-data', '--read-only');
      continue;
    }
    const filled = ctx.fixtures.fill(operation);
    if ('missing' in filled) {
      ctx.matrix.skip(id, 'positive-data', `no ${filled.missing} to use`);
      continue;
    }
    const base: ProbeRequest = { operationId: id, method: operation.method, path: filled.path };
    if (!operation.requestBody) {
      const first = await ctx.target.send(base);
      // Read-only, the run reads what it found listed; an agent found may have no persona (a documented 404).
      if (ctx.options.readOnly && first.status === 404 && documented(operation, '4').includes(404)) {
        ctx.matrix.skip(id, 'positive-data', '--read-only: the listed resource has none (404)');
        continue;
      }
      judgeAccepted(ctx, id, 'no parameters', first);
      for (const param of operation.parameters.filter((p) => p.in === 'query')) {
        let value: unknown = sampleValue(param.schema, 'full');
        if (param.example !== undefined) value = param.example;
        if (param.name === CURSOR) value = (first.json as { nextCursor?: unknown } | undefined)?.nextCursor;
        if (value === undefined || value === null) continue;
        const query = { [param.name]: String(value) };
        if (!ctx.validators.validateRequest(id, { path: filled.params, query }).ok) continue;
        judgeAccepted(ctx, id, `${param.name}=${String(value)}`, await ctx.target.send({ ...base, query }));
      }
      continue;
    }
    for (const { label, body } of validBodies(ctx, operation, filled.params)) {
      const createsCall = id === CALL_FLOW.create;
      if (createsCall && !ctx.ledger.takeCall()) {
        ctx.matrix.skip(id, 'positive-data', `--max-calls ${ctx.ledger.maxCalls} reached`);
        break;
      }
      const exchange = await ctx.target.send({ ...base, body, createsCall });
      judgeAccepted(ctx, id, label, exchange);
      const callId = (exchange.json as { id?: unknown } | undefined)?.id;
      if (createsCall && exchange.status === 201 && typeof callId === 'string')
        await ctx.ledger.hangUp(callId);
    }
  }
}
