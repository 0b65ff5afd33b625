import type { Report, RunGroup } from './report-shape.js';

/** What a CI run demands of the report; an absent threshold is not checked. */
export interface Thresholds {
  /** Percent of settled runs that passed, for every scenario and every population. */
  minPassRate?: number;
  /** The 95th percentile of the app's turn latency, real ms, for every scenario and population. */
  maxP95LatencyMs?: number;
}

/** A threshold a group missed, in words. */
export interface Breach {
  group: string;
  threshold: 'min-pass-rate' | 'max-p95-latency-ms';
  message: string;
}

const settled = (g: RunGroup) => g.passed + g.failed;

/**
 * The thresholds each scenario and population misses. A pass-rate threshold with no settled run at
 * all is a breach too: a CI job that dialled nothing, or whose runs never ended, has proven nothing.
 */
export function judgeReport(report: Report, thresholds: Thresholds): Breach[] {
  const breaches: Breach[] = [];
  const groups: Array<[string, RunGroup]> = [
    ...report.scenarios.map((g): [string, RunGroup] => [`scenario ${g.name}`, g]),
    ...report.populations.map((g): [string, RunGroup] => [`population ${g.name}`, g]),
  ];
  const { minPassRate, maxP95LatencyMs } = thresholds;
  if (minPassRate !== undefined) {
    if (settled(report.runs) === 0)
      breaches.push({
        group: 'all scenarios',
        threshold: 'min-pass-rate',
        message: `no scenario run has settled, so no pass rate reaches ${minPassRate} %`,
      });
    for (const [label, g] of groups) {
      if (g.passRate === null || g.passRate >= minPassRate) continue;
      breaches.push({
        group: label,
        threshold: 'min-pass-rate',
        message: `${label}: ${formatPercent(g.passRate)} passed (${g.passed} of ${settled(g)}), below ${minPassRate} %`,
      });
    }
  }
  if (maxP95LatencyMs !== undefined) {
    for (const [label, g] of groups) {
      const p95 = g.latencyMs.p95;
      if (p95 === null || p95 <= maxP95LatencyMs) continue;
      breaches.push({
        group: label,
        threshold: 'max-p95-latency-ms',
        message: `${label}: p95 turn latency ${Math.round(p95)} ms, above ${maxP95LatencyMs} ms`,
      });
    }
  }
  return breaches;
}

/** `97.5 %`, `100 %`: one decimal at most. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return `${Number.isInteger(value) ? value : value.toFixed(1)} %`;
}
