import { isoAt } from '../lib/iso-time.js';
import { copyFlat } from './call-snapshot.js';
import type { CallOutcome } from './magic-numbers.js';
import type { TimerHandle } from './timer-queue.js';
import type { Call, CallStatus } from './types.js';

type Entry<K extends 'transcript' | 'audio' | 'routes'> = Call[K][number];

/**
 * A time as stored: milliseconds on the mock's clock, or, for a time imported in another ISO form
 * (`…T00:00:00Z`, an offset), the string itself, so an export gives back exactly what was imported.
 */
export type Stamp = number | string;

/** The ISO form of a stamp. */
export const isoOf = (stamp: Stamp) => (typeof stamp === 'number' ? isoAt(stamp) : stamp);

/** The milliseconds of a stamp. */
export const msOf = (stamp: Stamp) => (typeof stamp === 'number' ? stamp : Date.parse(stamp));

/** How an imported ISO time is stored: as milliseconds when they give back the same string. */
export function stampOf(iso: string): Stamp {
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}

const isoOrNull = (stamp: Stamp | undefined) => (stamp === undefined ? null : isoOf(stamp));
const copies = <T extends Parameters<typeof copyFlat>[0]>(entries: readonly T[] | undefined): T[] =>
  entries ? entries.map(copyFlat) : [];
// An imported list as stored: absent when empty.
const kept = <T extends Parameters<typeof copyFlat>[0]>(entries: readonly T[]): T[] | undefined =>
  entries.length > 0 ? entries.map(copyFlat) : undefined;

/** What a call's timers do when they fall due, and what becomes of the call should one throw. */
export interface CallSteps<S> {
  fire(call: StoredCall<S>, step: S): void;
  failed(call: StoredCall<S>): void;
}

/** A stored call as views across users see it: whose, which, when made (ms), and the call on demand. */
export type CallSeen = Readonly<Pick<StoredCall, 'userId' | 'id' | 'status' | 'createdAtMs' | 'view'>>;

/** What a new call is made of (the CallBook has checked it). */
export interface NewCall {
  id: string;
  from: string;
  to: string;
  agentId: string;
  webhookUrl: string | undefined;
  maxDurationSeconds: number;
  metadata: Call['metadata'] | undefined;
  now: number;
}

/**
 * One stored call, kept small because a mock may hold 100,000 of them: fixed fields, times as
 * numbers, lists and metadata absent until they hold something, and the API's `Call` built only
 * when someone reads it ({@link view}). It is also the owner of its own timers (the clock calls
 * {@link fire} with the step), so a waiting call costs no closure; an ended one holds no timer.
 */
export class StoredCall<S = unknown> {
  readonly id: string;
  readonly userId: string;
  status: CallStatus = 'queued';
  readonly from: string;
  readonly to: string;
  readonly agentId: string;
  readonly webhookUrl: string | undefined;
  answeredBy: Call['answeredBy'] = null;
  endedReason: Call['endedReason'] = null;
  durationSeconds: number | null = null;
  readonly maxDurationSeconds: number;
  transcript: Entry<'transcript'>[] | undefined;
  audio: Entry<'audio'>[] | undefined;
  routes: Entry<'routes'>[] | undefined;
  sequence = 1;
  readonly metadata: Call['metadata'] | undefined;
  readonly createdAt: Stamp;
  updatedAt: Stamp;
  answeredAt: Stamp | undefined;
  endedAt: Stamp | undefined;
  /** When the call started ringing, for the inspector's timeline (the API's call does not say). */
  ringingAt: number | undefined;
  readonly outcome: CallOutcome;
  /** When the call entered its current status, on the mock's clock (ms). */
  statusSince: number;
  /** Set when a scenario plays the callee: no generated callee line, and its own ringing time. */
  script: { ringMs: number | undefined } | undefined;
  /** The timers still waiting for the call (one handle, or several while it is in progress). */
  timers: TimerHandle | TimerHandle[] | undefined;
  readonly #steps: CallSteps<S>;

  constructor(userId: string, input: NewCall, outcome: CallOutcome, steps: CallSteps<S>) {
    this.id = input.id;
    this.userId = userId;
    this.from = input.from;
    this.to = input.to;
    this.agentId = input.agentId;
    this.webhookUrl = input.webhookUrl;
    this.maxDurationSeconds = input.maxDurationSeconds;
    this.metadata = input.metadata && Object.keys(input.metadata).length > 0 ? input.metadata : undefined;
    this.createdAt = input.now;
    this.updatedAt = input.now;
    this.statusSince = input.now;
    this.outcome = outcome;
    this.#steps = steps;
  }

  /** A stored call from an exported one (a state import): the same call comes back out of {@link view}. */
  static fromCall<S>(
    userId: string,
    call: Call,
    outcome: CallOutcome,
    statusSince: number,
    steps: CallSteps<S>,
  ): StoredCall<S> {
    const stored = new StoredCall(
      userId,
      {
        id: call.id,
        from: call.from,
        to: call.to,
        agentId: call.agentId,
        webhookUrl: call.webhookUrl,
        maxDurationSeconds: call.maxDurationSeconds,
        metadata: call.metadata,
        now: 0,
      },
      outcome,
      steps,
    );
    // `createdAt` is read-only once made; an import is the one place it is set from outside.
    (stored as { createdAt: Stamp }).createdAt = stampOf(call.createdAt);
    stored.updatedAt = stampOf(call.updatedAt);
    stored.status = call.status;
    stored.answeredBy = call.answeredBy;
    stored.endedReason = call.endedReason;
    stored.durationSeconds = call.durationSeconds;
    stored.sequence = call.sequence;
    stored.transcript = kept(call.transcript);
    stored.audio = kept(call.audio);
    stored.routes = kept(call.routes);
    stored.answeredAt = call.answeredAt === null ? undefined : stampOf(call.answeredAt);
    stored.endedAt = call.endedAt === null ? undefined : stampOf(call.endedAt);
    stored.statusSince = statusSince;
    return stored;
  }

  /**
   * The call as the API shows it (openapi.yaml's `Call`), built now: a copy, down to its entries,
   * that later changes to the call do not reach and that a reader may change freely.
   */
  view(): Call {
    return {
      id: this.id,
      status: this.status,
      from: this.from,
      to: this.to,
      agentId: this.agentId,
      ...(this.webhookUrl !== undefined ? { webhookUrl: this.webhookUrl } : {}),
      answeredBy: this.answeredBy,
      endedReason: this.endedReason,
      durationSeconds: this.durationSeconds,
      maxDurationSeconds: this.maxDurationSeconds,
      transcript: copies(this.transcript),
      audio: copies(this.audio),
      routes: copies(this.routes),
      sequence: this.sequence,
      metadata: this.metadata ? copyFlat(this.metadata) : {},
      createdAt: isoOf(this.createdAt),
      updatedAt: isoOf(this.updatedAt),
      answeredAt: isoOrNull(this.answeredAt),
      endedAt: isoOrNull(this.endedAt),
    };
  }

  /** When the call was made, in milliseconds (to sort by). */
  get createdAtMs(): number {
    return msOf(this.createdAt);
  }

  /** What `nextSteps` (call-progress.ts) reads of the call. */
  progress() {
    return {
      id: this.id,
      call: {
        status: this.status,
        answeredAt: isoOrNull(this.answeredAt),
        maxDurationSeconds: this.maxDurationSeconds,
      },
      outcome: this.outcome,
      statusSince: this.statusSince,
      script: this.script,
    };
  }

  say(entry: Entry<'transcript'>): void {
    this.transcript ??= [];
    this.transcript.push(entry);
  }

  play(entry: Entry<'audio'>): void {
    this.audio ??= [];
    this.audio.push(entry);
  }

  routeTo(entry: Entry<'routes'>): void {
    this.routes ??= [];
    this.routes.push(entry);
  }

  /** The timer owner's name, for the log: made only when a timer fails. */
  get what(): string {
    return `call ${this.id} (user ${this.userId})`;
  }

  /** A timer of the call fell due (the clock calls it with the step it was scheduled for). */
  fire(step: S): void {
    this.#steps.fire(this, step);
  }

  /** A timer of the call threw. */
  failed(): void {
    this.#steps.failed(this);
  }
}
