import type { components as AdminSchemas } from '../../spec/generated/admin-api.js';
import type { components } from '../../spec/generated/api.js';
import { isEnded } from '../domain/call-progress.js';
import type { AdminCall } from './admin-call.js';

type Call = components['schemas']['Call'];
type CallStatus = components['schemas']['CallStatus'];
type ScenarioRun = AdminSchemas['schemas']['ScenarioRun'];

/** A call reaching a status: one, any of several, or `ended` (any ending). */
export interface CallReaches {
  callId: string;
  status: CallStatus | 'ended' | readonly CallStatus[];
}

/** The scenario run of a call ending (passed or failed). */
export interface ScenarioRunEnds {
  callId: string;
  scenarioRun: 'ended';
}

export interface RunUntilOptions {
  /** The most the mock's clock may move, in seconds (60 by default); then runUntil throws. */
  maxSeconds?: number;
  /** Seconds the manual clock moves at a time (1 by default). */
  step?: number;
}

/**
 * Lets time pass on the mock's clock until something holds: steps the manual clock (or waits, on
 * a running clock), and after each step lets webhook deliveries in flight reach the app first.
 */
export interface RunUntil {
  /** Until the call reaches the status; resolves to the call. */
  (condition: CallReaches, options?: RunUntilOptions): Promise<Call>;
  /** Until the call's scenario run has ended; resolves to the run. */
  (condition: ScenarioRunEnds, options?: RunUntilOptions): Promise<ScenarioRun>;
  /** Until the predicate gives something truthy; resolves to it. */
  <T>(condition: () => T | Promise<T>, options?: RunUntilOptions): Promise<Truthy<T>>;
}

/** What a predicate gives once it holds. */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

type Condition = CallReaches | ScenarioRunEnds | (() => unknown);
/** One look: done (with the value to resolve to), never (with why), or not yet (with what is). */
type Look = { done: true; value: unknown } | { done: false; now: string; never?: string };

function describe(condition: Condition): string {
  if (typeof condition === 'function') return `the condition ${condition.name || '(a predicate)'}`;
  if ('scenarioRun' in condition) return `the scenario run of call ${condition.callId} ending`;
  const { status } = condition;
  const wanted = typeof status === 'string' ? status : status.join(' or ');
  return `call ${condition.callId} reaching ${wanted}`;
}

function looker(call: AdminCall, condition: Condition): () => Promise<Look> {
  if (typeof condition === 'function') {
    return async () => {
      const value = await condition();
      return value ? { done: true, value } : { done: false, now: `it gave ${String(value)}` };
    };
  }
  const params = { callId: condition.callId };
  if ('scenarioRun' in condition) {
    return async () => {
      const run = await call('getCallScenarioRun', { params });
      return run.status !== 'running' ? { done: true, value: run } : { done: false, now: 'it is running' };
    };
  }
  const { status } = condition;
  const wanted = (s: CallStatus) =>
    status === 'ended' ? isEnded(s) : typeof status === 'string' ? s === status : status.includes(s);
  return async () => {
    const seen = (await call('getInspectedCall', { params })).call;
    if (wanted(seen.status)) return { done: true, value: seen };
    const now = `it is ${seen.status}`;
    // An ending never changes: waiting longer cannot help.
    return isEnded(seen.status)
      ? { done: false, now, never: `it ended ${seen.status}` }
      : { done: false, now };
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `runUntil` over admin operations; `settled` resolves once no webhook delivery is in flight. */
export function runUntil(call: AdminCall, settled: () => Promise<void>): RunUntil {
  return (async (condition: Condition, options: RunUntilOptions = {}) => {
    const maxSeconds = options.maxSeconds ?? 60;
    const step = options.step ?? 1;
    if (!(maxSeconds >= 0 && Number.isFinite(maxSeconds)))
      throw new RangeError(`runUntil: maxSeconds must be a finite number ≥ 0, not ${maxSeconds}`);
    if (!(step > 0 && Number.isFinite(step)))
      throw new RangeError(`runUntil: step must be a finite number > 0, not ${step}`);
    const what = describe(condition);
    const look = looker(call, condition);
    const start = (await call('getClock')).epochMs;
    for (;;) {
      await settled();
      const seen = await look();
      if (seen.done) return seen.value;
      if (seen.never) throw new Error(`runUntil: ${what} will never happen: ${seen.never}.`);
      const clock = await call('getClock');
      const waited = (clock.epochMs - start) / 1000;
      if (waited >= maxSeconds) {
        throw new Error(
          `runUntil: ${what} did not happen within ${maxSeconds} s of the mock's clock (waited ${waited} s; ${seen.now}).`,
        );
      }
      if (clock.scale === 'manual')
        await call('advanceClock', { body: { seconds: Math.min(step, maxSeconds - waited) } });
      else await sleep(Math.min(50, Math.max(5, (step * 1000) / clock.scale)));
    }
  }) as RunUntil;
}
