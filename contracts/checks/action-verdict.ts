import type { Spec } from '../../spec/spec.js';
import { CALL_FLOW, statusRank } from '../call-flow.js';
import type { Exchange } from '../exchange.js';

/** Where the suite last saw the call when it acted on it. */
export type CallState = 'before-answer' | 'live' | 'ended';

/** What one action on a call proves, decided from the state the call was seen in and the answer. */
export interface ActionVerdict {
  /** The `lifecycle` verdict, when the answer decides it (an accepted action on a live call is judged by the call it returns). */
  lifecycle?: { verdict: 'pass' } | { verdict: 'fail'; reason: string };
  /** Judge the answer as `positive-data` of a valid request, with this label. */
  positive?: string;
  /** The target took the action on a live call (it needs no second try). */
  accepted: boolean;
  /** The answer carries the call: follow it. */
  observe: boolean;
  /** A 409 on a call seen live: read the call again and judge once more (it may have just ended). */
  reread: boolean;
}

const ok = (exchange: Exchange) => exchange.status >= 200 && exchange.status < 300;

/**
 * The lifecycle's rule for an action (the action × state table of docs/behaviour.md): before the
 * answer and after the end it is refused with 409; on a live call it is accepted. A call answered
 * between the read and the action may take it (then the answer shows it live, or ended by this very
 * action, as a transfer does).
 */
export function judgeAction(
  spec: Spec,
  operationId: string,
  state: CallState,
  before: string,
  exchange: Exchange,
  reread = false,
): ActionVerdict {
  const none = { accepted: false, observe: false, reread: false };
  const fail = (reason: string): ActionVerdict => ({ ...none, lifecycle: { verdict: 'fail', reason } });
  const pass: ActionVerdict['lifecycle'] = { verdict: 'pass' };
  const { status } = exchange;
  if (state === 'ended')
    return status === 409
      ? { ...none, lifecycle: pass }
      : fail(`${operationId} after the call ended (${before}) got ${status}, not 409`);
  if (state === 'before-answer') {
    const now = (exchange.json as { status?: unknown } | undefined)?.status;
    const moved = typeof now === 'string' && statusRank(spec, now) >= statusRank(spec, CALL_FLOW.live);
    if (status === 409) return { ...none, lifecycle: pass, observe: true };
    if (ok(exchange) && moved)
      return {
        lifecycle: pass,
        positive: `call answered meanwhile (${before})`,
        accepted: true,
        observe: true,
        reread: false,
      };
    return fail(`${operationId} before answer (${before}) got ${status}, not 409`);
  }
  if (ok(exchange))
    return { positive: `live call (${before})`, accepted: true, observe: true, reread: false };
  if (status === 409 && !reread) return { ...none, reread: true };
  return { ...fail(`${operationId} on a live call got ${status}`), positive: `live call (${before})` };
}
