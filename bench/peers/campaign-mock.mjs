// The mock of `bench/campaign.ts` in a process of its own (so its memory is its own): rate limit
// off, live calls uncapped, no logs, the clock as the first argument (a number or `manual`). It
// prints its URL; a line `lag` on stdin makes it print `lag {p50,p99,max}`: how late its event loop
// ran (ms), which bounds how late a timer of the mock's clock fires.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const { startMock } = await import('../../dist/exports/server.js');
const { DEFAULT_HEAP_GROWTH_PERCENT, limitHeapGrowth } = await import('../../dist/mock/heap-growth.js');
// As `telemock serve` runs: the heap may grow only so far past its live data before a full GC.
limitHeapGrowth(DEFAULT_HEAP_GROWTH_PERCENT);
const scale = process.argv[2] === 'manual' ? 'manual' : Number(process.argv[2] ?? 1);
const mock = await startMock({
  port: 0,
  timeScale: scale,
  rateLimit: 0,
  maxLiveCalls: 1_000_000,
  logger: false,
});
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
process.stdout.write(`${mock.url}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'lag') return;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.stdout.write(
    `lag ${JSON.stringify({ p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) })}\n`,
  );
});
process.once('SIGTERM', () => {
  void mock.close().finally(() => process.exit(0));
});
