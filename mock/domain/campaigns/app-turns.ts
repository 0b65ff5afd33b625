import type { DomainEvent } from '../events.js';
import type { DoubleAnswer } from './types.js';

/** What one of the app's utterances was, seen against the turns the app was given. */
export interface UtteranceJudgement {
  /**
   * Real ms from the first delivery attempt of the event it answered to its arrival (from the event
   * itself when no webhook carries it); null when the app answered before that event's webhook
   * was first attempted (it learned of it otherwise, by reading the call): nothing to measure from.
   */
  latencyMs: number | null;
  /** Set (the call's note so far) when this utterance was one more than the turns given. */
  doubleAnswer: DoubleAnswer | null;
}

interface CallTurns {
  /** The event the app answers now: its `sequence`, when it happened and was first delivered (real ms). */
  turn: {
    sequence: number;
    label: string;
    happened: number;
    /** A webhook will carry the event (it may wait in a queue, or for its delay on the mock's clock). */
    awaited: boolean;
    delivered: number | undefined;
  } | null;
  /** Utterances the app may still make: one per callee turn. */
  owed: number;
  /** The callee has not spoken yet: whatever the agent says opens the conversation, uncounted. */
  opening: boolean;
  doubleAnswer: DoubleAnswer | null;
}

const ENDINGS = new Set(['call.completed', 'call.busy', 'call.no-answer', 'call.failed', 'call.canceled']);

/**
 * The app's turns on each live call: which event it is answering (for latency, in real
 * milliseconds, measured whatever the mock's clock does) and whether it spoke more often than it
 * was given turns (a double answer: a duplicated webhook handled twice). Fed every call event;
 * forgets a call when it ends.
 */
export class AppTurns {
  readonly #calls = new Map<string, CallTurns>();
  readonly #realNow: () => number;

  constructor(realNow: () => number = () => performance.now()) {
    this.#realNow = realNow;
  }

  /** Hears a call event; for the app's utterances, says how it answered. */
  hear(event: DomainEvent): UtteranceJudgement | undefined {
    if (event.kind !== 'call') return undefined;
    const { call, type } = event;
    if (ENDINGS.has(type)) {
      this.#calls.delete(call.id);
      return undefined;
    }
    if (type === 'call.answered') {
      this.#calls.set(call.id, {
        turn: {
          sequence: call.sequence,
          label: 'call.answered',
          happened: this.#realNow(),
          awaited: false,
          delivered: undefined,
        },
        owed: 0,
        opening: true,
        doubleAnswer: null,
      });
      return undefined;
    }
    const turns = this.#calls.get(call.id);
    if (!turns) return undefined;
    if (type === 'call.callee.spoke') {
      const said = call.transcript.at(-1)?.text ?? '';
      turns.turn = {
        sequence: call.sequence,
        label: said,
        happened: this.#realNow(),
        awaited: false,
        delivered: undefined,
      };
      turns.opening = false;
      turns.owed += 1;
      return undefined;
    }
    if (type !== 'call.response.spoken' && type !== 'call.audio.played') return undefined;
    const now = this.#realNow();
    const turn = turns.turn;
    // Never the time the event waited before its first attempt (a queue, a delay, the manual clock's steps).
    const from = turn?.delivered ?? (turn?.awaited ? undefined : turn?.happened);
    const latencyMs = from === undefined ? (turn ? null : 0) : Math.round((now - from) * 10) / 10;
    if (turns.opening) return { latencyMs, doubleAnswer: null };
    turns.owed -= 1;
    if (turns.owed < 0) {
      turns.owed = 0;
      if (turns.doubleAnswer) turns.doubleAnswer.count += 1;
      else turns.doubleAnswer = { count: 1, at: event.at, turn: turn?.label ?? 'call.answered' };
      return { latencyMs, doubleAnswer: { ...turns.doubleAnswer } };
    }
    return { latencyMs, doubleAnswer: null };
  }

  /** A webhook will carry this event of a call (the dispatcher took it): latency counts from its first attempt. */
  queued(callId: string, sequence: number): void {
    const turn = this.#calls.get(callId)?.turn;
    if (turn && turn.sequence === sequence) turn.awaited = true;
  }

  /** The first delivery attempt of a call's event began now (the webhook dispatcher says so). */
  delivered(callId: string, sequence: number): void {
    const turn = this.#calls.get(callId)?.turn;
    if (turn && turn.sequence === sequence && turn.delivered === undefined) turn.delivered = this.#realNow();
  }

  /** Calls being followed (live calls that were answered). */
  get size(): number {
    return this.#calls.size;
  }

  clear(): void {
    this.#calls.clear();
  }
}
