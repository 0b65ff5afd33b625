import type { Delivery, DeliveryRecord } from './delivery-record.js';

/**
 * The delivery log: a bounded ring, oldest evicted first. A Map keeps insertion order, so the
 * oldest is its first key and lookups by event id stay O(1).
 */
export class DeliveryLog {
  #records = new Map<string, DeliveryRecord>();
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
  }

  add(record: DeliveryRecord): void {
    this.#records.set(record.view.id, record);
    if (this.#records.size <= this.capacity) return;
    const oldest = this.#records.keys().next().value as string;
    // An evicted delivery is no longer retried: the log's size bounds what the dispatcher holds.
    this.#records.get(oldest)?.cancelRetry?.();
    this.#records.delete(oldest);
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
  }
}
