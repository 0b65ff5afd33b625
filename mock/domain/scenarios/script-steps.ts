import { DEFAULT_WITHIN_SECONDS, type Script, type ScriptNode } from './script.js';
import type { ScenarioRunStatus, StepVerdict, Utterance } from './types.js';
import { describeUtterance, matchUtterance } from './utterance-match.js';

/** Where a run of a script is. Plain data: the same state and event always give the same result. */
export interface ScriptState {
  /** The node now running; null once the script is over. */
  current: number | null;
  /** The current node is waiting for its timer (`due`) or, an expect, for the agent (`listening`). */
  phase: 'not-started' | 'due' | 'listening' | 'over';
  /** When the current node began, on the mock's clock. */
  since: number;
  /** Which timer is the current one; older timers that fire are ignored. */
  timer: number;
  /** What the latest matched expect captured: `[whole, group 1, …]`. */
  captures: string[];
  callEnded: boolean;
  /** A run with a brain is settled only when the call ends (the brain talks until then). */
  holdUntilCallEnds: boolean;
  steps: StepVerdict[];
  status: ScenarioRunStatus;
  reason: string | null;
  settledAt: number | null;
  /** The first failure, as the report groups it: the step (null beside the script) and why, in general words. */
  failure: { path: string | null; expected: string | null; why: string; happened: string } | null;
}

/** What happened to the run. */
export type ScriptEvent =
  | { kind: 'start'; now: number; callEnded: boolean }
  /** `latencyMs`: real ms the app took to say it (null for what the app did not say itself: the greeting). */
  | { kind: 'heard'; now: number; utterance: Utterance; latencyMs: number | null }
  | { kind: 'timer'; now: number; timer: number }
  | { kind: 'call-ended'; now: number; why: string }
  | { kind: 'fail'; now: number; reason: string; why: string }
  /** Fails the run even when it has passed (the call is still live: the app's conduct is still judged). */
  | { kind: 'fail-late'; now: number; reason: string; why: string };

/** What the domain must do next: arm a timer, or act for the callee (only ever in answer to a timer). */
export type ScriptEffect =
  | { kind: 'schedule'; at: number; timer: number }
  | { kind: 'say'; template: string }
  | { kind: 'hangup' }
  | { kind: 'text'; template: string };

const SAY_PAUSE_MS = 1_000;

/** Why a step fails, in words general enough for the report to group runs by. */
export const WHY = {
  silent: 'the agent said nothing in time',
  other: 'the agent said something else',
  noBranch: 'the agent said what no branch expects',
  ended: 'the call ended before the agent spoke',
  slow: 'the agent answered too slowly (maxLatencyMs)',
} as const;

/** A script's state before its call is answered: every step pending. */
export function initialState(script: Script, holdUntilCallEnds: boolean): ScriptState {
  return {
    current: null,
    phase: 'not-started',
    since: 0,
    timer: 0,
    captures: [],
    callEnded: false,
    holdUntilCallEnds,
    steps: script.nodes.map((node) => ({
      path: node.path,
      depth: node.depth,
      kind: node.kind,
      status: 'pending',
      expected: node.expected,
      happened: null,
      at: null,
      branch: null,
      latencyMs: null,
    })),
    status: 'running',
    reason: null,
    settledAt: null,
    failure: null,
  };
}

const after = (since: number, now: number) => `after ${Math.round((now - since) / 100) / 10} s`;

/**
 * The next state of a run and what the domain must do, from the state, the script and what
 * happened. Pure, like call-progress.ts's `nextSteps`: the ScenarioBook schedules and performs the
 * effects on the mock's clock.
 */
export function nextScriptSteps(
  script: Script,
  state: ScriptState,
  event: ScriptEvent,
  iso: (at: number) => string,
): { state: ScriptState; effects: ScriptEffect[] } {
  const s = structuredClone(state);
  const effects: ScriptEffect[] = [];
  const node = (index: number) => script.nodes[index] as ScriptNode;
  const verdict = (index: number) => s.steps[index] as StepVerdict;
  const record = (index: number, status: StepVerdict['status'], happened: string, now: number) => {
    Object.assign(verdict(index), { status, happened, at: iso(now) });
  };

  const settle = (now: number) => {
    if (s.status !== 'running') return;
    const failed = s.steps.find((v) => v.status === 'failed');
    if (failed) {
      s.status = 'failed';
      s.reason ??= `step ${failed.path}: ${failed.happened}`;
    } else if (s.holdUntilCallEnds && !s.callEnded) return;
    else s.status = 'passed';
    s.settledAt = now;
  };

  const skipPending = (from: number, to: number, why: string, now: number) => {
    for (let i = from; i < to; i++) if (verdict(i).status === 'pending') record(i, 'skipped', why, now);
  };

  const finish = (now: number) => {
    s.current = null;
    s.phase = 'over';
    skipPending(0, s.steps.length, 'not reached', now);
    settle(now);
  };

  const arm = (at: number) => {
    s.timer += 1;
    s.phase = 'due';
    effects.push({ kind: 'schedule', at, timer: s.timer });
  };

  // Begins node `index` at `now` (or ends the script when there is none).
  const enter = (index: number | null, now: number): void => {
    if (index === null) {
      finish(now);
      return;
    }
    s.current = index;
    s.since = now;
    const { kind, step } = node(index);
    if (s.callEnded && (kind === 'say' || kind === 'hangup')) {
      record(index, 'skipped', 'the call had ended', now);
      enter(node(index).next, now);
      return;
    }
    if (kind === 'expect') {
      if (s.callEnded) {
        fail(index, 'the call had ended before the agent said anything', now, WHY.ended);
        return;
      }
      s.phase = 'listening';
      s.timer += 1;
      effects.push({
        kind: 'schedule',
        at: now + (step.expect?.within ?? DEFAULT_WITHIN_SECONDS) * 1000,
        timer: s.timer,
      });
      return;
    }
    if (kind === 'wait') {
      arm(now + (step.wait ?? 0) * 1000);
      return;
    }
    const pause = step.pause !== undefined ? step.pause * 1000 : kind === 'say' ? SAY_PAUSE_MS : 0;
    arm(now + pause);
  };

  const fail = (index: number, happened: string, now: number, why: string): void => {
    record(index, 'failed', happened, now);
    const { path, expected } = node(index);
    s.failure ??= { path, expected, why, happened };
    const onFail = node(index).step.expect?.onFail ?? 'stop';
    if (onFail === 'continue') {
      enter(node(index).next, now);
      return;
    }
    s.reason = `step ${node(index).path}: ${happened}`;
    if (onFail === 'hangup' && !s.callEnded) effects.push({ kind: 'hangup' });
    finish(now);
  };

  // The current node's timer: the say, hangup or text happens, the wait is over, or the expect times out.
  const due = (index: number, now: number): void => {
    const { kind, step } = node(index);
    if (kind === 'expect') {
      const within = step.expect?.within ?? DEFAULT_WITHIN_SECONDS;
      fail(index, `the agent said nothing within ${within} s`, now, WHY.silent);
      return;
    }
    if (kind === 'say') effects.push({ kind: 'say', template: step.say ?? '' });
    if (kind === 'hangup') effects.push({ kind: 'hangup' });
    if (kind === 'text') effects.push({ kind: 'text', template: step.text ?? '' });
    const done = { say: 'said', hangup: 'hung up', text: 'sent the SMS', wait: 'waited' }[kind];
    record(index, 'passed', done, now);
    enter(node(index).next, now);
  };

  // A matching answer that came slower than `maxLatencyMs` fails the step all the same.
  const tooSlow = (index: number, what: string, latencyMs: number | null, now: number): boolean => {
    const max = node(index).step.expect?.maxLatencyMs;
    if (max === undefined || latencyMs === null || latencyMs <= max) return false;
    fail(index, `${what}, ${latencyMs} ms after its turn (at most ${max} ms)`, now, WHY.slow);
    return true;
  };

  const heard = (index: number, utterance: Utterance, latencyMs: number | null, now: number): void => {
    const { step, branches } = node(index);
    const what = `${describeUtterance(utterance)} ${after(s.since, now)}`;
    verdict(index).latencyMs = latencyMs;
    if (step.expect?.agent) {
      const captures = matchUtterance(step.expect.agent, utterance);
      if (!captures) {
        fail(index, what, now, WHY.other);
        return;
      }
      if (tooSlow(index, what, latencyMs, now)) return;
      s.captures = captures;
      record(index, 'passed', what, now);
      enter(node(index).next, now);
      return;
    }
    const chosen = branches.findIndex((b) => matchUtterance(b.agent, utterance));
    const branch = branches[chosen];
    if (!branch) {
      fail(index, `${what}, which no branch expects`, now, WHY.noBranch);
      return;
    }
    if (tooSlow(index, what, latencyMs, now)) return;
    s.captures = matchUtterance(branch.agent, utterance) ?? [];
    record(index, 'passed', `${what} (branch ${chosen + 1})`, now);
    verdict(index).branch = chosen;
    branches.forEach((other, b) => {
      if (b !== chosen) skipPending(other.from, other.to, `branch ${b + 1} not taken`, now);
    });
    enter(branch.start, now);
  };

  switch (event.kind) {
    case 'start':
      s.callEnded = event.callEnded;
      if (s.phase === 'not-started') enter(script.first, event.now);
      break;
    case 'heard':
      if (s.phase === 'listening' && s.current !== null)
        heard(s.current, event.utterance, event.latencyMs, event.now);
      break;
    case 'timer':
      if (event.timer === s.timer && s.current !== null && s.phase !== 'over') due(s.current, event.now);
      break;
    case 'call-ended': {
      s.callEnded = true;
      const index = s.current;
      if (index !== null && s.phase !== 'over') {
        const kind = node(index).kind;
        if (kind === 'expect')
          fail(index, `the call ended (${event.why}) before the agent said anything`, event.now, WHY.ended);
        else if (kind === 'say' || kind === 'hangup') {
          record(index, 'skipped', `the call ended (${event.why})`, event.now);
          s.timer += 1;
          enter(node(index).next, event.now);
        }
      }
      if (s.phase === 'over') settle(event.now);
      break;
    }
    case 'fail':
    case 'fail-late':
      if (s.status === 'running' || (event.kind === 'fail-late' && s.status === 'passed')) {
        s.status = 'failed';
        s.reason = event.reason;
        s.settledAt = event.now;
        s.failure = { path: null, expected: null, why: event.why, happened: event.reason };
      }
      break;
  }
  return { state: s, effects };
}
