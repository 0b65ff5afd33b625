import fc from 'fast-check';
import { ADMIN_SPEC_PATH, startMock } from '../../exports/server.js';
import { loadSpec, type SpecOperation } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { fromSchema, GARBAGE_BODIES, mutated } from './fuzz-arbitraries.js';
import { specMismatches } from './spec-mismatches.js';

/** What a fuzz run saw. `failures` are unasked 5xx, answers the spec does not document, a dead mock. */
export interface FuzzReport {
  seed: number;
  requests: number;
  statuses: Record<string, number>;
  failures: string[];
  timerFailures: number;
}

interface FuzzRequest {
  op: SpecOperation;
  kind: 'valid' | 'mutated' | 'garbage' | 'empty' | 'method';
  body: unknown;
  garbage: string;
  token: string | null;
  param: string | null;
  query: Record<string, unknown>;
  method: string;
}

const TOKENS = [
  'demo-token',
  'demo-token',
  'demo-token',
  'demo-token-other',
  'demo-token-readonly',
  'demo-token-suspended',
  null,
  'nope',
];

function requestOf(op: SpecOperation): fc.Arbitrary<FuzzRequest> {
  const schema = op.requestBody?.content?.['application/json']?.schema as Parameters<typeof fromSchema>[0];
  const valid = schema ? fromSchema(schema) : fc.constant(undefined);
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const query = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [p.name, fromSchema(p.schema as Parameters<typeof fromSchema>[0])]),
    ),
    { requiredKeys: [] },
  );
  return fc.record({
    op: fc.constant(op),
    kind: fc.constantFrom('valid', 'valid', 'valid', 'mutated', 'mutated', 'garbage', 'empty', 'method'),
    body: fc.oneof(valid, mutated(valid)),
    garbage: GARBAGE_BODIES,
    token: fc.constantFrom(...TOKENS),
    param: fc.oneof(
      fc.constant(null),
      fc.constant(null),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('call_0000000000000000', 'agt_0000000000000000', '%E0%A4%A', '...', 'x'.repeat(500)),
    ),
    query,
    method: fc.constantFrom('DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND'),
  }) as fc.Arbitrary<FuzzRequest>;
}

/**
 * Fuzzes a real mock on a free port: `runs` requests generated from both specs' schemas (valid,
 * mutated with edge values, garbage, wrong methods), across every operation, with the clock
 * advanced between batches. Every answer is checked against the spec.
 */
export async function runFuzz(options: { runs: number; seed?: number; batch?: number }): Promise<FuzzReport> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const batch = options.batch ?? 100;
  const [apiSpec, adminSpec] = await Promise.all([loadSpec(), loadSpec(ADMIN_SPEC_PATH)]);
  const validators = { api: new SpecValidators(apiSpec), admin: new SpecValidators(adminSpec) };
  const report: FuzzReport = { seed, requests: 0, statuses: {}, failures: [], timerFailures: 0 };
  // One failure of each kind (operation, status, what) is enough to act on.
  const kinds = new Set<string>();
  const fail = (what: string, kind = what) => {
    if (kinds.has(kind) || report.failures.length >= 50) return;
    kinds.add(kind);
    report.failures.push(what);
  };
  const onUncaught = (error: unknown) => fail(`uncaught: ${String(error)}`);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  const mock = await startMock({ port: 0, timeScale: 'manual', seed: 7, rateLimit: 1_000, logger: false });
  const ops = [...apiSpec.operations.values(), ...adminSpec.operations.values()];
  const arbitrary = fc.constantFrom(...ops).chain(requestOf);
  const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const response = await fetch(`${mock.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    report.requests += 1;
    const key = String(response.status);
    report.statuses[key] = (report.statuses[key] ?? 0) + 1;
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: parsed };
  };
  const ids = () => {
    const t = mock.telephony;
    const page = { limit: 50 };
    return {
      callId: t.calls.list('demo', page).data.map((c) => c.id),
      agentId: t.agents.list('demo', page).data.map((a) => a.id),
      textId: t.texts.list('demo', page).data.map((x) => x.id),
    } as Record<string, string[]>;
  };
  try {
    for (let done = 0, round = 0; done < options.runs; round++) {
      const known = ids();
      const requests = fc.sample(arbitrary, {
        numRuns: Math.min(batch, options.runs - done),
        seed: seed + round,
      });
      for (const r of requests) {
        const path = r.op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const pool = known[name] ?? [];
          const chosen =
            r.param ?? pool[r.garbage.length % Math.max(1, pool.length)] ?? 'call_0000000000000000';
          // Fetch resolves dot segments (even %2E%2E) away before sending: the mock would see another path.
          return chosen === '.' || chosen === '..' ? '...' : encodeURIComponent(chosen);
        });
        const search = new URLSearchParams(
          Object.entries(r.query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        ).toString();
        const target = search ? `${path}?${search}` : path;
        const headers: Record<string, string> = {};
        if (r.token !== null) headers.Authorization = `Bearer ${r.token}`;
        let body: string | undefined;
        if (r.kind === 'garbage') body = r.garbage;
        else if (r.kind !== 'empty' && r.body !== undefined) body = JSON.stringify(r.body);
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        const method = r.kind === 'method' ? r.method : r.op.method;
        const sendsBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const sent = await send(method, target, headers, sendsBody ? body : undefined);
        const label = `${method} ${target.slice(0, 120)} (${r.kind}) → ${sent.status}`;
        const kind = `${r.op.operationId} ${sent.status}`;
        if (sent.status >= 500)
          fail(`${label}: unasked ${JSON.stringify(sent.body).slice(0, 300)}`, `${kind} 5xx`);
        if (method !== 'HEAD' && method !== 'OPTIONS') {
          const { errors } = specMismatches(validators, method, target, sent);
          if (errors.length > 0)
            fail(`${label}: not as documented ${JSON.stringify(errors).slice(0, 300)}`, `${kind} spec`);
        }
        // A fault armed by the fuzz is asked for: disarm it at once, so no later 5xx is "asked".
        if (r.op.operationId === 'addFault' && sent.status === 201)
          await send('DELETE', '/__mock/faults', {});
      }
      done += requests.length;
      const advanced = await send(
        'POST',
        '/__mock/clock/advance',
        { 'Content-Type': 'application/json' },
        JSON.stringify({ seconds: (round * 37) % 700 }),
      );
      if (advanced.status !== 200) fail(`advancing the clock → ${advanced.status}`);
    }
    const alive = await send('GET', '/__mock/clock', {});
    if (alive.status !== 200) fail(`the mock is not answering after the run: ${alive.status}`);
    report.timerFailures = mock.telephony.clock.failures.count;
    for (const f of mock.telephony.clock.failures.latest) fail(`timer failed: ${f.what}: ${String(f.error)}`);
  } finally {
    await mock.close();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  }
  return report;
}
