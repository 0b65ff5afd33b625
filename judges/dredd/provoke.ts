import { randomUUID } from 'node:crypto';
import type { SpecOperation } from '../../spec/spec.js';
import type { CarriedIds, DreddFixtures } from './fixtures.js';
import { type DreddTransaction, fillPath, setBodyField, setHeader, setQuery } from './transaction.js';

/** What provoking a status needs to know about the run. */
export interface ProvokeContext {
  operation: SpecOperation;
  fixtures: DreddFixtures;
  ids: CarriedIds;
  forbiddenToken: string | undefined;
  /** Whether `Prefer: code=…` (Prism's convention, honoured by the mock) may be used to get a 500/503. */
  faults: boolean;
  maxBodyBytes: number;
}

// Well-formed ids that no target has issued: the way to a deterministic 404.
const UNKNOWN: Record<string, string> = {
  callId: 'call_0000000000000000',
  agentId: 'agt_0000000000000000',
  textId: 'txt_0000000000000000',
};

const hasPathParam = (op: SpecOperation) => op.parameters.some((p) => p.in === 'path');
const hasBody = (op: SpecOperation) => op.requestBody !== undefined;

/**
 * Sends the example request with a key the target has already seen with another body, which the spec
 * documents as 409 on every operation that takes an `Idempotency-Key`.
 */
async function reuseIdempotencyKey(t: DreddTransaction, ctx: ProvokeContext): Promise<void> {
  const key = `dredd-${randomUUID()}`;
  setHeader(t.request.headers, 'Idempotency-Key', key);
  const first = await ctx.fixtures.send(
    t.request.method,
    t.fullPath,
    { ...t.request.headers, 'Content-Type': 'application/json' },
    t.request.body,
  );
  if (first >= 300) throw new Error(`the first request with idempotency key ${key} got ${first}`);
  // Same key, different body: only the conflict can answer it.
  const body = JSON.parse(t.request.body) as Record<string, unknown>;
  if (ctx.operation.operationId === 'createAgent') body.name = `${String(body.name)} (again)`;
  else if (ctx.operation.operationId === 'sendText') body.body = `${String(body.body)} (again)`;
  else body.metadata = { dredd: 'again' };
  t.request.body = JSON.stringify(body);
}

/**
 * Changes a transaction so the target must answer `status`, or returns why that cannot be done
 * deterministically (the transaction is then skipped with that reason).
 */
export async function provokeStatus(
  t: DreddTransaction,
  status: number,
  ctx: ProvokeContext,
): Promise<string | undefined> {
  const op = ctx.operation;
  switch (status) {
    case 400:
      if (hasBody(op)) t.request.body = '{}';
      else if (hasPathParam(op))
        fillPath(t, { callId: 'not-a-call', agentId: 'not-an-agent', textId: 'nope' });
      else if (op.parameters.some((p) => p.name === 'limit')) setQuery(t, 'limit', '0');
      // No input at all: an unknown query parameter is the only bad input left (the spec lists them all).
      else setQuery(t, 'unknownParameter', '1');
      return undefined;
    case 401:
      setHeader(t.request.headers, 'Authorization', undefined);
      return undefined;
    case 403:
      if (!ctx.forbiddenToken) return 'needs --forbidden-token (a suspended or read-only account)';
      setHeader(t.request.headers, 'Authorization', `Bearer ${ctx.forbiddenToken}`);
      return undefined;
    case 404:
      if (hasPathParam(op)) fillPath(t, UNKNOWN);
      else if (op.operationId === 'createCall') setBodyField(t, 'agentId', UNKNOWN.agentId);
      else if (op.operationId === 'sendText') setBodyField(t, 'inReplyTo', UNKNOWN.textId);
      // getTextWebhook: only a user who never set a webhook gets 404, and this run sets one.
      else return 'only a user who never set a texts webhook gets it; nothing can unset one';
      return undefined;
    case 409:
      if (
        op.operationId === 'hangUpCall' ||
        ['respondToCall', 'injectCallAudio', 'routeCall'].includes(op.operationId)
      ) {
        fillPath(t, { callId: await ctx.fixtures.endedCall(ctx.ids.callAgentId) });
        return undefined;
      }
      if (op.parameters.some((p) => p.name === 'Idempotency-Key')) {
        await reuseIdempotencyKey(t, ctx);
        return undefined;
      }
      return 'no documented way to provoke a conflict here';
    case 413:
      // Valid JSON one byte over the limit, so the size is the only thing wrong.
      t.request.body = JSON.stringify({ padding: 'x'.repeat(ctx.maxBodyBytes) });
      return undefined;
    case 415:
      setHeader(t.request.headers, 'Content-Type', 'text/plain');
      return undefined;
    case 429:
      return 'spends the whole rate-limit window and turns the transactions after it into 429s';
    case 500:
    case 503:
      if (!ctx.faults)
        return 'a server failure cannot be caused from outside (run without --no-faults on the mock)';
      setHeader(t.request.headers, 'Prefer', `code=${status}`);
      return undefined;
    default:
      return `no way to provoke ${status}`;
  }
}
