import { expect, it } from 'vitest';
import { runFuzz } from './support/fuzz-run.js';

// Bounded for CI; `npm run fuzz` runs 10,000 (FUZZ_RUNS=N npm run fuzz for more, FUZZ_SEED=N for another seed).
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);

it(`${RUNS} requests from both specs' schemas: no unasked 5xx, nothing undocumented, the mock alive`, async () => {
  const report = await runFuzz({ runs: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261201) });
  console.log(
    `fuzz: seed ${report.seed}, ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}`,
  );
  expect(report.failures).toEqual([]);
  expect(report.requests).toBeGreaterThanOrEqual(RUNS);
  expect(report.timerFailures).toBe(0);
}, 240_000);
