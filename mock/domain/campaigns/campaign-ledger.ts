import type { ScenarioRunStatus } from '../scenarios/types.js';
import type { CallStatus } from '../types.js';

/** Why a run failed, without the particulars of one call (the report groups by step and reason). */
export interface FailureNote {
  step: string | null;
  expected: string | null;
  reason: string;
  /** What happened, in the run's own words. */
  example: string;
}

/** What the report needs of a scenario run, kept up to date as the run goes. */
export interface RunSummary {
  scenario: string;
  status: ScenarioRunStatus;
  /** The app's turn latencies (real ms), one per expect step that judged its utterance. */
  latencies: number[];
  failure: FailureNote | null;
}

/** One call as the report sees it. */
export interface CallEntry {
  callId: string;
  userId: string;
  /** When it was created, on the mock's clock (ms). */
  at: number;
  status: CallStatus;
  population: string | null;
  entry: string | null;
  run: RunSummary | null;
  doubleAnswer: boolean;
}

/** One webhook delivery as the report sees it. */
export interface DeliveryEntry {
  at: number;
  status: 'pending' | 'succeeded' | 'failed';
  /** The app's status code for each attempt (null: no answer). */
  codes: Array<number | null>;
  duplicate: boolean;
  reordered: boolean;
  delayed: boolean;
}

/** One request to the telephony API as the report counts it. */
export interface RequestNote {
  at: number;
  userId: string | null;
  operationId: string | null;
  status: number;
  /** The 429's `Retry-After` (seconds of the mock's clock), when it is one. */
  retryAfterSeconds?: number | undefined;
  /** The request acted on a call that had ended (409 `call_ended`). */
  callEnded: boolean;
}

export const LEDGER_CAPACITY = 50_000;
export const REQUEST_CAPACITY = 200_000;
const INSIDE_RETRY_AFTER = 1;
const AFTER_CALL_ENDED = 2;

// A Map keeps insertion order: past `capacity`, the oldest key goes first.
function capped<K, V>(map: Map<K, V>, capacity: number): void {
  while (map.size > capacity) map.delete(map.keys().next().value as K);
}

/**
 * What the report is computed from, bounded: the latest calls (with their population, entry and
 * run), webhook deliveries and requests. Requests sit in typed arrays (a ring), ~20 bytes each.
 * Reset forgets it all; the report (campaign-report.ts) reads it in one pass.
 */
export class CampaignLedger {
  readonly calls = new Map<string, CallEntry>();
  readonly deliveries = new Map<string, DeliveryEntry>();
  readonly capacity: number;
  readonly requestCapacity: number;
  #requestAt: Float64Array;
  #requestStatus: Uint16Array;
  #requestFlags: Uint8Array;
  #requestUser: Uint32Array;
  #requestOperation: Uint32Array;
  #requestCount = 0;
  /** Names of users and operations, interned: index 0 is "none". */
  readonly names: string[] = [''];
  #nameIndex = new Map<string, number>([['', 0]]);
  #retryUntil = new Map<string, number>();

  constructor(capacity = LEDGER_CAPACITY, requestCapacity = REQUEST_CAPACITY) {
    this.capacity = capacity;
    this.requestCapacity = requestCapacity;
    // Grown as requests come (doubling up to the capacity), so an idle mock holds little.
    const size = Math.min(1024, requestCapacity);
    this.#requestAt = new Float64Array(size);
    this.#requestStatus = new Uint16Array(size);
    this.#requestFlags = new Uint8Array(size);
    this.#requestUser = new Uint32Array(size);
    this.#requestOperation = new Uint32Array(size);
  }

  #grow(): void {
    const size = Math.min(this.requestCapacity, this.#requestAt.length * 2);
    const grown = <T extends Float64Array | Uint16Array | Uint8Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.#requestAt = grown(this.#requestAt, new Float64Array(size));
    this.#requestStatus = grown(this.#requestStatus, new Uint16Array(size));
    this.#requestFlags = grown(this.#requestFlags, new Uint8Array(size));
    this.#requestUser = grown(this.#requestUser, new Uint32Array(size));
    this.#requestOperation = grown(this.#requestOperation, new Uint32Array(size));
  }

  callCreated(entry: Omit<CallEntry, 'run' | 'doubleAnswer'>): void {
    this.calls.set(entry.callId, { ...entry, run: null, doubleAnswer: false });
    capped(this.calls, this.capacity);
  }

  callStatus(callId: string, status: CallStatus): void {
    const entry = this.calls.get(callId);
    if (entry) entry.status = status;
  }

  run(callId: string, summary: RunSummary): void {
    const entry = this.calls.get(callId);
    if (entry) entry.run = summary;
  }

  doubleAnswer(callId: string): void {
    const entry = this.calls.get(callId);
    if (entry) entry.doubleAnswer = true;
  }

  delivery(id: string, entry: DeliveryEntry): void {
    this.deliveries.set(id, entry);
    capped(this.deliveries, this.capacity);
  }

  /** Counts a request; remembers a 429's `Retry-After`, so that later requests can be told to be inside it. */
  request(note: RequestNote): void {
    let flags = 0;
    if (note.userId !== null) {
      const until = this.#retryUntil.get(note.userId);
      if (until !== undefined && note.at < until) flags |= INSIDE_RETRY_AFTER;
      if (note.status === 429 && note.retryAfterSeconds !== undefined)
        this.#retryUntil.set(note.userId, Math.max(until ?? 0, note.at + note.retryAfterSeconds * 1000));
    }
    if (note.callEnded) flags |= AFTER_CALL_ENDED;
    if (this.#requestCount === this.#requestAt.length && this.#requestAt.length < this.requestCapacity)
      this.#grow();
    const slot = this.#requestCount % this.requestCapacity;
    this.#requestAt[slot] = note.at;
    this.#requestStatus[slot] = note.status;
    this.#requestFlags[slot] = flags;
    this.#requestUser[slot] = this.#intern(note.userId ?? '');
    this.#requestOperation[slot] = this.#intern(note.operationId ?? '');
    this.#requestCount += 1;
  }

  /** The requests kept, oldest first, as plain values (one pass, no objects made). */
  forEachRequest(
    visit: (at: number, user: number, operation: number, status: number, flags: number) => void,
  ): void {
    const kept = Math.min(this.#requestCount, this.requestCapacity);
    const start = this.#requestCount - kept;
    for (let i = start; i < this.#requestCount; i++) {
      const slot = i % this.requestCapacity;
      visit(
        this.#requestAt[slot] as number,
        this.#requestUser[slot] as number,
        this.#requestOperation[slot] as number,
        this.#requestStatus[slot] as number,
        this.#requestFlags[slot] as number,
      );
    }
  }

  clear(): void {
    this.calls.clear();
    this.deliveries.clear();
    this.#requestCount = 0;
    this.#retryUntil.clear();
  }

  #intern(name: string): number {
    let index = this.#nameIndex.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.#nameIndex.set(name, index);
    }
    return index;
  }
}

export const REQUEST_FLAGS = { INSIDE_RETRY_AFTER, AFTER_CALL_ENDED } as const;
