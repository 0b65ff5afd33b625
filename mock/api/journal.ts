import type { components } from '../../src/admin-api.js';
import { redactBody } from './redact-secrets.js';

export type JournalEntry = components['schemas']['JournalEntry'];

/** What the pipeline records of one request; bodies stay serialised until someone reads them. */
export interface JournalRecord extends Omit<JournalEntry, 'request' | 'response'> {
  requestHeaders: Record<string, string>;
  requestBody: Uint8Array | undefined;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
}

const BODY_LIMIT = 10_240;

function readBody(raw: string | Uint8Array | undefined): unknown {
  if (raw === undefined || raw.length === 0) return null;
  const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw.subarray(0, BODY_LIMIT + 1));
  if (text.length <= BODY_LIMIT) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON: keep the text as it came
    }
  }
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (cut)` : text;
}

/** The request journal: a ring of the latest requests, so memory stays bounded. */
export class Journal {
  #ring: Array<JournalRecord | undefined>;
  #next = 0;
  #size = 0;

  constructor(capacity = 1000) {
    this.#ring = new Array(capacity);
  }

  record(entry: JournalRecord): void {
    this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#size = Math.min(this.#size + 1, this.#ring.length);
  }

  /** Newest first. */
  list(filter: { limit?: number; userId?: string; operationId?: string } = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    const limit = filter.limit ?? 100;
    for (let i = 1; i <= this.#size && out.length < limit; i++) {
      const r = this.#ring[(this.#next - i + this.#ring.length) % this.#ring.length];
      if (!r) continue;
      if (filter.userId && r.userId !== filter.userId) continue;
      if (filter.operationId && r.operationId !== filter.operationId) continue;
      out.push({
        id: r.id,
        at: r.at,
        method: r.method,
        path: r.path,
        operationId: r.operationId,
        userId: r.userId,
        status: r.status,
        latencyMs: r.latencyMs,
        request: { headers: r.requestHeaders, body: redactBody(readBody(r.requestBody)) },
        response: { headers: r.responseHeaders, body: redactBody(readBody(r.responseBody)) },
      });
    }
    return out;
  }

  clear(): void {
    this.#ring = new Array(this.#ring.length);
    this.#next = 0;
    this.#size = 0;
  }
}
