import type { LatencySummary } from './types.js';

/** Upper bounds (ms) of the report's latency histogram; the last bucket holds the rest. */
export const HISTOGRAM_BOUNDS = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000] as const;

// Nearest rank: the smallest value with at least p % of the values at or below it.
const rank = (sorted: Float64Array, p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

/** p50, p95, p99 and max of latencies (a typed array is sorted in place), or nulls when there are none. */
export function summarizeLatencies(latencies: readonly number[] | Float64Array): LatencySummary {
  if (latencies.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  // A typed array sorts numbers natively, several times faster than Array#sort with a comparator.
  const sorted = (latencies instanceof Float64Array ? latencies : Float64Array.from(latencies)).sort();
  return {
    count: sorted.length,
    p50: rank(sorted, 50) ?? null,
    p95: rank(sorted, 95) ?? null,
    p99: rank(sorted, 99) ?? null,
    max: sorted[sorted.length - 1] ?? null,
  };
}

/** Latencies gathered into a typed array that doubles as it fills (no boxing, no copy to sort). */
export class LatencyList {
  #values = new Float64Array(64);
  #length = 0;

  push(latency: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = latency;
  }

  /** The summary; the list's order is the sorted one afterwards. */
  summary(): LatencySummary {
    return summarizeLatencies(this.#values.subarray(0, this.#length));
  }
}

/** The histogram's bucket for a latency. */
export function bucketOf(latencyMs: number): number {
  let i = 0;
  while (i < HISTOGRAM_BOUNDS.length && latencyMs > (HISTOGRAM_BOUNDS[i] as number)) i++;
  return i;
}
