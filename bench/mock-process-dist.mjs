// bench/mock-process.ts, but on the compiled dist/ that `npm start` runs (no tsx in the way), so
// the start-up figure is the one users get. Used by the benchmark whenever dist/ has been built.
import { performance } from 'node:perf_hooks';

const bootMs = performance.now();
const { startMock } = await import('../dist/mock/server.js');
const importMs = performance.now() - bootMs;
const mock = await startMock({ port: 0, rateLimit: 0, maxLiveCalls: 1_000_000, logger: false });
const startMs = performance.now() - bootMs - importMs;
process.stdout.write(`${mock.url}\n`);
process.stdout.write(`timings ${JSON.stringify({ bootMs, importMs, startMs })}\n`);

process.once('SIGTERM', () => {
  void mock.close().finally(() => process.exit(0));
});
process.once('SIGINT', () => process.exit(0));
