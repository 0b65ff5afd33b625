import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import type { ResultMatrix } from '../results.js';
import type { ProbeRequest } from '../target.js';

type Entry = Record<string, unknown>;

interface CallView {
  status?: unknown;
  answeredAt?: unknown;
  endedReason?: unknown;
  transcript?: Entry[];
  audio?: Entry[];
  routes?: Entry[];
}

/** Bytes of base64 content once decoded. */
const decodedBytes = (content: string) => Buffer.from(content, 'base64').length;

// Each action's outcome on the call it answers with: the promise it keeps, or what broke which.
const OUTCOMES: Record<string, (call: CallView, given: Entry) => { promise: string; broke?: string }> = {
  hangUpCall: (call) => {
    if (call.status === 'canceled')
      return call.answeredAt === null || call.answeredAt === undefined
        ? { promise: 'hang-up-before-answer' }
        : {
            promise: 'hang-up-live',
            broke: `an answered call (answeredAt ${String(call.answeredAt)}) became canceled`,
          };
    if (call.status !== 'completed')
      return { promise: 'hang-up-live', broke: `hanging up left the call ${String(call.status)}` };
    return call.endedReason === 'agent-hangup'
      ? { promise: 'hang-up-live' }
      : { promise: 'hang-up-live', broke: `completed with endedReason ${String(call.endedReason)}` };
  },
  respondToCall: (call, given) =>
    (call.transcript ?? []).some((e) => e.speaker === 'agent' && e.text === given.text)
      ? { promise: 'respond-transcript' }
      : {
          promise: 'respond-transcript',
          broke: `the transcript has no agent entry saying ${JSON.stringify(given.text)}`,
        },
  injectCallAudio: (call, given) => {
    const played = call.audio?.at(-1);
    if (!played) return { promise: 'audio-plays', broke: 'no playback recorded in audio' };
    if (typeof given.content === 'string') {
      const bytes = decodedBytes(given.content);
      if (played.source !== 'inline')
        return {
          promise: 'audio-plays',
          broke: `the last playback's source is ${String(played.source)}, not inline`,
        };
      return played.bytes === bytes
        ? { promise: 'audio-bytes' }
        : {
            promise: 'audio-bytes',
            broke: `bytes is ${String(played.bytes)}; the content decodes to ${bytes}`,
          };
    }
    return played.source === 'url' && played.url === given.url
      ? { promise: 'audio-plays' }
      : {
          promise: 'audio-plays',
          broke: `the last playback is ${JSON.stringify(played)}, not ${String(given.url)}`,
        };
  },
  routeCall: (call, given) =>
    (call.routes ?? []).some((r) => r.to === given.to)
      ? { promise: 'route-recorded' }
      : { promise: 'route-recorded', broke: `routes has no attempt to ${String(given.to)}` },
};

/**
 * `action-outcome`: what an action does to the call, read from the call its 2xx answer carries —
 * hang-up ends it `canceled` before the answer and `completed` (`agent-hangup`) in progress;
 * `respond` adds the agent's words to the transcript; audio is recorded as played (its size
 * decoded); a route is recorded in `routes`. The refusals by state are the lifecycle check's.
 */
export function judgeActionOutcome(matrix: ResultMatrix, request: ProbeRequest, exchange: Exchange): void {
  const id = request.operationId ?? '';
  const outcome = OUTCOMES[id];
  const call = exchange.json as CallView | undefined;
  if (!outcome || exchange.status < 200 || exchange.status > 299 || typeof call?.status !== 'string') return;
  const given = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Entry;
  const { promise, broke } = outcome(call, given);
  if (broke) broken(matrix, promise, id, broke, exchange);
  else kept(matrix, promise, id);
}
