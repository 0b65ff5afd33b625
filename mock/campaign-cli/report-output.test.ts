import { describe, expect, it } from 'vitest';
import { reportToHtml } from './report-html.js';
import { reportToJUnit } from './report-junit.js';
import type { Report, RunGroup } from './report-shape.js';
import { summarizeReport } from './report-summary.js';
import { judgeReport, type Thresholds } from './thresholds.js';

const latency = (p95: number | null) => ({
  count: p95 === null ? 0 : 10,
  p50: p95 === null ? null : p95 / 2,
  p95,
  p99: p95,
  max: p95,
});
const group = (name: string, passed: number, failed: number, p95: number | null): RunGroup => ({
  name,
  runs: passed + failed,
  passed,
  failed,
  running: 0,
  passRate: passed + failed === 0 ? null : (passed / (passed + failed)) * 100,
  latencyMs: latency(p95),
  failures: failed
    ? [
        {
          step: '/steps/1',
          expected: 'the agent says something with "Tuesday"',
          reason: 'the agent said something else',
          count: failed,
          callIds: ['call_a1'],
          example: 'the agent said "Please hold." after 0 s',
        },
      ]
    : [],
});

/** A report in the shape GET /__mock/report gives (typed by the admin spec). */
function reportOf(scenarios: RunGroup[]): Report {
  const passed = scenarios.reduce((sum, g) => sum + g.passed, 0);
  const failed = scenarios.reduce((sum, g) => sum + g.failed, 0);
  const all = group('all', passed, failed, null);
  return {
    since: null,
    until: '2026-01-01T00:10:00.000Z',
    calls: { total: all.runs + 10, byStatus: { completed: all.runs, busy: 10 } },
    runs: { ...all, name: 'all', passRate: all.runs ? (all.passed / all.runs) * 100 : null },
    scenarios,
    populations: [
      { ...group('morning-reminders', 40, 0, 300), calls: 50, byEntry: { confirms: 40, busy: 10 } },
    ],
    latencyHistogram: [
      { upToMs: 100, count: 30 },
      { upToMs: 500, count: 8 },
      { upToMs: null, count: 2 },
    ],
    doubleAnswers: 1,
    webhooks: {
      deliveries: 100,
      attempts: 104,
      delivered: 99,
      failed: 1,
      pending: 0,
      retried: 4,
      duplicates: 10,
      reordered: 9,
      delayed: 0,
      statusCodes: { '204': 99, '500': 5 },
    },
    requests: {
      total: 150,
      byOperation: { createCall: { '201': 50, '429': 2 } },
      rateLimited: 2,
      insideRetryAfter: 0,
      afterCallEnded: 3,
      byUser: {},
    },
  };
}

describe('judgeReport', () => {
  const cases: Array<[string, { scenarios: RunGroup[]; thresholds: Thresholds; breaches: string[] }]> = [
    [
      'no threshold, nothing judged',
      { scenarios: [group('confirms', 1, 9, 9000)], thresholds: {}, breaches: [] },
    ],
    [
      'a scenario under the pass rate is named with its counts',
      {
        scenarios: [group('confirms', 97, 3, 200), group('reschedules', 8, 2, 200)],
        thresholds: { minPassRate: 95 },
        breaches: ['scenario reschedules: 80 % passed (8 of 10), below 95 %'],
      },
    ],
    [
      'exactly at the pass rate passes',
      { scenarios: [group('confirms', 95, 5, 200)], thresholds: { minPassRate: 95 }, breaches: [] },
    ],
    [
      'a p95 over the limit fails; a scenario with no latency is not judged on it',
      {
        scenarios: [group('slow', 10, 0, 1600), group('silent', 10, 0, null)],
        thresholds: { maxP95LatencyMs: 1500 },
        breaches: ['scenario slow: p95 turn latency 1600 ms, above 1500 ms'],
      },
    ],
    [
      'a pass-rate threshold with no settled run at all fails',
      {
        scenarios: [],
        thresholds: { minPassRate: 95 },
        breaches: ['no scenario run has settled, so no pass rate reaches 95 %'],
      },
    ],
  ];
  it.each(cases)('%s', (_name, { scenarios, thresholds, breaches }) => {
    const report = reportOf(scenarios);
    if (scenarios.length === 0) report.populations = [];
    expect(judgeReport(report, thresholds).map((b) => b.message)).toEqual(breaches);
  });
});

describe('the report for people and for CI', () => {
  const report = reportOf([group('confirms', 97, 3, 200), group('reschedules', 8, 2, 1800)]);
  const thresholds = { minPassRate: 95, maxP95LatencyMs: 1500 };
  const breaches = judgeReport(report, thresholds);

  it('the summary has a row per scenario, the grouped failures and the verdicts', () => {
    const text = summarizeReport(report, thresholds, breaches);
    expect(text).toMatch(/^telemock report: 120 calls \(completed 110, busy 10\)/);
    expect(text).toMatch(/reschedules\s+10\s+8\s+2\s+0\s+80 %\s+900 ms\s+1800 ms/);
    expect(text).toContain(
      'confirms · /steps/1 · the agent said something else · ×3 (call_a1; e.g. the agent said "Please hold." after 0 s)',
    );
    expect(text).toContain('morning-reminders: 50 calls (confirms 40, busy 10)');
    expect(text).toContain('Double answers: 1');
    expect(text).toContain('FAILED scenario reschedules: 80 % passed (8 of 10), below 95 %');
    expect(text).toContain('FAILED scenario reschedules: p95 turn latency 1800 ms, above 1500 ms');
    expect(summarizeReport(report, {}, [])).not.toContain('Thresholds');
  });

  it('JUnit: a test case per scenario and population, the failing one failed with both breaches', () => {
    const xml = reportToJUnit(report, breaches);
    expect(xml).toContain('<testsuites name="telemock report" tests="3" failures="1">');
    expect(xml).toMatch(/<testcase classname="scenario" name="confirms"><system-out>/);
    expect(xml).toMatch(
      /<testcase classname="scenario" name="reschedules"><failure type="min-pass-rate max-p95-latency-ms" message="scenario reschedules: 80 % passed/,
    );
    expect(xml).toContain('e.g. the agent said &quot;Please hold.&quot; after 0 s');
    expect(xml).toMatch(/<testcase classname="population" name="morning-reminders"><system-out>/);
  });

  it('HTML: one file with the charts inline and nothing fetched from elsewhere', () => {
    const html = reportToHtml(report, breaches);
    expect(html).toContain('class="chart pass-rate-chart"');
    expect(html).toContain('class="chart latency-histogram"');
    expect(html).toContain('data-name="reschedules"');
    expect(html).toContain('<li class="bad">scenario reschedules: 80 % passed (8 of 10), below 95 %</li>');
    expect(html).not.toMatch(/\b(src|href)=/);
  });
});
