import type { CallOutcome } from './magic-numbers.js';
import { TIMINGS } from './timings.js';
import type { Call, CallStatus } from './types.js';

export type Ending = Extract<CallStatus, 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'>;
export type EndedReason = NonNullable<Call['endedReason']>;

/** Something that will happen to a call by itself. */
export type CallStep =
  | { kind: 'ring' }
  | { kind: 'answer' }
  | { kind: 'callee-speaks' }
  | { kind: 'end'; status: Ending; reason: EndedReason };

const ENDED: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/** True once a call can never change again. */
export const isEnded = (status: CallStatus) => ENDED.has(status);

// Steps are shared, never made per call: a store of waiting calls holds one per timer.
const RING: CallStep = { kind: 'ring' };
const ANSWER: CallStep = { kind: 'answer' };
const CALLEE_SPEAKS: CallStep = { kind: 'callee-speaks' };
const ENDS = new Map<string, CallStep>();
const end = (status: Ending, reason: EndedReason): CallStep => {
  const key = `${status}/${reason}`;
  let step = ENDS.get(key);
  if (!step) {
    step = { kind: 'end', status, reason };
    ENDS.set(key, step);
  }
  return step;
};

/** What {@link nextSteps} reads of a call. */
export interface CallProgress {
  id: string;
  call: Pick<Call, 'status' | 'answeredAt' | 'maxDurationSeconds'>;
  outcome: CallOutcome;
  /** When the call entered its current status, on the mock's clock (ms). */
  statusSince: number;
  /** Set when a scenario plays the callee: no generated callee line, and its own ringing time. */
  script?: { ringMs: number | undefined } | undefined;
}

/**
 * What happens next to a call left alone, and when (ms on the mock's clock), from its status, the
 * time it entered it and the dialled number's outcome. Pure: the CallBook schedules what it says.
 */
export function nextSteps(record: CallProgress, now: number): Array<{ at: number; step: CallStep }> {
  const { outcome, statusSince: since, call } = record;
  const ringMs = record.script?.ringMs;
  switch (call.status) {
    case 'queued':
      return outcome.kind === 'failed'
        ? [{ at: since + (ringMs ?? TIMINGS.queuedToFailed), step: end('failed', 'carrier-error') }]
        : [{ at: since + TIMINGS.queuedToRinging, step: RING }];
    case 'ringing':
      if (outcome.kind === 'busy')
        return [{ at: since + (ringMs ?? TIMINGS.ringingToBusy), step: end('busy', 'busy') }];
      if (outcome.kind === 'no-answer') {
        return [{ at: since + (ringMs ?? TIMINGS.ringingToNoAnswer), step: end('no-answer', 'no-answer') }];
      }
      // A failing carrier normally fails the call before it rings; an imported ringing call fails now.
      if (outcome.kind === 'failed') return [{ at: since, step: end('failed', 'carrier-error') }];
      return [{ at: since + (ringMs ?? TIMINGS.ringingToAnswer), step: ANSWER }];
    case 'in-progress': {
      const answered = Date.parse(call.answeredAt ?? '') || since;
      const steps: Array<{ at: number; step: CallStep }> = [
        { at: answered + call.maxDurationSeconds * 1000, step: end('completed', 'max-duration') },
      ];
      if (outcome.kind === 'answered' && outcome.calleeHangsUpAfterMs !== undefined) {
        steps.push({ at: answered + outcome.calleeHangsUpAfterMs, step: end('completed', 'callee-hangup') });
      }
      const speaksAt = answered + TIMINGS.calleeSpeaksAfterAnswer;
      // A scenario's callee says only what its script (or brain) says.
      if (outcome.kind === 'answered' && outcome.answeredBy === 'human' && !record.script && now < speaksAt) {
        steps.push({ at: speaksAt, step: CALLEE_SPEAKS });
      }
      return steps;
    }
    default:
      return [];
  }
}
