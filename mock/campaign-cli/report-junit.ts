import { escapeXml } from '../inspector/page/report-charts.js';
import type { Report, RunGroup } from './report-shape.js';
import { type Breach, formatPercent } from './thresholds.js';

function testCase(kind: string, group: RunGroup, breaches: Breach[]): string {
  const mine = breaches.filter((b) => b.group === `${kind} ${group.name}`);
  const p = group.latencyMs;
  const facts = [
    `${group.runs} runs: ${group.passed} passed, ${group.failed} failed, ${group.running} running (${formatPercent(group.passRate)})`,
    `turn latency p50 ${p.p50 ?? '—'} ms, p95 ${p.p95 ?? '—'} ms, p99 ${p.p99 ?? '—'} ms, max ${p.max ?? '—'} ms`,
    ...group.failures.map(
      (f) =>
        `${f.step ?? 'beside the script'}: ${f.reason} ×${f.count} (${f.callIds.join(', ')}; e.g. ${f.example})`,
    ),
  ].join('\n');
  const failure = mine.length
    ? `<failure type="${mine.map((b) => b.threshold).join(' ')}" message="${escapeXml(mine.map((b) => b.message).join('; '))}">${escapeXml(facts)}</failure>`
    : '';
  return `    <testcase classname="${kind}" name="${escapeXml(group.name)}">${failure}<system-out>${escapeXml(facts)}</system-out></testcase>`;
}

function suite(name: string, cases: string[], failures: number): string {
  return [
    `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/**
 * The report as JUnit XML: a test case per scenario and per population, failed when it misses a
 * threshold (the failure names it; the grouped run failures are in the body). A breach that is no
 * group's own (no run settled at all) becomes a test case of its own.
 */
export function reportToJUnit(report: Report, breaches: Breach[]): string {
  const failed = (kind: string, groups: RunGroup[]) =>
    groups.filter((g) => breaches.some((b) => b.group === `${kind} ${g.name}`)).length;
  const overall = breaches.filter((b) => b.group === 'all scenarios');
  const suites = [
    suite(
      'scenarios',
      report.scenarios.map((g) => testCase('scenario', g, breaches)),
      failed('scenario', report.scenarios),
    ),
    suite(
      'populations',
      report.populations.map((g) => testCase('population', g, breaches)),
      failed('population', report.populations),
    ),
  ];
  if (overall.length)
    suites.push(
      suite(
        'thresholds',
        overall.map(
          (b) =>
            `    <testcase classname="thresholds" name="${b.threshold}"><failure type="${b.threshold}" message="${escapeXml(b.message)}"/></testcase>`,
        ),
        overall.length,
      ),
    );
  const tests = report.scenarios.length + report.populations.length + overall.length;
  const failures =
    failed('scenario', report.scenarios) + failed('population', report.populations) + overall.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="telemock report" tests="${tests}" failures="${failures}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
