import type { SpecOperation } from '../../spec/spec.js';
import { CALL_FLOW } from '../call-flow.js';
import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import { validBodies, validRequest } from '../request-builder.js';
import type { RunContext } from '../run-context.js';
import type { ProbeRequest } from '../target.js';

const AGENTS = { create: 'createAgent', persona: 'upsertAgentPersona', readPersona: 'getAgentPersona' };

/** One request whose answer the spec names exactly: the status it must get, and the words that say so. */
async function expectStatus(
  ctx: RunContext,
  operationId: string,
  request: ProbeRequest,
  want: number,
  promise: string,
  label: string,
): Promise<Exchange> {
  const exchange = await ctx.target.send(request);
  if (exchange.status === want) kept(ctx.matrix, promise, operationId);
  else broken(ctx.matrix, promise, operationId, `${label} got ${exchange.status}, not ${want}`, exchange);
  return exchange;
}

const requestOf = (operation: SpecOperation, path = operation.path): ProbeRequest => ({
  operationId: operation.operationId,
  method: operation.method,
  path,
});

// A fresh agent (the run's own fixture already has a persona): no persona → 404, the first → 201, the next → 200.
async function personaStatuses(ctx: RunContext): Promise<void> {
  const create = ctx.spec.operations.get(AGENTS.create);
  const upsert = ctx.spec.operations.get(AGENTS.persona);
  const read = ctx.spec.operations.get(AGENTS.readPersona);
  if (!create || !upsert || !read) return;
  const agent = await ctx.target.send({
    ...requestOf(create),
    body: { name: 'telemock contract: persona statuses' },
  });
  const agentId = (agent.json as { id?: unknown } | undefined)?.id;
  if (agent.status !== 201 || typeof agentId !== 'string')
    return ctx.matrix.skip(
      upsert.operationId,
      'exact-status',
      `could not create an agent: got ${agent.status}`,
    );
  const path = (operation: SpecOperation) => operation.path.replace('{agentId}', encodeURIComponent(agentId));
  const body = validBodies(ctx, upsert, { agentId })[0]?.body;
  await expectStatus(
    ctx,
    read.operationId,
    requestOf(read, path(read)),
    404,
    'persona-404',
    'a persona of an agent that has none',
  );
  const first = { ...requestOf(upsert, path(upsert)), body };
  await expectStatus(ctx, upsert.operationId, first, 201, 'persona-201-200', 'the first persona');
  await expectStatus(ctx, upsert.operationId, first, 200, 'persona-201-200', 'a persona replacing one');
}

// An agent whose cloned voice is still processing: a call with it is refused with 409 agent_voice_not_ready.
async function voiceNotReady(ctx: RunContext): Promise<void> {
  const create = ctx.spec.operations.get(AGENTS.create);
  const call = ctx.spec.operations.get(CALL_FLOW.create);
  if (!create || !call) return;
  const cloned = validBodies(ctx, create).find(
    ({ body }) => (body as { voice?: { type?: unknown } }).voice?.type === 'clone',
  );
  if (!cloned) return;
  const agent = await ctx.target.send({ ...requestOf(create), body: cloned.body });
  const created = agent.json as { id?: unknown; voice?: { status?: unknown } } | undefined;
  if (agent.status !== 201 || typeof created?.id !== 'string') return;
  if (created.voice?.status === 'ready')
    return broken(
      ctx.matrix,
      'clone-processing',
      create.operationId,
      'a cloned voice was ready at once',
      agent,
    );
  kept(ctx.matrix, 'clone-processing', create.operationId);
  const built = validRequest(ctx, call);
  if ('skip' in built) return;
  // A correct target creates nothing; the budget covers one that does (the ledger hangs it up).
  if (!ctx.ledger.takeCall())
    return ctx.matrix.skip(call.operationId, 'exact-status', `--max-calls ${ctx.ledger.maxCalls} reached`);
  const body = { ...(built.request.body as object), agentId: created.id };
  const refused = await expectStatus(
    ctx,
    call.operationId,
    { ...built.request, body },
    409,
    'voice-not-ready-409',
    'a call with a voice still processing',
  );
  if (refused.status !== 201) ctx.ledger.returnCall();
  const code = (refused.json as { code?: unknown } | undefined)?.code;
  if (refused.status === 409 && code !== 'agent_voice_not_ready')
    broken(
      ctx.matrix,
      'voice-not-ready-409',
      call.operationId,
      `409 with code ${String(code)}, not agent_voice_not_ready`,
      refused,
    );
}

// Each body-taking operation gets one of the refused encodings in turn, and a body one byte too large.
const REFUSED_ENCODINGS: Array<{
  label: string;
  promise: string;
  contentType: string;
  headers?: Record<string, string>;
}> = [
  { label: 'a text/plain body', promise: 'media-type-415', contentType: 'text/plain' },
  {
    label: 'an application/merge-patch+json body',
    promise: 'media-type-415',
    contentType: 'application/merge-patch+json',
  },
  {
    label: 'Content-Encoding: gzip',
    promise: 'encoding-415',
    contentType: 'application/json',
    headers: { 'content-encoding': 'gzip' },
  },
];

// A body that names no agent of the user: a target that wrongly reads it still cannot start a call with it.
const withUnknownAgent = (body: unknown) =>
  typeof body === 'object' && body !== null && 'agentId' in body
    ? { ...body, agentId: 'agt_0000000000000000' }
    : body;

async function bodyRefusals(ctx: RunContext): Promise<void> {
  let turn = 0;
  for (const operation of ctx.operations) {
    if (!operation.requestBody) continue;
    const built = validRequest(ctx, operation);
    if ('skip' in built) {
      ctx.matrix.skip(operation.operationId, 'exact-status', built.skip);
      continue;
    }
    const text = JSON.stringify(withUnknownAgent(built.request.body));
    const refused = REFUSED_ENCODINGS[
      turn++ % REFUSED_ENCODINGS.length
    ] as (typeof REFUSED_ENCODINGS)[number];
    const { body: _, ...bare } = built.request;
    const padding = 'x'.repeat(ctx.spec.maxBodyBytes);
    await expectStatus(
      ctx,
      operation.operationId,
      { ...bare, rawBody: text, contentType: refused.contentType, headers: refused.headers ?? {} },
      415,
      refused.promise,
      refused.label,
    );
    await expectStatus(
      ctx,
      operation.operationId,
      { ...bare, rawBody: JSON.stringify({ padding }) },
      413,
      'body-413',
      `a body of ${padding.length + 14} bytes (x-max-body-bytes ${ctx.spec.maxBodyBytes})`,
    );
  }
}

/**
 * `exact-status`: where the spec names the status of a situation, that status and no other 4xx or
 * 2xx: a persona's 404 / 201 / 200, a call with a voice still cloning (409 agent_voice_not_ready),
 * a body in another media type or encoding (415) or over `x-max-body-bytes` (413).
 */
export async function checkExactStatuses(ctx: RunContext): Promise<void> {
  if (ctx.options.readOnly) {
    for (const operation of ctx.operations)
      if (operation.requestBody) ctx.matrix.skip(operation.operationId, 'exact-status', '--read-only');
    return;
  }
  await personaStatuses(ctx);
  await voiceNotReady(ctx);
  await bodyRefusals(ctx);
}
