import type { UtteranceJudgement } from '../campaigns/app-turns.js';
import { type Campaigns, ENTRY_OUTCOMES } from '../campaigns/campaigns.js';
import type { Assignment } from '../campaigns/population-catalog.js';
import type { DomainContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import type { DialOutcome } from '../magic-numbers.js';
import type { Call } from '../types.js';
import type { BrainAnswer, BrainRequest } from './brain-turn.js';
import { type RunRecord, summaryOf, view } from './run-record.js';
import { type CatalogEntry, ScenarioCatalog } from './scenario-catalog.js';
import { initialState, nextScriptSteps, type ScriptEvent } from './script-steps.js';
import { fillTemplate } from './templates.js';
import type { Scenario, ScenarioRun, ScenarioRunStatus, Utterance } from './types.js';

/** What the scenarios need of the rest of the domain: acting for the callee. */
export interface Callee {
  find(userId: string, callId: string): Call | undefined;
  say(userId: string, callId: string, text: string): void;
  hangUp(userId: string, callId: string): void;
  text(userId: string, call: Call, body: string): void;
}

/** What a scenario makes of a new call: its outcome and ringing time instead of the number's. */
export interface CallScript {
  outcome: DialOutcome;
  ringMs: number | undefined;
  /** The population that chose this script for the number, and the entry it drew. */
  population: Assignment | undefined;
  /** Starts the run, once the call exists. */
  begin(userId: string, call: Call): void;
}

/**
 * Runs of ended calls kept (those that ended last); older ones are forgotten with their timers, so
 * memory stays bounded. A live call's run is kept while the call lives: live calls are capped
 * (`maxLiveCalls`), and their runs with them. The report counts runs from the campaign ledger,
 * whatever this book has forgotten.
 */
export const MAX_SCENARIO_RUNS = 1000;
const ENDINGS = new Set(['call.completed', 'call.busy', 'call.no-answer', 'call.failed', 'call.canceled']);

/**
 * The people on the line: the scenarios, which calls follow them, and each call's run, stepped
 * on the mock's clock by `nextScriptSteps` (script-steps.ts) as the call is answered, the agent
 * speaks and timers fall due.
 */
export class ScenarioBook {
  readonly catalog = new ScenarioCatalog();
  #ctx: DomainContext;
  #callee: Callee;
  #runs = new Map<string, RunRecord>();
  /** Runs whose call has ended, in the order they ended (a Set keeps insertion order). */
  #ended = new Set<string>();
  #brainListeners = new Set<(request: BrainRequest) => void>();
  readonly #campaigns: Campaigns;

  constructor(ctx: DomainContext, callee: Callee, campaigns: Campaigns) {
    this.#ctx = ctx;
    this.#callee = callee;
    this.#campaigns = campaigns;
  }

  /**
   * The script for a call to `to` by `agentId`: a scenario whose `match.to` names the number,
   * else the entry a population draws for it (a scenario or an outcome); else none.
   */
  claim(to: string, agentId: string): CallScript | undefined {
    const claimed = this.catalog.claim(to, agentId);
    if (claimed) return this.#script(claimed, undefined);
    const assignment = this.#campaigns.populations.assign(to, agentId, this.#campaigns.seed);
    if (!assignment) return undefined;
    const { scenario, outcome } = assignment.entry;
    const entry = scenario === undefined ? undefined : this.catalog.entry(scenario);
    if (entry) return this.#script(entry, assignment);
    // An outcome, or (should its scenario have gone) the callee a number gets by default.
    const dial: DialOutcome = outcome ? ENTRY_OUTCOMES[outcome] : { kind: 'answered', answeredBy: 'human' };
    return { outcome: dial, ringMs: undefined, population: assignment, begin: () => {} };
  }

  #script(entry: CatalogEntry, population: Assignment | undefined): CallScript {
    const { answer } = entry.scenario;
    const outcome: DialOutcome = answer?.outcome
      ? { kind: answer.outcome }
      : { kind: 'answered', answeredBy: answer?.by ?? 'human' };
    return {
      outcome,
      ringMs: answer?.after === undefined ? undefined : answer.after * 1000,
      population,
      begin: (userId, call) => this.#begin(userId, call, entry, population?.population ?? null),
    };
  }

  /** The run of a call; 404 when the call follows no scenario (or its run was forgotten). */
  run(callId: string): ScenarioRun {
    const run = this.#runs.get(callId);
    if (!run) {
      throw new DomainError('not_found', 'scenario_run_not_found', `Call ${callId} follows no scenario.`);
    }
    return view(run, this.#ctx.clock.iso.bind(this.#ctx.clock));
  }

  /** Runs, newest first. */
  runs(filter: { status?: ScenarioRunStatus; scenario?: string; limit?: number } = {}) {
    const iso = this.#ctx.clock.iso.bind(this.#ctx.clock);
    const matching = [...this.#runs.values()]
      .reverse()
      .filter(
        (r) =>
          (!filter.status || r.state.status === filter.status) &&
          (!filter.scenario || r.entry.scenario.name === filter.scenario),
      );
    return { runs: matching.slice(0, filter.limit ?? 100).map((r) => view(r, iso)), count: matching.length };
  }

  /**
   * Hears every call event (the Telephony passes them on before anyone else sees them), with how
   * the app answered when the event is one of its utterances (campaigns/app-turns.ts).
   */
  hear(event: DomainEvent, judgement?: UtteranceJudgement): void {
    if (event.kind !== 'call') return;
    const run = this.#runs.get(event.call.id);
    if (!run) return;
    const now = this.#ctx.clock.now();
    const { call } = event;
    if (event.type === 'call.answered') {
      this.#feed(run, { kind: 'start', now, callEnded: false });
      const greeting = call.answeredBy === 'human' ? call.transcript.at(-1) : undefined;
      // The greeting is the mock's, spoken at answer: the app took no time over it.
      if (greeting?.speaker === 'agent')
        this.#heard(run, { kind: 'speech', text: greeting.text }, now, call, null);
    } else if (event.type === 'call.response.spoken') {
      const said = call.transcript.at(-1);
      if (said)
        this.#heard(run, { kind: 'speech', text: said.text }, now, call, judgement?.latencyMs ?? null);
      this.#judgeDouble(run, judgement, now);
    } else if (event.type === 'call.audio.played') {
      const played = call.audio.at(-1);
      const text = played?.url ?? `inline ${played?.format} audio (${played?.bytes} bytes)`;
      this.#heard(run, { kind: 'audio', text }, now, call, judgement?.latencyMs ?? null);
      this.#judgeDouble(run, judgement, now);
    } else if (ENDINGS.has(event.type)) {
      const why = call.endedReason ?? call.status;
      const neverAnswered = run.state.phase === 'not-started';
      this.#feed(run, { kind: 'call-ended', now, why });
      if (neverAnswered) this.#feed(run, { kind: 'start', now, callEnded: true });
      this.#callEnded(run);
    }
  }

  /** Hears every turn a brain must take. Returns a function that stops listening. */
  onBrainRequest(listener: (request: BrainRequest) => void): () => void {
    this.#brainListeners.add(listener);
    return () => this.#brainListeners.delete(listener);
  }

  /** What the brain answered to `turn` of a call's run: the callee says it or hangs up, or the run fails. */
  brainAnswered(callId: string, turn: number, answer: BrainAnswer): void {
    const run = this.#runs.get(callId);
    const record = run?.brainTurns[turn];
    if (!run || !record) return;
    record.latencyMs = answer.latencyMs;
    const now = this.#ctx.clock.now();
    if (!answer.ok) {
      record.error = answer.error;
      this.#feed(run, {
        kind: 'fail',
        now,
        reason: `brain turn ${turn + 1}: ${answer.error}`,
        why: 'the brain failed',
      });
      return;
    }
    record.say = answer.say;
    record.hangup = answer.hangup;
    if (this.#callee.find(run.userId, callId)?.status !== 'in-progress') return;
    if (answer.say !== null) this.#callee.say(run.userId, callId, answer.say);
    if (answer.hangup) this.#callee.hangUp(run.userId, callId);
  }

  /** Forgets every run and its timers (reset); the scenarios stay, like the users. */
  clearRuns(): void {
    for (const run of this.#runs.values()) for (const cancel of run.cancels) cancel();
    this.#runs.clear();
    this.#ended.clear();
  }

  // Past MAX_SCENARIO_RUNS runs of ended calls, the run whose call ended first is forgotten with
  // its timers (a text it would still send, say). Its summary stays in the campaign ledger.
  #callEnded(run: RunRecord): void {
    this.#ended.add(run.callId);
    while (this.#ended.size > MAX_SCENARIO_RUNS) {
      const oldest = this.#ended.values().next().value as string;
      this.#ended.delete(oldest);
      for (const cancel of this.#runs.get(oldest)?.cancels ?? []) cancel();
      this.#runs.delete(oldest);
    }
  }

  // A double answer is noted on the run, and fails it unless the scenario only warns of it.
  #judgeDouble(run: RunRecord, judgement: UtteranceJudgement | undefined, now: number): void {
    const note = judgement?.doubleAnswer;
    if (!note) return;
    run.doubleAnswer = note;
    if (run.entry.scenario.judge?.doubleAnswer === 'warn') {
      this.#summarize(run);
      return;
    }
    const said = note.turn === 'call.answered' ? 'call.answered' : `"${note.turn}"`;
    this.#feed(run, {
      kind: 'fail-late',
      now,
      reason: `the agent answered ${said} twice (a double answer)`,
      why: 'the agent answered one turn twice (doubleAnswer)',
    });
  }

  #begin(userId: string, call: Call, entry: CatalogEntry, population: string | null): void {
    const run: RunRecord = {
      userId,
      callId: call.id,
      entry,
      population,
      state: initialState(entry.script, entry.scenario.brain !== undefined),
      startedAt: call.createdAt,
      doubleAnswer: null,
      brainTurns: [],
      cancels: [],
    };
    this.#runs.set(call.id, run);
    // Counted from the start (running while the call rings), so the report sees every run.
    this.#summarize(run);
  }

  #heard(run: RunRecord, utterance: Utterance, now: number, call: Call, latencyMs: number | null): void {
    this.#feed(run, { kind: 'heard', now, utterance, latencyMs });
    const brain = run.entry.scenario.brain;
    if (!brain || run.state.status === 'failed') return;
    const turn = run.brainTurns.length;
    run.brainTurns.push({
      at: this.#ctx.clock.iso(now),
      utterance: utterance.text,
      say: null,
      hangup: false,
      error: null,
      latencyMs: null,
    });
    const request: BrainRequest = {
      userId: run.userId,
      callId: run.callId,
      turn,
      url: brain.url,
      timeoutMs: brain.timeoutMs ?? 5_000,
      payload: { type: 'scenario.turn', scenario: run.entry.scenario.name, utterance, call },
    };
    for (const listener of this.#brainListeners) listener(request);
  }

  #feed(run: RunRecord, event: ScriptEvent): void {
    const clock = this.#ctx.clock;
    const { state, effects } = nextScriptSteps(run.entry.script, run.state, event, (at) => clock.iso(at));
    run.state = state;
    this.#summarize(run);
    for (const effect of effects) {
      if (effect.kind === 'schedule') {
        run.cancels.push(
          clock.schedule(effect.at, () =>
            this.#feed(run, { kind: 'timer', now: clock.now(), timer: effect.timer }),
          ),
        );
        continue;
      }
      // The callee acts on a timer of its own, never inside the event that led to it, so every
      // listener hears the agent's words before the callee's answer.
      run.cancels.push(clock.schedule(clock.now(), () => this.#act(run, effect)));
    }
  }

  // What the report keeps of the run, kept current as it goes (the run itself may be forgotten first).
  #summarize(run: RunRecord): void {
    this.#campaigns.ledger.run(run.callId, summaryOf(run));
  }

  #act(run: RunRecord, effect: { kind: 'say' | 'text'; template: string } | { kind: 'hangup' }): void {
    const call = this.#callee.find(run.userId, run.callId);
    if (!call) return;
    if (effect.kind === 'hangup') {
      if (call.status === 'in-progress') this.#callee.hangUp(run.userId, run.callId);
      return;
    }
    const text = fillTemplate(effect.template, run.state.captures, call);
    if (effect.kind === 'text') this.#callee.text(run.userId, call, text);
    else if (call.status === 'in-progress') this.#callee.say(run.userId, run.callId, text);
  }
}

export type { BrainAnswer, BrainRequest } from './brain-turn.js';
export type { Scenario };
