import type { Delivery, DeliveryRecord } from './delivery-record.js';

/** What the delivery log holds in all by default; past it the oldest deliveries go first. */
export const DEFAULT_DELIVERY_LOG_BYTES = 16 * 1024 * 1024;

// A delivery holds its payload twice (the object shown, the bytes sent), plus its attempts.
const sizeOf = (record: DeliveryRecord) => 2 * record.body.length + record.view.url.length + 512;

/**
 * The delivery log: bounded by count and by bytes, oldest evicted first. A Map keeps insertion
 * order, so the oldest is its first key and lookups by event id stay O(1).
 */
export class DeliveryLog {
  #records = new Map<string, DeliveryRecord>();
  #bytes = 0;
  readonly capacity: number;
  readonly maxBytes: number;

  constructor(capacity: number, maxBytes = DEFAULT_DELIVERY_LOG_BYTES) {
    this.capacity = Math.max(1, capacity);
    this.maxBytes = maxBytes;
  }

  /** Bytes the log holds now, by its reckoning. */
  get bytes(): number {
    return this.#bytes;
  }

  add(record: DeliveryRecord): void {
    const previous = this.#records.get(record.view.id);
    if (previous) this.#bytes -= sizeOf(previous);
    this.#records.set(record.view.id, record);
    this.#bytes += sizeOf(record);
    while (this.#records.size > this.capacity || (this.#bytes > this.maxBytes && this.#records.size > 1)) {
      const oldest = this.#records.keys().next().value as string;
      const evicted = this.#records.get(oldest) as DeliveryRecord;
      // An evicted delivery is no longer retried: the log's size bounds what the dispatcher holds.
      evicted.cancelRetry?.();
      this.#bytes -= sizeOf(evicted);
      this.#records.delete(oldest);
    }
  }

  get(id: string): DeliveryRecord | undefined {
    return this.#records.get(id);
  }

  /** Copies of the deliveries, newest first. */
  list(filter: { limit?: number; userId?: string } = {}): Delivery[] {
    const limit = filter.limit ?? this.capacity;
    const all = [...this.#records.values()];
    const out: Delivery[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const view = (all[i] as DeliveryRecord).view;
      if (!filter.userId || view.userId === filter.userId) out.push(structuredClone(view));
    }
    return out;
  }

  values(): IterableIterator<DeliveryRecord> {
    return this.#records.values();
  }

  clear(): void {
    this.#records.clear();
    this.#bytes = 0;
  }
}
