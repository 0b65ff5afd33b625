import type { AgentBook } from './agents.js';
import { playbackOf } from './audio-playback.js';
import { refuseEnded, refuseUnlessInProgress } from './call-guards.js';
import { type CallStep, type EndedReason, type Ending, isEnded, nextSteps } from './call-progress.js';
import type { DomainContext } from './context.js';
import { DomainError, notFound } from './errors.js';
import { firstWords } from './first-words.js';
import { maxLiveCallsOf } from './limits.js';
import { type CallOutcome, dialOutcome, ROUTE_FAILURES } from './magic-numbers.js';
import type { CallScript } from './scenarios/scenario-book.js';
import { type CallSteps, msOf, StoredCall } from './stored-call.js';
import type {
  Call,
  CallEventType,
  CallStatus,
  CreateCallRequest,
  InjectAudioRequest,
  Page,
  PageRequest,
  RouteRequest,
} from './types.js';

export interface CallBookOptions {
  /** Live calls per user; past it, creating a call is a conflict. Default in limits.ts. */
  maxLiveCalls?: number;
  /** The scenario that plays the callee of a new call, if one claims it (scenarios/scenario-book.ts). */
  claim?: (to: string, agentId: string) => CallScript | undefined;
  /** Hears each new call, with the script that claimed it (the campaign ledger). */
  created?: (userId: string, call: Call, script: CallScript | undefined) => void;
}

/**
 * Calls and their lifecycle: `queued → ringing → in-progress → completed`, or one of the other
 * endings. Each status schedules the next on the mock's clock; the dialled number's outcome
 * (magic-numbers.ts) decides which ending comes.
 */
type CallRecord = StoredCall<CallStep>;

export class CallBook {
  #ctx: DomainContext;
  #agents: AgentBook;
  // One for all calls: each call is the owner of its own timers and hands their steps back here.
  readonly #steps: CallSteps<CallStep> = {
    fire: (record, step) => this.#take(record, step),
    // A step that threw ends the call, so it cannot hang on for ever.
    failed: (record) => {
      if (!isEnded(record.status)) this.#end(record, 'failed', 'carrier-error');
    },
  };
  readonly maxLiveCalls: number;
  readonly #claim: CallBookOptions['claim'];
  readonly #created: CallBookOptions['created'];

  constructor(ctx: DomainContext, agents: AgentBook, options: CallBookOptions = {}) {
    this.#ctx = ctx;
    this.#agents = agents;
    this.maxLiveCalls = maxLiveCallsOf(options.maxLiveCalls);
    this.#claim = options.claim;
    this.#created = options.created;
  }

  create(userId: string, from: string, input: CreateCallRequest): Call {
    // A scenario may claim any number, a magic one too: its answer replaces the number's outcome.
    const script = this.#claim?.(input.to, input.agentId);
    const outcome = script?.outcome ?? dialOutcome(input.to);
    if (outcome.kind === 'refused')
      throw new DomainError(outcome.errorKind, outcome.code, outcome.detail, '/body/to');
    const agent = this.#agents.require(userId, input.agentId);
    if (agent.voice.status !== 'ready') {
      const code = agent.voice.status === 'failed' ? 'agent_voice_failed' : 'agent_voice_not_ready';
      throw new DomainError(
        'conflict',
        code,
        `Agent ${agent.id}'s voice is ${agent.voice.status}; calls need a ready voice.`,
      );
    }
    const calls = this.#ctx.spaces.of(userId).calls;
    // Ended calls are capped by `retain`; this caps the others, so memory stays bounded under any load.
    if (calls.unfinished >= this.maxLiveCalls) {
      throw new DomainError(
        'conflict',
        'too_many_live_calls',
        `This account already has ${calls.unfinished} calls queued, ringing or in progress ` +
          `(the most the mock allows is ${this.maxLiveCalls}); hang some up or wait for them to end.`,
      );
    }
    const record: CallRecord = new StoredCall(
      userId,
      {
        id: this.#ctx.gen.id('call'),
        from: input.from ?? from,
        to: input.to,
        agentId: agent.id,
        webhookUrl: input.webhookUrl || undefined,
        maxDurationSeconds: input.maxDurationSeconds ?? agent.maxCallDurationSeconds,
        metadata: input.metadata,
        now: this.#ctx.clock.now(),
      },
      outcome,
      this.#steps,
    );
    if (script) record.script = { ringMs: script.ringMs };
    calls.add(record);
    const call = record.view();
    this.#created?.(userId, call, script);
    script?.begin(userId, call);
    this.#scheduleNext(record);
    return call;
  }

  get(userId: string, callId: string): Call {
    return this.#require(userId, callId).view();
  }

  /** The call, or undefined for an id this user does not own (or no longer keeps). */
  find(userId: string, callId: string): Call | undefined {
    return this.#ctx.spaces.of(userId).calls.get(callId)?.view();
  }

  list(userId: string, request: PageRequest & { status?: CallStatus }): Page<Call> {
    const page = this.#ctx.spaces
      .of(userId)
      .calls.page(request, request.status ? (r) => r.status === request.status : undefined);
    return { data: page.data.map((r) => r.view()), nextCursor: page.nextCursor };
  }

  /** When the call started ringing (ms on the mock's clock), if it did since it was made or imported. */
  ringingAt(userId: string, callId: string): number | undefined {
    return this.#ctx.spaces.of(userId).calls.get(callId)?.ringingAt;
  }

  /** Before answer the call is canceled; in progress it completes; an ended call is a conflict. */
  hangUp(userId: string, callId: string): Call {
    const record = this.#require(userId, callId);
    refuseEnded(record);
    if (record.status === 'in-progress') this.#end(record, 'completed', 'agent-hangup');
    else this.#end(record, 'canceled', 'canceled');
    return record.view();
  }

  respond(userId: string, callId: string, text: string): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    record.say({ speaker: 'agent', text, at });
    return this.#changed(record, 'call.response.spoken', at);
  }

  injectAudio(userId: string, callId: string, input: InjectAudioRequest): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    record.play(playbackOf(input, at));
    return this.#changed(record, 'call.audio.played', at);
  }

  /** Transfers the call: a busy or unanswered target leaves it with the agent; otherwise it ends, transferred. */
  route(userId: string, callId: string, input: RouteRequest): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    if (input.announce) record.say({ speaker: 'agent', text: input.announce, at });
    const failure = ROUTE_FAILURES[input.to];
    record.routeTo({
      to: input.to,
      status: failure ? 'failed' : 'connected',
      failureReason: failure ?? null,
      at,
    });
    if (failure) return this.#changed(record, 'call.route.failed', at);
    this.#changed(record, 'call.route.connected', at);
    return this.#end(record, 'completed', 'transferred');
  }

  /** A remote event: the person called hangs up. */
  calleeHangsUp(userId: string, callId: string): Call {
    return this.#end(this.#requireInProgress(userId, callId), 'completed', 'callee-hangup');
  }

  /** A remote event: the person called says something. */
  calleeSays(userId: string, callId: string, text: string): Call {
    return this.#calleeSays(this.#requireInProgress(userId, callId), text);
  }

  /**
   * Stores a call as a state export has it (in place of one with its id) and, if it is still live,
   * re-arms its timers (after a state import).
   */
  resume(userId: string, exported: { call: Call; outcome: CallOutcome; statusSince: number }): void {
    const calls = this.#ctx.spaces.of(userId).calls;
    const { call, outcome, statusSince } = exported;
    const record = StoredCall.fromCall(userId, call, outcome, statusSince, this.#steps);
    // The call it replaces would otherwise move on, unseen, on its own timers.
    const replaced = calls.get(record.id);
    if (replaced) this.#cancelTimers(replaced);
    calls.add(record);
    if (isEnded(record.status)) calls.finish(record.id);
    else this.#scheduleNext(record);
  }

  /** Every call the user keeps, oldest first, as the API shows them (a state export, the inspector). */
  *all(userId: string): Generator<{ call: Call; outcome: CallOutcome; statusSince: number }> {
    for (const record of this.#ctx.spaces.of(userId).calls.values())
      yield { call: record.view(), outcome: record.outcome, statusSince: record.statusSince };
  }

  #require(userId: string, callId: string): CallRecord {
    const record = this.#ctx.spaces.of(userId).calls.get(callId);
    if (!record) throw notFound('call', callId);
    return record;
  }

  #requireInProgress(userId: string, callId: string): CallRecord {
    const record = this.#require(userId, callId);
    refuseUnlessInProgress(record);
    return record;
  }

  // Schedules what happens next to the call by itself (call-progress.ts decides what and when).
  #scheduleNext(record: CallRecord): void {
    const handles = nextSteps(record.progress(), this.#ctx.clock.now()).map(({ at, step }) =>
      this.#ctx.clock.scheduleStep(at, record, step),
    );
    record.timers = handles.length === 1 ? handles[0] : handles.length > 1 ? handles : undefined;
  }

  #take(record: CallRecord, step: CallStep): void {
    if (step.kind === 'ring') {
      record.ringingAt = this.#ctx.clock.now();
      this.#enter(record, 'ringing', 'call.ringing');
    } else if (step.kind === 'answer') this.#answer(record);
    else if (step.kind === 'callee-speaks') this.#calleeSays(record, this.#ctx.gen.calleeLine());
    else this.#end(record, step.status, step.reason);
  }

  #calleeSays(record: CallRecord, text: string): Call {
    const at = this.#ctx.clock.iso();
    record.say({ speaker: 'callee', text, at });
    return this.#changed(record, 'call.callee.spoke', at);
  }

  #answer(record: CallRecord): void {
    if (record.outcome.kind !== 'answered') return;
    const now = this.#ctx.clock.now();
    const at = this.#ctx.clock.iso(now);
    record.answeredBy = record.outcome.answeredBy;
    record.answeredAt = now;
    const agent = this.#agents.find(record.userId, record.agentId);
    record.say({ ...firstWords(record.outcome.answeredBy, agent?.greeting), at });
    this.#enter(record, 'in-progress', 'call.answered', now, at);
  }

  #enter(
    record: CallRecord,
    status: CallStatus,
    event: CallEventType,
    now = this.#ctx.clock.now(),
    at = this.#ctx.clock.iso(now),
  ): void {
    record.status = status;
    record.statusSince = now;
    this.#changed(record, event, at, now);
    this.#scheduleNext(record);
  }

  #end(record: CallRecord, status: Ending, reason: EndedReason): Call {
    const now = this.#ctx.clock.now();
    const at = this.#ctx.clock.iso(now);
    record.status = status;
    record.endedReason = reason;
    record.endedAt = now;
    if (record.answeredAt !== undefined)
      record.durationSeconds = Math.round((now - msOf(record.answeredAt)) / 1000);
    record.statusSince = now;
    this.#cancelTimers(record);
    const call = this.#changed(record, `call.${status}`, at, now);
    // Also what frees the call's place under `maxLiveCalls` (see Collection.unfinished).
    this.#ctx.spaces.of(record.userId).calls.finish(record.id);
    return call;
  }

  // An ended call keeps no timer: what its timers waited for will not come.
  #cancelTimers(record: CallRecord): void {
    const { timers } = record;
    if (Array.isArray(timers)) for (const timer of timers) this.#ctx.clock.cancel(timer);
    else if (timers) this.#ctx.clock.cancel(timers);
    record.timers = undefined;
  }

  // `at` is the ISO time of the change, formatted once by the caller that already has it (and `now`
  // its milliseconds, when the caller has them). Returns the call as it is now.
  #changed(record: CallRecord, type: CallEventType, at: string, now = Date.parse(at)): Call {
    record.sequence += 1;
    record.updatedAt = now;
    // Listeners keep the event (webhook retries, the inspector): the view is theirs, built for them.
    const call = record.view();
    this.#ctx.emit({ kind: 'call', type, userId: record.userId, at, call });
    return call;
  }
}
