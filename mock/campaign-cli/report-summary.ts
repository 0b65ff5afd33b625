import type { Report, RunGroup } from './report-shape.js';
import { type Breach, formatPercent, type Thresholds } from './thresholds.js';

const COLUMNS = ['runs', 'passed', 'failed', 'running', 'pass rate', 'p50', 'p95', 'p99', 'max'];

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

function table(title: string, groups: RunGroup[]): string[] {
  if (groups.length === 0) return [];
  const rows = groups.map((g) => [
    g.name,
    String(g.runs),
    String(g.passed),
    String(g.failed),
    String(g.running),
    formatPercent(g.passRate),
    ms(g.latencyMs.p50),
    ms(g.latencyMs.p95),
    ms(g.latencyMs.p99),
    ms(g.latencyMs.max),
  ]);
  const header = [title, ...COLUMNS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line), ''];
}

function failures(groups: RunGroup[]): string[] {
  const lines = groups.flatMap((g) =>
    g.failures.map(
      (f) =>
        `  ${g.name} · ${f.step ?? 'beside the script'} · ${f.reason} · ×${f.count} (${f.callIds.slice(0, 3).join(', ')}; e.g. ${f.example})`,
    ),
  );
  return lines.length ? ['Failures', ...lines, ''] : [];
}

/** The report as a person reads it in a terminal or a CI log, with the thresholds' verdicts at the end. */
export function summarizeReport(report: Report, thresholds: Thresholds, breaches: Breach[]): string {
  const calls = report.calls.total;
  const w = report.webhooks;
  const r = report.requests;
  const operations = Object.entries(r.byOperation).map(
    ([operation, byStatus]) =>
      `  ${operation}: ${Object.entries(byStatus)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ')}`,
  );
  const out = [
    `telemock report: ${calls} call${calls === 1 ? '' : 's'} (${counts(report.calls.byStatus as Record<string, number>)})`,
    '',
    ...table('scenario', report.scenarios),
    ...table('population', report.populations),
    ...report.populations.map((p) => `  ${p.name}: ${p.calls} calls (${counts(p.byEntry)})`),
    ...(report.populations.length ? [''] : []),
    ...failures([...report.scenarios]),
    `Webhooks: ${w.attempts} attempts, ${w.delivered} delivered, ${w.failed} failed, ${w.retried} retried, ${w.duplicates} duplicates, ${w.reordered} reordered; the app answered ${counts(w.statusCodes)}`,
    `Double answers: ${report.doubleAnswers}`,
    `Requests: ${r.rateLimited} answered 429, ${r.insideRetryAfter} sent inside a Retry-After, ${r.afterCallEnded} after their call ended`,
    ...operations,
  ];
  const asked = [
    thresholds.minPassRate === undefined ? null : `pass rate ≥ ${thresholds.minPassRate} %`,
    thresholds.maxP95LatencyMs === undefined ? null : `p95 latency ≤ ${thresholds.maxP95LatencyMs} ms`,
  ].filter((t) => t !== null);
  if (asked.length > 0) {
    out.push('', `Thresholds (${asked.join(', ')}):`);
    out.push(...(breaches.length ? breaches.map((b) => `  FAILED ${b.message}`) : ['  all met']));
  }
  return `${out.join('\n')}\n`;
}
