import type { Clock } from '../domain/clock.js';
import { sha256, toHex } from '../lib/sha256.js';
import type { ApiResponse } from '../pipeline/types.js';

const TTL_MS = 24 * 60 * 60 * 1000;
const PER_USER = 1000;

interface Stored {
  fingerprint: string;
  response: ApiResponse;
  expiresAt: number;
}

export type IdempotencyVerdict =
  | { kind: 'new' }
  | { kind: 'replay'; response: ApiResponse }
  | { kind: 'conflict' };

/**
 * Idempotency keys per user: the same key with the same request answers the first response again
 * for 24 hours (on the mock's clock); the same key with a different request is a conflict.
 * Each user keeps at most 1000 keys, the oldest dropped first.
 */
export class IdempotencyStore {
  #clock: Clock;
  #byUser = new Map<string, Map<string, Stored>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * What makes two requests "the same": operation, path and body. Give the body as
   * `canonicalJson(parsed)` so that key order and whitespace do not count.
   */
  static fingerprint(operationId: string, path: string, body: Uint8Array | undefined): string {
    const head = new TextEncoder().encode(`${operationId}\0${path}\0`);
    const bytes = new Uint8Array(head.length + (body?.length ?? 0));
    bytes.set(head);
    if (body) bytes.set(body, head.length);
    return toHex(sha256(bytes));
  }

  check(userId: string, key: string, fingerprint: string): IdempotencyVerdict {
    const stored = this.#byUser.get(userId)?.get(key);
    if (!stored || stored.expiresAt <= this.#clock.now()) return { kind: 'new' };
    return stored.fingerprint === fingerprint
      ? { kind: 'replay', response: stored.response }
      : { kind: 'conflict' };
  }

  remember(userId: string, key: string, fingerprint: string, response: ApiResponse): void {
    let keys = this.#byUser.get(userId);
    if (!keys) {
      keys = new Map();
      this.#byUser.set(userId, keys);
    }
    keys.delete(key);
    keys.set(key, { fingerprint, response, expiresAt: this.#clock.now() + TTL_MS });
    if (keys.size > PER_USER) keys.delete(keys.keys().next().value as string);
  }

  clear(): void {
    this.#byUser.clear();
  }
}

/** A parsed JSON value serialised with its object keys sorted, so equal values give equal bytes. */
export function canonicalJson(value: unknown): Uint8Array | undefined {
  if (value === undefined) return undefined;
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sorted((v as Record<string, unknown>)[k]);
    return out;
  };
  return new TextEncoder().encode(JSON.stringify(sorted(value)));
}
