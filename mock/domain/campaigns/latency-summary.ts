import type { LatencySummary } from './types.js';

/** Upper bounds (ms) of the report's latency histogram; the last bucket holds the rest. */
export const HISTOGRAM_BOUNDS = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000] as const;

// Nearest rank: the smallest value with at least p % of the values at or below it.
const rank = (sorted: readonly number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

/** p50, p95, p99 and max of latencies (sorted in place), or nulls when there are none. */
export function summarizeLatencies(latencies: number[]): LatencySummary {
  if (latencies.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50: rank(latencies, 50) ?? null,
    p95: rank(latencies, 95) ?? null,
    p99: rank(latencies, 99) ?? null,
    max: latencies.at(-1) ?? null,
  };
}

/** The histogram's bucket for a latency. */
export function bucketOf(latencyMs: number): number {
  const i = HISTOGRAM_BOUNDS.findIndex((bound) => latencyMs <= bound);
  return i === -1 ? HISTOGRAM_BOUNDS.length : i;
}
