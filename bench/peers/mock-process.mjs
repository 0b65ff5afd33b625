// The telemock mock in a process of its own (rate limiting off, live calls uncapped, no logs), so the
// benchmark measures its memory apart from the load generator. It runs the compiled dist/ that
// `npm start` runs, or the module given as the first argument (the sources, under tsx). It prints
// its URL, then a `timings {…}` line splitting start-up into boot, loading the modules and startMock().
import { performance } from 'node:perf_hooks';

const bootMs = performance.now();
const { startMock } = await import(process.argv[2] ?? '../../dist/exports/server.js');
const importMs = performance.now() - bootMs;
// POST /calls must measure creating calls, not the 409s past the default cap of 10,000 live calls
// (with the rate limit off, a run creates more, and they stay live for their maximum duration).
const mock = await startMock({ port: 0, rateLimit: 0, maxLiveCalls: 1_000_000, logger: false });
const startMs = performance.now() - bootMs - importMs;
process.stdout.write(`${mock.url}\n`);
process.stdout.write(`timings ${JSON.stringify({ bootMs, importMs, startMs })}\n`);

// A clean exit also lets `node --cpu-prof` write its profile.
process.once('SIGTERM', () => {
  void mock.close().finally(() => process.exit(0));
});
process.once('SIGINT', () => process.exit(0));
