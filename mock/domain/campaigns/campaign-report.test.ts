import { describe, expect, it } from 'vitest';
import { CampaignLedger, type RunSummary } from './campaign-ledger.js';
import { campaignReport } from './campaign-report.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (at: number) => new Date(at).toISOString();

const passed = (latencies: number[]): RunSummary => ({
  scenario: 'confirms',
  status: 'passed',
  latencies,
  failure: null,
});
const silent = (scenario = 'confirms'): RunSummary => ({
  scenario,
  status: 'failed',
  latencies: [],
  failure: {
    step: '/steps/1',
    expected: 'the agent says "great"',
    reason: 'the agent said nothing in time',
    example: 'the agent said nothing within 10 s',
  },
});

// Six calls worked out by hand: four to `confirms` (3 passed with latencies, 1 failed), one to
// `reschedules` (failed the same way), one a population's busy outcome, and one created later.
function ledger() {
  const l = new CampaignLedger();
  const call = (
    n: number,
    status: 'completed' | 'busy' | 'in-progress',
    population: string | null,
    entry: string | null,
    run: RunSummary | null,
    at = T0 + n,
  ) => {
    l.callCreated({ callId: `call_${n}`, userId: 'demo', at, status, population, entry });
    if (run) l.run(`call_${n}`, run);
  };
  call(1, 'completed', 'morning', 'confirms', passed([100, 300]));
  call(2, 'completed', 'morning', 'confirms', passed([200]));
  call(3, 'completed', null, null, passed([1000, 400]));
  call(4, 'completed', 'morning', 'confirms', silent());
  call(5, 'in-progress', null, null, { ...silent('reschedules'), status: 'running', failure: null });
  call(6, 'busy', 'morning', 'busy', null);
  call(7, 'completed', null, null, silent('reschedules'), T0 + 60_000);
  l.doubleAnswer('call_2');
  return l;
}

describe('the report’s arithmetic, against runs worked out by hand', () => {
  it('counts calls by status, runs by scenario and population, pass rates of settled runs', () => {
    const report = campaignReport(ledger(), { since: null, now: T0 + 120_000, iso });
    expect(report.calls).toEqual({ total: 7, byStatus: { completed: 5, 'in-progress': 1, busy: 1 } });
    // All runs: 6 (call 6 had none); 3 passed, 2 failed, 1 running: 3 / 5 settled = 60 %.
    expect(report.runs).toMatchObject({
      name: 'all',
      runs: 6,
      passed: 3,
      failed: 2,
      running: 1,
      passRate: 60,
    });
    expect(report.scenarios.map((s) => [s.name, s.runs, s.passed, s.failed, s.running, s.passRate])).toEqual([
      ['confirms', 4, 3, 1, 0, 75],
      ['reschedules', 2, 0, 1, 1, 0],
    ]);
    expect(report.populations).toEqual([
      expect.objectContaining({
        name: 'morning',
        calls: 4,
        byEntry: { confirms: 3, busy: 1 },
        runs: 3,
        passed: 2,
        failed: 1,
        passRate: 66.67,
      }),
    ]);
    expect(report.doubleAnswers).toBe(1);
  });

  it('takes nearest-rank percentiles and buckets every latency', () => {
    const report = campaignReport(ledger(), { since: null, now: T0 + 120_000, iso });
    // Latencies 100, 200, 300, 400, 1000: p50 is the 3rd, p95 and p99 the 5th.
    expect(report.runs.latencyMs).toEqual({ count: 5, p50: 300, p95: 1000, p99: 1000, max: 1000 });
    expect(report.populations[0]?.latencyMs).toEqual({ count: 3, p50: 200, p95: 300, p99: 300, max: 300 });
    const counts = Object.fromEntries(report.latencyHistogram.map((b) => [String(b.upToMs), b.count]));
    expect(counts).toMatchObject({ 100: 1, 200: 1, 300: 1, 500: 1, 1000: 1, 50: 0, null: 0 });
  });

  it('groups failures by step and reason, with a count and example calls', () => {
    const report = campaignReport(ledger(), { since: null, now: T0 + 120_000, iso });
    expect(report.scenarios[1]?.failures).toEqual([
      {
        step: '/steps/1',
        expected: 'the agent says "great"',
        reason: 'the agent said nothing in time',
        count: 1,
        callIds: ['call_7'],
        example: 'the agent said nothing within 10 s',
      },
    ]);
    expect(report.runs.failures).toEqual([
      expect.objectContaining({ count: 2, callIds: ['call_4', 'call_7'] }),
    ]);
  });

  it('?since leaves out what started before it', () => {
    const report = campaignReport(ledger(), { since: T0 + 30_000, now: T0 + 120_000, iso });
    expect(report.since).toBe(iso(T0 + 30_000));
    expect(report.calls.total).toBe(1);
    expect(report.scenarios.map((s) => s.name)).toEqual(['reschedules']);
    expect(report.populations).toEqual([]);
  });

  it('counts deliveries, attempts, retries and the app’s answers', () => {
    const l = new CampaignLedger();
    l.delivery('evt_1', {
      at: T0,
      status: 'succeeded',
      codes: [500, 200],
      duplicate: false,
      reordered: true,
      delayed: false,
    });
    l.delivery('evt_2', {
      at: T0,
      status: 'succeeded',
      codes: [200],
      duplicate: true,
      reordered: false,
      delayed: true,
    });
    l.delivery('evt_3', {
      at: T0,
      status: 'failed',
      codes: [null, null, 503],
      duplicate: false,
      reordered: false,
      delayed: false,
    });
    l.delivery('evt_4', {
      at: T0,
      status: 'pending',
      codes: [],
      duplicate: false,
      reordered: false,
      delayed: true,
    });
    expect(campaignReport(l, { since: null, now: T0, iso }).webhooks).toEqual({
      deliveries: 4,
      attempts: 6,
      delivered: 2,
      failed: 1,
      pending: 1,
      retried: 3,
      duplicates: 1,
      reordered: 1,
      delayed: 2,
      statusCodes: { 200: 2, 500: 1, 503: 1, none: 2 },
    });
  });

  it('counts requests by operation and status, 429s, those inside a Retry-After and those after the call ended', () => {
    const l = new CampaignLedger();
    const request = (at: number, status: number, operationId: string | null = 'createCall', more = {}) =>
      l.request({ at: T0 + at, userId: 'demo', operationId, status, callEnded: false, ...more });
    request(0, 201);
    request(1_000, 429, 'createCall', { retryAfterSeconds: 30 });
    request(5_000, 429, 'createCall', { retryAfterSeconds: 25 }); // inside the first one's 30 s
    request(29_000, 201); // still inside (until 31 s)
    request(31_000, 201); // after it
    request(32_000, 409, 'respondToCall', { callEnded: true });
    request(33_000, 404, null);
    l.request({ at: T0, userId: 'other', operationId: 'listCalls', status: 200, callEnded: false });
    expect(campaignReport(l, { since: null, now: T0 + 40_000, iso }).requests).toEqual({
      total: 8,
      byOperation: {
        createCall: { 201: 3, 429: 2 },
        respondToCall: { 409: 1 },
        unrouted: { 404: 1 },
        listCalls: { 200: 1 },
      },
      rateLimited: 2,
      insideRetryAfter: 2,
      afterCallEnded: 1,
      byUser: {
        demo: { total: 7, rateLimited: 2, insideRetryAfter: 2, afterCallEnded: 1 },
        other: { total: 1, rateLimited: 0, insideRetryAfter: 0, afterCallEnded: 0 },
      },
    });
  });

  it('keeps at most its capacity, forgetting the oldest; reset forgets it all', () => {
    const l = new CampaignLedger(3, 4);
    for (let n = 1; n <= 5; n++) {
      l.callCreated({
        callId: `call_${n}`,
        userId: 'demo',
        at: T0 + n,
        status: 'queued',
        population: null,
        entry: null,
      });
      l.request({ at: T0 + n, userId: 'demo', operationId: 'createCall', status: 201, callEnded: false });
    }
    expect([...l.calls.keys()]).toEqual(['call_3', 'call_4', 'call_5']);
    expect(campaignReport(l, { since: null, now: T0, iso }).requests.total).toBe(4);
    l.clear();
    expect(campaignReport(l, { since: null, now: T0, iso })).toMatchObject({
      calls: { total: 0 },
      requests: { total: 0 },
    });
  });
});

describe('the request ring', () => {
  it('grows as requests come and, once full, keeps the latest in order', () => {
    const l = new CampaignLedger(10, 3000);
    for (let n = 0; n < 5000; n++)
      l.request({
        at: T0 + n,
        userId: 'demo',
        operationId: 'listCalls',
        status: n < 4000 ? 200 : 429,
        callEnded: false,
      });
    const seen: number[] = [];
    l.forEachRequest((at) => seen.push(at - T0));
    expect(seen).toHaveLength(3000);
    expect(seen[0]).toBe(2000);
    expect(seen.at(-1)).toBe(4999);
    expect(campaignReport(l, { since: null, now: T0, iso }).requests.byOperation).toEqual({
      listCalls: { 200: 2000, 429: 1000 },
    });
  });
});
