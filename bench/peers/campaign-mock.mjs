// The mock of `bench/campaign.ts` in a process of its own (so its memory is its own): rate limit
// off, live calls uncapped, no logs, the clock as the first argument (a number or `manual`). It
// prints its URL; a line `memory` on stdin makes it print `memory {rss,heapUsed,external}` (MiB); a line `lag` makes it print `lag {p50,p99,max}`: how late its event loop
// ran (ms), which bounds how late a timer of the mock's clock fires; a line `dispatch` makes it print
// `dispatch {count,p50,p99,max}`: for each webhook's first request, ms of the mock's clock from the
// event's time (when it fell due) to the moment its request headers were written to the socket,
// measured here, in the mock's process, so the app's own queueing is not in it; `write` is the part
// from the dispatcher's handing the request to fetch to its headers written (the rest is the wait
// for earlier events of the same call, delivered in order, one at a time).
import diagnostics from 'node:diagnostics_channel';
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
const clock = mock.telephony.clock;
// webhook-id → the event's time on the mock's clock, noted as the dispatcher hands the request to fetch.
const due = new Map();
const delays = [];
const writes = [];
const send = globalThis.fetch;
globalThis.fetch = (url, init) => {
  const id = init?.headers?.['webhook-id'];
  if (id !== undefined && !due.has(id)) {
    const body = String(init.body);
    const at = body.indexOf('"timestamp":"');
    if (at !== -1)
      due.set(id, { due: Date.parse(body.slice(at + 13, body.indexOf('"', at + 13))), handed: clock.now() });
  }
  return send(url, init);
};
diagnostics.subscribe('undici:client:sendHeaders', ({ headers }) => {
  const id = /\r\nwebhook-id: ([^\r]+)/i.exec(String(headers))?.[1];
  const noted = id === undefined ? undefined : due.get(id);
  if (noted === undefined) return;
  due.delete(id);
  const now = clock.now();
  delays.push(now - noted.due);
  writes.push(now - noted.handed);
});
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
process.stdout.write(`${mock.url}\n`);
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'dispatch') {
    const summary = (values) => {
      const sorted = Float64Array.from(values).sort();
      return {
        count: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1),
      };
    };
    const figures = { ...summary(delays), write: summary(writes) };
    process.stdout.write(`dispatch ${JSON.stringify(figures)}\n`);
    return;
  }
  if (line.trim() === 'memory') {
    const mib = (bytes) => Math.round(bytes / 2 ** 17) / 8;
    const { rss, heapUsed, external } = process.memoryUsage();
    process.stdout.write(
      `memory ${JSON.stringify({ rss: mib(rss), heapUsed: mib(heapUsed), external: mib(external) })}\n`,
    );
    return;
  }
  if (line.trim() !== 'lag') return;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.stdout.write(
    `lag ${JSON.stringify({ p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) })}\n`,
  );
});
process.once('SIGTERM', () => {
  void mock.close().finally(() => process.exit(0));
});
