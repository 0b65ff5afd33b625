import { performance } from 'node:perf_hooks';
import { Telephony } from '../mock/domain/telephony.js';

/**
 * The domain alone under many live calls (docs/admin-api.md, "Memory bounds"): creates N calls on a
 * manual clock, then advances it, and prints what each step cost and the heap it left.
 *
 *   npx tsx bench/domain-scale.ts [--calls 60000] [--advance-ms 10000]
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const calls = arg('calls', 60_000);
const advanceMs = arg('advance-ms', 10_000);

const telephony = new Telephony({ timeScale: 'manual', seed: 1, rateLimit: 0, maxLiveCalls: calls });
let events = 0;
telephony.onEvent(() => {
  events += 1;
});
const agentId = telephony.agents.create('demo', { name: 'Bench' }).id;

const time = (run: () => void) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};
const createMs = time(() => {
  for (let i = 0; i < calls; i++)
    telephony.calls.create('demo', '+15005550100', { to: '+14155550123', agentId });
});
const pendingAfterCreate = telephony.clock.pending;
// Every call rings, is answered and hears the callee within 10 s: three changes (events) per call.
const advance = time(() => telephony.clock.advance(advanceMs));
const hangUpMs = time(() => {
  for (const call of telephony.calls.list('demo', { limit: 100 }).data)
    telephony.calls.hangUp('demo', call.id);
});
globalThis.gc?.();
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
process.stdout.write(
  `${calls} calls: create ${createMs.toFixed(0)} ms (${((1000 * createMs) / calls).toFixed(1)} µs each), ` +
    `${pendingAfterCreate} timers; advance ${advanceMs / 1000} s ${advance.toFixed(0)} ms ` +
    `(${events} events, ${telephony.clock.pending} timers left); hang up 100: ${hangUpMs.toFixed(1)} ms; ` +
    `heap ${heapMiB.toFixed(0)} MiB\n`,
);
