import type { components } from '../../spec/generated/admin-api.js';
import { redactBody, redactHeaders } from './redact-secrets.js';

export type JournalEntry = components['schemas']['JournalEntry'];

/**
 * What the pipeline records of one request; bodies stay serialised, and secrets in them and in the
 * request's headers unredacted, until someone reads them (`list`).
 */
export interface JournalRecord extends Omit<JournalEntry, 'request' | 'response'> {
  requestHeaders: Record<string, string | undefined>;
  requestBody: Uint8Array | undefined;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
}

/** The most of each body the journal keeps and shows; the rest is cut, with a marker. */
export const JOURNAL_BODY_BYTES = 10_240;
/** What the journal holds in all, bodies and headers, by default: oldest entries go first. */
export const DEFAULT_JOURNAL_BYTES = 8 * 1024 * 1024;

// A body as kept: at most JOURNAL_BODY_BYTES of it, copied (never a view that would pin the whole
// request), and how long it was; or, for a text short enough never to be cut (most answers), the
// text itself, which costs no copy (strings do not change) and at most two bytes a character.
type KeptBody = { bytes: Uint8Array; total: number } | { text: string };

interface KeptRecord extends Omit<JournalRecord, 'requestBody' | 'responseBody'> {
  requestBody: KeptBody | undefined;
  responseBody: KeptBody | undefined;
  size: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// What an entry costs besides its bodies and headers (ids, method, path, the object itself), roughly.
const ENTRY_OVERHEAD = 256;

// A UTF-16 unit is at most 3 bytes of UTF-8: a text this short is never cut.
const UNCUT_TEXT = Math.floor(JOURNAL_BODY_BYTES / 3);

function keep(raw: string | Uint8Array | undefined): KeptBody | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  if (typeof raw === 'string') {
    if (raw.length <= UNCUT_TEXT) return { text: raw };
    // A string's length in UTF-16 units is at most its UTF-8 length, so this slice holds the first bytes.
    const bytes = encoder.encode(raw.length > JOURNAL_BODY_BYTES ? raw.slice(0, JOURNAL_BODY_BYTES) : raw);
    const total = raw.length > JOURNAL_BODY_BYTES ? encoder.encode(raw).length : bytes.length;
    return { bytes: bytes.length > JOURNAL_BODY_BYTES ? bytes.slice(0, JOURNAL_BODY_BYTES) : bytes, total };
  }
  // Uint8Array's slice copies (a Buffer's is a view, which would pin the request's memory).
  return { bytes: Uint8Array.prototype.slice.call(raw, 0, JOURNAL_BODY_BYTES), total: raw.length };
}

const bytesOf = (body: KeptBody | undefined) =>
  body === undefined ? 0 : 'text' in body ? body.text.length * 2 : body.bytes.length;

/** The marker after a cut body: how much there was. */
export const cutMarker = (total: number) => `… (cut: ${total} bytes in all)`;

function show(body: KeptBody | undefined): unknown {
  if (body === undefined) return null;
  const text = 'text' in body ? body.text : decoder.decode(body.bytes);
  if (!('text' in body) && body.total > body.bytes.length) return `${text}${cutMarker(body.total)}`;
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: the text as it came
  }
}

function headerBytes(headers: Record<string, string | undefined>): number {
  let n = 0;
  for (const name in headers) n += name.length + (headers[name]?.length ?? 0);
  return n;
}

/**
 * The request journal: the latest requests, newest first, within a count and a byte budget — each
 * body kept up to 10 KiB (cut with a marker), oldest entries dropped once the total is over — so a
 * flood of large requests costs at most the budget.
 */
export class Journal {
  #ring: Array<KeptRecord | undefined>;
  #next = 0;
  #size = 0;
  #bytes = 0;
  readonly maxBytes: number;

  constructor(capacity = 1000, maxBytes = DEFAULT_JOURNAL_BYTES) {
    this.#ring = new Array(capacity);
    this.maxBytes = maxBytes;
  }

  /** Bytes the journal holds now, by its reckoning. */
  get bytes(): number {
    return this.#bytes;
  }

  record(entry: JournalRecord): void {
    const requestBody = keep(entry.requestBody);
    const responseBody = keep(entry.responseBody);
    const size =
      ENTRY_OVERHEAD +
      entry.path.length +
      headerBytes(entry.requestHeaders) +
      headerBytes(entry.responseHeaders) +
      bytesOf(requestBody) +
      bytesOf(responseBody);
    const kept: KeptRecord = { ...entry, requestBody, responseBody, size };
    if (this.#size === this.#ring.length) this.#dropOldest();
    this.#ring[this.#next] = kept;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#size += 1;
    this.#bytes += size;
    while (this.#bytes > this.maxBytes && this.#size > 1) this.#dropOldest();
  }

  #dropOldest(): void {
    const oldest = (this.#next - this.#size + this.#ring.length) % this.#ring.length;
    this.#bytes -= this.#ring[oldest]?.size ?? 0;
    this.#ring[oldest] = undefined;
    this.#size -= 1;
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
        request: { headers: redactHeaders(r.requestHeaders), body: redactBody(show(r.requestBody)) },
        response: { headers: r.responseHeaders, body: redactBody(show(r.responseBody)) },
      });
    }
    return out;
  }

  clear(): void {
    this.#ring = new Array(this.#ring.length);
    this.#next = 0;
    this.#size = 0;
    this.#bytes = 0;
  }
}
