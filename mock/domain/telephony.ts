import { sha256 } from '../lib/sha256.js';
import { AgentBook } from './agents.js';
import { CallBook } from './calls.js';
import type { UtteranceJudgement } from './campaigns/app-turns.js';
import { Campaigns } from './campaigns/campaigns.js';
import type { DeliverySettings } from './campaigns/types.js';
import { Clock, type TimeScale } from './clock.js';
import type { DomainContext } from './context.js';
import type { DomainEvent, DomainEventListener } from './events.js';
import { SeededFaker } from './ids.js';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETAIN } from './limits.js';
import type { CallOutcome } from './magic-numbers.js';
import { RateLimiter } from './rate-limiter.js';
import { ScenarioBook } from './scenarios/scenario-book.js';
import { Spaces } from './spaces.js';
import { checkSnapshot } from './state-check.js';
import type { CallSeen } from './stored-call.js';
import { DEFAULT_USERS, Tenants, type UserConfig } from './tenants.js';
import { TextBook } from './texts.js';
import type { CallStatus, StateSnapshot, Text } from './types.js';
import { webhookSecretOf } from './webhook-secret.js';

export type { CallSeen } from './stored-call.js';
export type { StateSnapshot };

export interface TelephonyOptions {
  seed?: number;
  timeScale?: TimeScale;
  /** Where the clock starts (ms since the epoch); now by default. */
  startTime?: number;
  users?: readonly UserConfig[];
  /** Requests per minute per user; 0 turns rate limiting off. */
  rateLimit?: number;
  /** Finished calls and texts kept per user before the oldest are evicted. */
  retain?: number;
  /**
   * Calls per user queued, ringing or in progress at once (default 10,000); past it, creating a
   * call is refused with 409 `too_many_live_calls`. With `retain`, this bounds the memory per user.
   */
  maxLiveCalls?: number;
  /** Agents per user (default 1,000); past it, creating one is refused with 409 `too_many_agents`. */
  maxAgents?: number;
  /** How webhooks are delivered: duplicates, reordering, delay (all off by default). */
  webhookDelivery?: DeliverySettings | undefined;
  /** Real time in ms for the app's turn latencies (performance.now() by default; tests pass their own). */
  realNow?: (() => number) | undefined;
}

export { DEFAULT_MAX_LIVE_CALLS, DEFAULT_RATE_LIMIT, DEFAULT_RETAIN } from './limits.js';

/**
 * The mock's domain: every rule of calls, agents, texts, users and time, with no HTTP in it.
 * Express and MSW are adapters over one instance of this.
 */
export class Telephony {
  readonly clock: Clock;
  readonly tenants: Tenants;
  readonly rateLimiter: RateLimiter;
  readonly rateLimit: number;
  readonly calls: CallBook;
  readonly agents: AgentBook;
  readonly texts: TextBook;
  /** The scenarios (scripted callees) and their runs. */
  readonly scenarios: ScenarioBook;
  /** Populations, webhook delivery settings, the app's turns and the report's ledger. */
  readonly campaigns: Campaigns;
  readonly #ctx: DomainContext;
  readonly #seed: number | undefined;
  #listeners = new Set<DomainEventListener>();

  constructor(options: TelephonyOptions = {}) {
    this.clock = new Clock({
      scale: options.timeScale ?? 1,
      ...(options.startTime !== undefined ? { start: options.startTime } : {}),
    });
    this.#seed = options.seed;
    this.tenants = new Tenants(options.users ?? DEFAULT_USERS);
    this.rateLimiter = new RateLimiter(this.clock);
    this.rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.#ctx = {
      clock: this.clock,
      gen: new SeededFaker(options.seed),
      spaces: new Spaces(options.retain ?? DEFAULT_RETAIN),
      emit: (event) => this.#emit(event),
    };
    this.agents = new AgentBook(
      this.#ctx,
      options.maxAgents !== undefined ? { maxAgents: options.maxAgents } : {},
    );
    this.campaigns = new Campaigns(this.clock, {
      seed: options.seed,
      webhookDelivery: options.webhookDelivery,
      ...(options.realNow ? { realNow: options.realNow } : {}),
    });
    this.scenarios = new ScenarioBook(
      this.#ctx,
      {
        find: (userId, callId) => this.calls.find(userId, callId),
        say: (userId, callId, text) => this.calls.calleeSays(userId, callId, text),
        hangUp: (userId, callId) => this.calls.calleeHangsUp(userId, callId),
        text: (userId, call, body) =>
          this.texts.receive(userId, call.from, { from: call.to, to: call.from, body }),
      },
      this.campaigns,
    );
    this.calls = new CallBook(this.#ctx, this.agents, {
      ...(options.maxLiveCalls !== undefined ? { maxLiveCalls: options.maxLiveCalls } : {}),
      claim: (to, agentId) => this.scenarios.claim(to, agentId),
      created: (userId, call, script) => this.campaigns.callCreated(userId, call, script?.population),
    });
    this.texts = new TextBook(this.#ctx);
  }

  /** Hears every domain event (webhooks, the inspector). Returns a function that stops listening. */
  onEvent(listener: DomainEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets all data, timers and rate-limit windows; the seed starts over. Users and clock scale stay. */
  reset(): void {
    this.clock.clear();
    this.scenarios.clearRuns();
    this.campaigns.clear();
    this.#ctx.spaces.clear();
    this.rateLimiter.reset();
    this.#ctx.gen = new SeededFaker(this.#seed);
  }

  /**
   * Every user's calls (or one user's), each user's newest first: the read side of views across
   * users (the inspector). Each is the stored call seen through {@link CallSeen}: nothing is built
   * until `view()`, so a view that sorts 100,000 calls and shows 50 builds 50.
   */
  callsAcrossUsers(
    filter: { userId?: string | undefined; status?: CallStatus | undefined } = {},
  ): CallSeen[] {
    const out: CallSeen[] = [];
    for (const [userId, space] of this.#ctx.spaces.entries()) {
      if (filter.userId !== undefined && userId !== filter.userId) continue;
      for (const call of [...space.calls.values()].reverse()) {
        if (filter.status === undefined || call.status === filter.status) out.push(call);
      }
    }
    return out;
  }

  /** Every user's texts (or one user's) in the order they came, for views across users. Read-only. */
  textsAcrossUsers(
    filter: { userId?: string | undefined } = {},
  ): Array<{ userId: string; texts: readonly Text[] }> {
    const out: Array<{ userId: string; texts: readonly Text[] }> = [];
    for (const [userId, space] of this.#ctx.spaces.entries()) {
      if (filter.userId === undefined || userId === filter.userId)
        out.push({ userId, texts: [...space.texts.values()] });
    }
    return out;
  }

  /** The user's webhook signing secret, texts and calls alike; made on first use. */
  webhookSecret(userId: string): string {
    return webhookSecretOf(this.#ctx, userId);
  }

  /**
   * Where an event is delivered, if anywhere: a call's to the call's own `webhookUrl`, a text's to
   * the user's texts webhook; both signed with the user's secret.
   */
  webhookTarget(event: DomainEvent): { url: string; secret: string } | undefined {
    const url =
      event.kind === 'call' ? event.call.webhookUrl : this.#ctx.spaces.of(event.userId).textWebhook?.url;
    // The secret is drawn when the event happens, so the seeded generator is drawn in event order.
    return url ? { url, secret: this.webhookSecret(event.userId) } : undefined;
  }

  /** Finished calls and texts kept per user. */
  get retain(): number {
    return this.#ctx.spaces.retain;
  }

  /** Calls per user that may be live at once. */
  get maxLiveCalls(): number {
    return this.calls.maxLiveCalls;
  }

  snapshot(): StateSnapshot {
    const users: StateSnapshot['users'] = {};
    for (const [userId, space] of this.#ctx.spaces.entries()) {
      users[userId] = {
        calls: [...this.calls.all(userId)],
        agents: [...space.agents.values()].map(({ agent, persona, sampleUrls }) => ({
          agent,
          persona: persona ?? null,
          sampleUrls,
        })),
        texts: [...space.texts.values()],
        textWebhook: space.textWebhook ?? null,
        webhookSecret: space.webhookSecret ?? null,
      };
    }
    return structuredClone({ version: 1, clock: { now: this.clock.iso() }, users });
  }

  /**
   * Replaces all data with a snapshot and re-arms the timers of what was still moving. All or
   * nothing: a snapshot that contradicts itself (state-check.ts) is refused before anything changes,
   * and should restoring fail anyway, the state before it is put back.
   */
  restore(snapshot: StateSnapshot): void {
    checkSnapshot(snapshot, { maxAgents: this.agents.maxAgents });
    const previous = this.snapshot();
    try {
      this.#replaceWith(snapshot);
    } catch (error) {
      this.#replaceWith(previous);
      throw error;
    }
  }

  #replaceWith(snapshot: StateSnapshot): void {
    this.reset();
    const copy = structuredClone(snapshot);
    // Reseeded from the snapshot: restarting the seed would hand out the restored ids again.
    this.#ctx.gen = new SeededFaker(this.#seed === undefined ? undefined : seedAfter(this.#seed, copy));
    const exportedAt = Date.parse(copy.clock.now);
    if (!Number.isNaN(exportedAt)) this.clock.setTime(exportedAt);
    for (const [userId, data] of Object.entries(copy.users)) {
      const space = this.#ctx.spaces.of(userId);
      for (const { agent, persona, sampleUrls } of data.agents) {
        const record = { id: agent.id, agent, persona: persona ?? undefined, sampleUrls };
        space.agents.add(record);
        this.agents.resume(record);
      }
      for (const { call, outcome, statusSince } of data.calls)
        this.calls.resume(userId, { call, outcome: callOutcome(outcome), statusSince });
      for (const text of data.texts) {
        space.texts.add(text);
        if (text.status === 'queued' || text.status === 'sent') this.texts.resume(userId, text);
        else space.texts.finish(text.id);
      }
      space.textWebhook = data.textWebhook ?? undefined;
      space.webhookSecret = data.webhookSecret ?? data.textWebhook?.secret ?? undefined;
    }
  }

  #emit(event: DomainEvent): void {
    // The app's turns first: the scenario runs judge its utterances with their latency.
    let judgement: UtteranceJudgement | undefined;
    this.#deliver(event, (e) => (judgement = this.campaigns.hear(e)), 'the campaign ledger');
    // Scenario runs only judge and arm timers here; what the callee does comes later, on the clock.
    this.#deliver(event, (e) => this.scenarios.hear(e, judgement), 'the scenario runs');
    for (const listener of this.#listeners) this.#deliver(event, listener, 'a listener');
  }

  // A listener that throws is a bug in the mock (or in a test's listener), never the caller's: it is
  // reported like a failing timer, and the change that emitted, and every other listener, go on.
  #deliver(event: DomainEvent, listener: DomainEventListener, who: string): void {
    try {
      listener(event);
    } catch (error) {
      const subject = event.kind === 'call' ? event.call.id : event.text.id;
      const what = `${who} of ${event.type} (${subject}, user ${event.userId})`;
      this.clock.report({ what, at: this.clock.now(), error });
    }
  }
}

type SnapshotOutcome = StateSnapshot['users'][string]['calls'][number]['outcome'];

// The admin spec requires `answeredBy` of an answered outcome (if/then), which its type cannot say.
function callOutcome(outcome: SnapshotOutcome): CallOutcome {
  if (outcome.kind !== 'answered') return { kind: outcome.kind };
  const { answeredBy = 'human', calleeHangsUpAfterMs } = outcome;
  return {
    kind: 'answered',
    answeredBy,
    ...(calleeHangsUpAfterMs !== undefined ? { calleeHangsUpAfterMs } : {}),
  };
}

// A seed that is the same for the same seed and snapshot, so a restored mock stays deterministic.
function seedAfter(seed: number, snapshot: StateSnapshot): number {
  const digest = sha256(`${seed}:${JSON.stringify(snapshot)}`);
  return new DataView(digest.buffer).getUint32(0) >>> 1;
}
