import { runFuzz } from '../test/support/fuzz-run.js';

// npm run fuzz -- --runs 20000 [--seed N]: the fuzz test of `npm test`, as long as you like.
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : Number(process.argv[at + 1]);
};
const runs = arg('runs') ?? 10_000;
const seed = arg('seed');
const started = performance.now();
const report = await runFuzz({ runs, ...(seed !== undefined ? { seed } : {}) });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`seed ${report.seed}: ${report.requests} requests in ${seconds} s`);
console.log(`statuses: ${JSON.stringify(report.statuses)}`);
console.log(`timer failures: ${report.timerFailures}`);
for (const failure of report.failures) console.log(`FAIL ${failure}`);
process.exit(report.failures.length === 0 ? 0 : 1);
