import type { AgentBook } from './agents.js';
import { playbackOf } from './audio-playback.js';
import { type EndedReason, type Ending, isEnded, nextSteps } from './call-progress.js';
import { snapshotCall } from './call-snapshot.js';
import type { TimerOwner } from './clock.js';
import type { DomainContext } from './context.js';
import { DomainError, notFound } from './errors.js';
import { maxLiveCallsOf } from './limits.js';
import { dialOutcome, ROUTE_FAILURES } from './magic-numbers.js';
import type { CallScript } from './scenarios/scenario-book.js';
import type { CallRecord } from './spaces.js';
import { TimerOwners } from './timer-owners.js';
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
}

/**
 * Calls and their lifecycle: `queued → ringing → in-progress → completed`, or one of the other
 * endings. Each status schedules the next on the mock's clock; the dialled number's outcome
 * (magic-numbers.ts) decides which ending comes.
 */
export class CallBook {
  #ctx: DomainContext;
  #agents: AgentBook;
  // Each call's timers share one owner, so its ending cancels those still waiting.
  readonly #owners = new TimerOwners<CallRecord>();
  readonly maxLiveCalls: number;
  readonly #claim: CallBookOptions['claim'];

  constructor(ctx: DomainContext, agents: AgentBook, options: CallBookOptions = {}) {
    this.#ctx = ctx;
    this.#agents = agents;
    this.maxLiveCalls = maxLiveCallsOf(options.maxLiveCalls);
    this.#claim = options.claim;
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
    const now = this.#ctx.clock.now();
    const at = this.#ctx.clock.iso(now);
    const call: Call = {
      id: this.#ctx.gen.id('call'),
      status: 'queued',
      from: input.from ?? from,
      to: input.to,
      agentId: agent.id,
      ...(input.webhookUrl ? { webhookUrl: input.webhookUrl } : {}),
      answeredBy: null,
      endedReason: null,
      durationSeconds: null,
      maxDurationSeconds: input.maxDurationSeconds ?? agent.maxCallDurationSeconds,
      transcript: [],
      audio: [],
      routes: [],
      sequence: 1,
      metadata: input.metadata ?? {},
      createdAt: at,
      updatedAt: at,
      answeredAt: null,
      endedAt: null,
    };
    const record: CallRecord = { id: call.id, call, outcome, statusSince: now };
    if (script) record.script = { ringMs: script.ringMs };
    calls.add(record);
    script?.begin(userId, call);
    this.#scheduleNext(userId, record);
    return call;
  }

  get(userId: string, callId: string): Call {
    return this.#require(userId, callId).call;
  }

  /** The call, or undefined for an id this user does not own (or no longer keeps). */
  find(userId: string, callId: string): Call | undefined {
    return this.#ctx.spaces.of(userId).calls.get(callId)?.call;
  }

  list(userId: string, request: PageRequest & { status?: CallStatus }): Page<Call> {
    const page = this.#ctx.spaces
      .of(userId)
      .calls.page(request, request.status ? (r) => r.call.status === request.status : undefined);
    return { data: page.data.map((r) => r.call), nextCursor: page.nextCursor };
  }

  /** Before answer the call is canceled; in progress it completes; an ended call is a conflict. */
  hangUp(userId: string, callId: string): Call {
    const record = this.#require(userId, callId);
    const { status } = record.call;
    this.#refuseEnded(record);
    if (status === 'in-progress') this.#end(userId, record, 'completed', 'agent-hangup');
    else this.#end(userId, record, 'canceled', 'canceled');
    return record.call;
  }

  respond(userId: string, callId: string, text: string): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    record.call.transcript.push({ speaker: 'agent', text, at });
    this.#changed(userId, record, 'call.response.spoken', at);
    return record.call;
  }

  injectAudio(userId: string, callId: string, input: InjectAudioRequest): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    record.call.audio.push(playbackOf(input, at));
    this.#changed(userId, record, 'call.audio.played', at);
    return record.call;
  }

  /** Transfers the call: a busy or unanswered target leaves it with the agent; otherwise it ends, transferred. */
  route(userId: string, callId: string, input: RouteRequest): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    if (input.announce) record.call.transcript.push({ speaker: 'agent', text: input.announce, at });
    const failure = ROUTE_FAILURES[input.to];
    record.call.routes.push({
      to: input.to,
      status: failure ? 'failed' : 'connected',
      failureReason: failure ?? null,
      at,
    });
    if (failure) {
      this.#changed(userId, record, 'call.route.failed', at);
    } else {
      this.#changed(userId, record, 'call.route.connected', at);
      this.#end(userId, record, 'completed', 'transferred');
    }
    return record.call;
  }

  /** A remote event: the person called hangs up. */
  calleeHangsUp(userId: string, callId: string): Call {
    const record = this.#requireInProgress(userId, callId);
    this.#end(userId, record, 'completed', 'callee-hangup');
    return record.call;
  }

  /** A remote event: the person called says something. */
  calleeSays(userId: string, callId: string, text: string): Call {
    const record = this.#requireInProgress(userId, callId);
    const at = this.#ctx.clock.iso();
    record.call.transcript.push({ speaker: 'callee', text, at });
    this.#changed(userId, record, 'call.callee.spoke', at);
    return record.call;
  }

  /** Re-arms the timers of a live call (after a state import). */
  resume(userId: string, record: CallRecord): void {
    this.#scheduleNext(userId, record);
  }

  #require(userId: string, callId: string): CallRecord {
    const record = this.#ctx.spaces.of(userId).calls.get(callId);
    if (!record) throw notFound('call', callId);
    return record;
  }

  #refuseEnded(record: CallRecord): void {
    if (isEnded(record.call.status)) {
      throw new DomainError('conflict', 'call_ended', `Call ${record.id} has ended (${record.call.status}).`);
    }
  }

  #requireInProgress(userId: string, callId: string): CallRecord {
    const record = this.#require(userId, callId);
    this.#refuseEnded(record);
    if (record.call.status !== 'in-progress') {
      throw new DomainError(
        'conflict',
        'call_not_answered',
        `Call ${callId} is ${record.call.status}; it has not been answered yet.`,
      );
    }
    return record;
  }

  // A step that threw ends the call, so it cannot hang on for ever.
  #ownerOf(userId: string, record: CallRecord): TimerOwner {
    return this.#owners.of(record, () => ({
      what: `call ${record.id} (user ${userId})`,
      failed: () => {
        if (!isEnded(record.call.status)) this.#end(userId, record, 'failed', 'carrier-error');
      },
    }));
  }

  // Schedules what happens next to the call by itself (call-progress.ts decides what and when).
  #scheduleNext(userId: string, record: CallRecord): void {
    for (const { at, step } of nextSteps(record, this.#ctx.clock.now())) {
      this.#ctx.clock.schedule(
        at,
        () => {
          if (step.kind === 'ring') this.#enter(userId, record, 'ringing', 'call.ringing');
          else if (step.kind === 'answer') this.#answer(userId, record);
          else if (step.kind === 'callee-speaks')
            this.calleeSays(userId, record.id, this.#ctx.gen.calleeLine());
          else this.#end(userId, record, step.status, step.reason);
        },
        this.#ownerOf(userId, record),
      );
    }
  }

  #answer(userId: string, record: CallRecord): void {
    if (record.outcome.kind !== 'answered') return;
    const call = record.call;
    const now = this.#ctx.clock.now();
    const at = this.#ctx.clock.iso(now);
    call.answeredBy = record.outcome.answeredBy;
    call.answeredAt = at;
    if (record.outcome.answeredBy === 'machine') {
      call.transcript.push({
        speaker: 'callee',
        text: "Hi, you've reached my voicemail. Please leave a message after the tone.",
        at,
      });
    } else {
      const agent = this.#agents.find(userId, call.agentId);
      call.transcript.push({ speaker: 'agent', text: agent?.greeting ?? 'Hello!', at });
    }
    this.#enter(userId, record, 'in-progress', 'call.answered', now, at);
  }

  #enter(
    userId: string,
    record: CallRecord,
    status: CallStatus,
    event: CallEventType,
    now = this.#ctx.clock.now(),
    at = this.#ctx.clock.iso(now),
  ): void {
    record.call.status = status;
    record.statusSince = now;
    this.#changed(userId, record, event, at);
    this.#scheduleNext(userId, record);
  }

  #end(userId: string, record: CallRecord, status: Ending, reason: EndedReason): void {
    const call = record.call;
    const now = this.#ctx.clock.now();
    const at = this.#ctx.clock.iso(now);
    call.status = status;
    call.endedReason = reason;
    call.endedAt = at;
    if (call.answeredAt) call.durationSeconds = Math.round((now - Date.parse(call.answeredAt)) / 1000);
    record.statusSince = now;
    this.#owners.cancel(record, this.#ctx.clock);
    this.#changed(userId, record, `call.${status}`, at);
    // Also what frees the call's place under `maxLiveCalls` (see Collection.unfinished).
    this.#ctx.spaces.of(userId).calls.finish(record.id);
  }

  // `at` is the ISO time of the change, formatted once by the caller that already has it.
  #changed(userId: string, record: CallRecord, type: CallEventType, at: string): void {
    const call = record.call;
    call.sequence += 1;
    call.updatedAt = at;
    // Listeners keep the event (webhook retries, the inspector): they get a snapshot, not the live call.
    this.#ctx.emit({ kind: 'call', type, userId, at, call: snapshotCall(call) });
  }
}
