import type { SpecOperation } from '../../spec/spec.js';
import { CALL_FLOW, callActions } from '../call-flow.js';
import { validRequest } from '../request-builder.js';
import type { RunContext } from '../run-context.js';
import { type CallState, judgeAction } from './action-verdict.js';
import { CallWatch } from './call-watch.js';
import { judgeAccepted } from './positive.js';

interface DriveResult {
  watch: CallWatch;
  /** Actions not yet tried on a live call (the call ended first). */
  untried: SpecOperation[];
  hungUpLive: boolean;
  /** The call was seen live, or an action was accepted on it. */
  answered: boolean;
}

const stateOf = (watch: CallWatch): CallState =>
  watch.ended ? 'ended' : watch.live ? 'live' : 'before-answer';

// One action on the call in whatever state it is in, judged by the state the suite saw it in.
// True when the target accepted it as an action on a live call (then it needs no second try).
async function act(ctx: RunContext, watch: CallWatch, operation: SpecOperation): Promise<boolean> {
  const id = operation.operationId;
  const built = validRequest(ctx, operation, { replacePath: { callId: watch.callId } });
  if ('skip' in built) {
    ctx.matrix.skip(id, 'lifecycle', built.skip);
    return false;
  }
  const before = watch.status;
  const exchange = await ctx.target.send(built.request);
  let verdict = judgeAction(ctx.spec, id, stateOf(watch), before, exchange);
  if (verdict.reread) {
    await watch.read();
    verdict = judgeAction(ctx.spec, id, stateOf(watch), before, exchange, true);
  }
  if (verdict.observe) watch.observe(id, exchange);
  if (verdict.positive) judgeAccepted(ctx, id, verdict.positive, exchange);
  if (verdict.lifecycle?.verdict === 'pass') ctx.matrix.pass(id, 'lifecycle');
  if (verdict.lifecycle?.verdict === 'fail')
    ctx.matrix.fail(id, 'lifecycle', verdict.lifecycle.reason, exchange);
  return verdict.accepted;
}

async function drive(
  ctx: RunContext,
  actions: SpecOperation[],
  webhookUrl?: string,
): Promise<DriveResult | undefined> {
  const create = ctx.spec.operations.get(CALL_FLOW.create);
  const hangUp = ctx.spec.operations.get(CALL_FLOW.hangUp);
  if (!create || !hangUp) return undefined;
  const built = validRequest(ctx, create);
  if ('skip' in built) return void ctx.matrix.skip(create.operationId, 'lifecycle', built.skip);
  if (!ctx.ledger.takeCall())
    return void ctx.matrix.skip(
      create.operationId,
      'lifecycle',
      `--max-calls ${ctx.ledger.maxCalls} reached`,
    );
  const body = { ...(built.request.body as object), ...(webhookUrl ? { webhookUrl } : {}) };
  const created = await ctx.target.send({ ...built.request, body, createsCall: true });
  const callId = (created.json as { id?: unknown } | undefined)?.id;
  if (created.status !== 201 || typeof callId !== 'string')
    return void ctx.matrix.fail(
      create.operationId,
      'lifecycle',
      `could not create a call: got ${created.status}`,
      created,
    );
  ctx.matrix.pass(create.operationId, 'lifecycle');
  const watch = new CallWatch(ctx, callId, created.json as object);
  const deadline = Date.now() + ctx.options.timeoutMs;
  const accepted = new Set<string>();
  const tryAction = async (action: SpecOperation) => {
    if (await act(ctx, watch, action)) accepted.add(action.operationId);
  };
  for (;;) {
    if (watch.live || watch.ended) break;
    for (const action of actions) if (!watch.live && !watch.ended) await tryAction(action);
    // An action may have found the call already answered.
    if (watch.live || watch.ended) break;
    const from = watch.status;
    if (!(await watch.waitForChange(from, deadline))) {
      ctx.matrix.fail(CALL_FLOW.read, 'lifecycle', `call stayed ${from} for ${ctx.options.timeoutMs} ms`);
      break;
    }
  }
  const untried = actions.filter((a) => !accepted.has(a.operationId));
  while (watch.live && untried.length > 0) await tryAction(untried.shift() as SpecOperation);
  let hungUpLive = false;
  if (watch.live) {
    await act(ctx, watch, hangUp);
    hungUpLive = watch.ended;
    if (!watch.ended)
      ctx.matrix.fail(hangUp.operationId, 'lifecycle', `hanging up a live call left it ${watch.status}`);
  }
  if (watch.ended) {
    for (const action of [hangUp, ...actions]) await act(ctx, watch, action);
    await watch.read();
  } else if (!watch.live) {
    await ctx.ledger.hangUp(callId);
  }
  return { watch, untried, hungUpLive, answered: watch.seen.includes(CALL_FLOW.live) || accepted.size > 0 };
}

/**
 * `lifecycle`, following the links of a created call: act on it in every state it is seen in (the
 * actions are refused with 409 until it is live), act on it live, hang up, then every action is
 * refused with 409; the status never goes backwards. A second call covers what the first could not
 * (an action that ended it early). Returns the first call, for the webhooks check.
 */
export async function checkLifecycle(ctx: RunContext, webhookUrl?: string): Promise<CallWatch | undefined> {
  const flow = [
    CALL_FLOW.create,
    CALL_FLOW.read,
    CALL_FLOW.hangUp,
    ...callActions(ctx.spec).map((op) => op.operationId),
  ];
  if (ctx.options.readOnly) {
    for (const id of flow) ctx.matrix.skip(id, 'lifecycle', '--read-only');
    return undefined;
  }
  const actions = callActions(ctx.spec);
  const first = await drive(ctx, actions, webhookUrl);
  if (!first || (first.untried.length === 0 && first.hungUpLive)) return first?.watch;
  if (!first.answered) {
    for (const action of first.untried)
      ctx.matrix.skip(action.operationId, 'positive-data', 'the call was never answered');
    return first.watch;
  }
  await drive(ctx, first.untried);
  return first.watch;
}
