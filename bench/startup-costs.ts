import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Where the mock's start-up goes: each heavy module imported alone in a fresh `node --import tsx`
 * process (cold, as at start-up), then the phases of startMock() in one process. Medians of `--runs`.
 *
 *   npx tsx bench/startup-costs.ts [--runs 3]
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 3;

const MODULES = [
  'express',
  'swagger-ui-express',
  'ajv/dist/2020.js',
  'ajv-formats',
  'yaml',
  'pino',
  '@faker-js/faker/locale/en',
  './mock/domain/telephony.ts',
  './src/dereference.ts',
  './src/validators.ts',
  './mock/server.ts',
];

// Runs `code` as an ES module in a fresh process with tsx; it prints one JSON line of timings.
const measure = (code: string): Record<string, number> => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const row = (name: string, samples: number[]) =>
  `${median(samples).toFixed(0).padStart(7)} ms  ${name}  (${samples.map((s) => s.toFixed(0)).join(', ')})`;

process.stdout.write(`import alone, fresh process each (median of ${runs}):\n`);
for (const name of MODULES) {
  const samples = Array.from({ length: runs }, () => {
    const code = `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(JSON.stringify({ ms: performance.now() - t }));`;
    return measure(code).ms ?? Number.NaN;
  });
  process.stdout.write(`${row(name, samples)}\n`);
}

// The phases of startMock() (exports/server.ts), timed apart in one process after its modules are loaded.
const phases = `
const t0 = performance.now();
const { createMockCore } = await import('./mock/server.ts');
const { createExpressApp } = await import('./mock/http/express-app.ts');
const { SpecValidators } = await import('./src/validators.ts');
const t1 = performance.now();
const core = await createMockCore({ rateLimit: 0 });
const t2 = performance.now();
const again = await createMockCore({ rateLimit: 0 });
const t3 = performance.now();
const app = createExpressApp({ pipeline: core.pipeline, maxBodyBytes: core.spec.maxBodyBytes, spec: core.spec.document, specFiles: core.files });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = 'http://127.0.0.1:' + server.address().port;
const t4 = performance.now();
await (await fetch(url + '/calls', { headers: { authorization: 'Bearer demo-token' } })).text();
const t5 = performance.now();
new SpecValidators(core.spec).warmUp();
const t6 = performance.now();
await (await fetch(url + '/docs/')).text();
const t7 = performance.now();
for (const c of [core, again]) { c.telephony.clock.clear(); await c.webhooks.stop(); }
server.closeIdleConnections();
server.close();
console.log(JSON.stringify({ 'imports (exports/server.ts and its tree)': t1 - t0,
  'createMockCore(): load + dereference both specs, wire the core': t2 - t1,
  'createMockCore() again (specs cached)': t3 - t2, 'createExpressApp() + listen': t4 - t3,
  'first GET /calls (compiles listCalls validators)': t5 - t4,
  'warmUp() of openapi.yaml on a new SpecValidators': t6 - t5,
  'first GET /docs/ (swagger-ui setup)': t7 - t6 }));
`;

const samples = Array.from({ length: runs }, () => measure(phases));
process.stdout.write(`\nmock start-up phases, one process (median of ${runs}):\n`);
for (const name of Object.keys(samples[0] ?? {})) {
  process.stdout.write(
    `${row(
      name,
      samples.map((s) => s[name] ?? Number.NaN),
    )}\n`,
  );
}
