import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import type { ResultMatrix } from '../results.js';
import type { ProbeRequest } from '../target.js';

interface CallView {
  id?: unknown;
  status?: unknown;
  agentId?: unknown;
  answeredAt?: unknown;
  endedAt?: unknown;
  endedReason?: unknown;
  durationSeconds?: unknown;
  maxDurationSeconds?: unknown;
}

const BEFORE_ANSWER = new Set(['queued', 'ringing']);
const LIVE = 'in-progress';
const isCall = (value: unknown): value is CallView =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CallView).id === 'string' &&
  /^call_/.test(String((value as CallView).id));

/** The promise a call's derived fields break, and how; undefined when they follow from their sources. */
export function derivedFieldsOf(call: CallView): { promise: string; broke: string } | undefined {
  const status = String(call.status);
  const ended = !BEFORE_ANSWER.has(status) && status !== LIVE;
  const set = (value: unknown) => value !== null && value !== undefined;
  if (BEFORE_ANSWER.has(status) && set(call.answeredAt))
    return { promise: 'answered-at', broke: `a ${status} call has answeredAt ${String(call.answeredAt)}` };
  if (status === LIVE && !set(call.answeredAt))
    return { promise: 'answered-at', broke: 'an in-progress call has no answeredAt' };
  if (ended !== set(call.endedAt))
    return { promise: 'ended-at', broke: `a ${status} call has endedAt ${String(call.endedAt ?? null)}` };
  if (ended !== set(call.endedReason))
    return {
      promise: 'ended-reason',
      broke: `a ${status} call has endedReason ${String(call.endedReason ?? null)}`,
    };
  if (!set(call.answeredAt) || !set(call.endedAt))
    return set(call.durationSeconds)
      ? {
          promise: 'duration',
          broke: `durationSeconds is ${String(call.durationSeconds)} while answeredAt or endedAt is null`,
        }
      : undefined;
  const seconds = (Date.parse(String(call.endedAt)) - Date.parse(String(call.answeredAt))) / 1000;
  // Rounded to whole seconds: a second either way of the exact difference.
  if (typeof call.durationSeconds !== 'number' || Math.abs(call.durationSeconds - seconds) > 1)
    return {
      promise: 'duration',
      broke: `durationSeconds is ${String(call.durationSeconds)}; endedAt − answeredAt is ${seconds} s`,
    };
  return undefined;
}

/**
 * `derived-fields`: every call the target shows has fields that follow from their sources —
 * `answeredAt`, `endedAt` and `endedReason` from the status, `durationSeconds` from the two times —
 * and a call created without `maxDurationSeconds` takes its agent's `maxCallDurationSeconds`.
 */
export class DerivedFields {
  readonly #agentMaximum = new Map<string, number>();

  observe(matrix: ResultMatrix, request: ProbeRequest, exchange: Exchange): void {
    const id = request.operationId ?? '';
    if (exchange.status < 200 || exchange.status > 299) return;
    const body = exchange.json as
      | { data?: unknown; id?: unknown; maxCallDurationSeconds?: unknown }
      | undefined;
    const items = Array.isArray(body?.data) ? body.data : [body];
    for (const item of items) {
      const agent = item as { id?: unknown; maxCallDurationSeconds?: unknown } | undefined;
      if (typeof agent?.id === 'string' && typeof agent.maxCallDurationSeconds === 'number')
        this.#agentMaximum.set(agent.id, agent.maxCallDurationSeconds);
      if (!isCall(item)) continue;
      const derived = derivedFieldsOf(item);
      if (derived) broken(matrix, derived.promise, id, derived.broke, exchange);
      else kept(matrix, 'duration', id);
    }
    if (exchange.status === 201 && isCall(body))
      this.#judgeDefaultMaximum(matrix, id, request, body, exchange);
  }

  #judgeDefaultMaximum(
    matrix: ResultMatrix,
    id: string,
    request: ProbeRequest,
    call: CallView,
    exchange: Exchange,
  ) {
    const given = request.body as { maxDurationSeconds?: unknown } | undefined;
    const maximum = this.#agentMaximum.get(String(call.agentId));
    if (given?.maxDurationSeconds !== undefined || maximum === undefined) return;
    if (call.maxDurationSeconds === maximum) kept(matrix, 'max-duration-default', id);
    else
      broken(
        matrix,
        'max-duration-default',
        id,
        `created without maxDurationSeconds, the call has ${String(call.maxDurationSeconds)}; its agent's maximum is ${maximum}`,
        exchange,
      );
  }
}
