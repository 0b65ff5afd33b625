import { setFlagsFromString } from 'node:v8';

/**
 * How far past its live data `telemock serve` lets V8's heap grow before a full collection, in
 * percent. V8's own rule lets a heap on a large machine grow to several times what is live, so a
 * mock holding many calls under load sits far above its live data (bench/README.md has the figures).
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/**
 * Sets V8's `--heap-growing-percent` for this process: each full collection then sets the next
 * one at live data × (1 + percent/100). 0 leaves V8's own rule. Only the command line calls it: a
 * test process that embeds the mock (`startMock`, the MSW handlers) keeps its own V8 settings.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
