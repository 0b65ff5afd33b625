import {
  escapeXml,
  latencyBuckets,
  latencyHistogram,
  passRateChart,
  svgToString,
} from '../inspector/page/report-charts.js';
import type { Report } from './report-shape.js';
import { type Breach, formatPercent } from './thresholds.js';

// The same colours as the inspector's Report tab; inline, so the file opens anywhere, offline.
const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d232a}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.6rem}
table{border-collapse:collapse}th,td{border-bottom:1px solid #dde2e8;padding:.2rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}.bad{color:#b42318;font-weight:600}
.bar-track{fill:#eef0f3}.bar-passed{fill:#2e7d32}.bar-failed{fill:#c62828}.bar-running{fill:#9aa5b1}
.bar-latency{fill:#3563c9}.axis{stroke:#9aa5b1}.chart-label,.chart-value{font-size:12px;dominant-baseline:middle;fill:#1d232a}`;

/**
 * The report as one self-contained HTML file: the verdicts, a pass-rate bar per scenario and the
 * latency histogram (inline SVG), the tables and the grouped failures.
 */
export function reportToHtml(report: Report, breaches: Breach[]): string {
  const rows = [
    ...report.scenarios.map((g) => ['scenario', g] as const),
    ...report.populations.map((g) => ['population', g] as const),
  ]
    .map(
      ([kind, g]) =>
        `<tr><td>${kind} ${escapeXml(g.name)}</td><td>${g.runs}</td><td>${g.passed}</td><td${g.failed ? ' class="bad"' : ''}>${g.failed}</td><td>${g.running}</td><td>${formatPercent(g.passRate)}</td><td>${g.latencyMs.p50 ?? '—'}</td><td>${g.latencyMs.p95 ?? '—'}</td><td>${g.latencyMs.p99 ?? '—'}</td><td>${g.latencyMs.max ?? '—'}</td></tr>`,
    )
    .join('\n');
  const failures = report.scenarios
    .flatMap((g) =>
      g.failures.map(
        (f) =>
          `<li><b>${escapeXml(g.name)}</b> · ${escapeXml(f.step ?? 'beside the script')} · ${escapeXml(f.reason)} · ×${f.count} <small>(${escapeXml(f.callIds.join(', '))}; e.g. ${escapeXml(f.example)})</small></li>`,
      ),
    )
    .join('\n');
  const w = report.webhooks;
  const verdict = breaches.length
    ? `<ul>${breaches.map((b) => `<li class="bad">${escapeXml(b.message)}</li>`).join('')}</ul>`
    : '<p>Every threshold asked for was met.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>telemock report</title><style>${STYLE}</style></head>
<body>
<h1>telemock report</h1>
<p>Calls: ${escapeXml(
    Object.entries(report.calls.byStatus)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ') || 'none',
  )}</p>
<h2>Thresholds</h2>
${verdict}
<h2>Pass rate per scenario</h2>
${svgToString(passRateChart(report.scenarios))}
<h2>Turn latency of the app's answers</h2>
${svgToString(latencyHistogram(latencyBuckets(report.latencyHistogram)))}
<h2>Runs</h2>
<table><thead><tr><th>group</th><th>runs</th><th>passed</th><th>failed</th><th>running</th><th>pass rate</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Failures</h2>
${failures ? `<ul>${failures}</ul>` : '<p>None.</p>'}
<h2>Webhooks and requests</h2>
<p>${w.attempts} attempts, ${w.delivered} delivered, ${w.failed} failed, ${w.retried} retried, ${w.duplicates} duplicates, ${w.reordered} reordered.
Double answers: <span${report.doubleAnswers ? ' class="bad"' : ''}>${report.doubleAnswers}</span>.
Requests answered 429: ${report.requests.rateLimited}; sent inside a Retry-After: ${report.requests.insideRetryAfter}; after their call ended: ${report.requests.afterCallEnded}.</p>
</body></html>
`;
}
