import { call, type CampaignReport as Report, type ReportRuns as RunGroup } from './api.js';
import { byId, h, render } from './dom.js';
import { latencyBuckets, latencyHistogram, passRateChart, type SvgNode } from './report-charts.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A chart's tree as SVG elements (attributes and text set, never parsed as markup). */
function svg(node: SvgNode): Element {
  const element = document.createElementNS(SVG, node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (name !== 'xmlns') element.setAttribute(name, String(value));
  }
  if (node.text !== undefined) element.textContent = node.text;
  for (const child of node.children ?? []) element.append(svg(child));
  return element;
}

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
const rate = (value: number | null) =>
  value === null ? '—' : `${Number.isInteger(value) ? value : value.toFixed(1)} %`;

function groupsTable(caption: string, groups: RunGroup[]): HTMLElement {
  return h(
    'table',
    { class: 'rows report-table' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Name', 'Runs', 'Passed', 'Failed', 'Running', 'Pass rate', 'p50', 'p95', 'p99', 'Max'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...groups.map((g) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, g.name),
          h('td', {}, g.runs),
          h('td', {}, g.passed),
          h('td', { class: g.failed ? 'bad' : '' }, g.failed),
          h('td', {}, g.running),
          h('td', {}, rate(g.passRate)),
          h('td', {}, ms(g.latencyMs.p50)),
          h('td', {}, ms(g.latencyMs.p95)),
          h('td', {}, ms(g.latencyMs.p99)),
          h('td', {}, ms(g.latencyMs.max)),
        ),
      ),
    ),
  );
}

function body(report: Report): Array<Node | string> {
  const w = report.webhooks;
  const r = report.requests;
  const byStatus = Object.entries(report.calls.byStatus)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const failures = report.scenarios.flatMap((g) => g.failures.map((f) => ({ scenario: g.name, ...f })));
  return [
    h(
      'dl',
      { class: 'facts report-facts' },
      h('dt', {}, 'Calls'),
      h('dd', {}, `${report.calls.total}${byStatus ? ` (${byStatus})` : ''}`),
      h('dt', {}, 'Scenario runs'),
      h(
        'dd',
        {},
        `${report.runs.runs}: ${report.runs.passed} passed, ${report.runs.failed} failed, ${report.runs.running} running (${rate(report.runs.passRate)})`,
      ),
      h('dt', {}, 'Double answers'),
      h('dd', { class: report.doubleAnswers ? 'bad' : '' }, report.doubleAnswers),
      h('dt', {}, 'Webhooks'),
      h(
        'dd',
        {},
        `${w.deliveries} deliveries, ${w.attempts} attempts, ${w.failed} failed, ${w.duplicates} duplicates, ${w.reordered} reordered`,
      ),
      h('dt', {}, 'Requests'),
      h(
        'dd',
        {},
        `${r.total}; ${r.rateLimited} answered 429, ${r.insideRetryAfter} inside a Retry-After, ${r.afterCallEnded} after the call ended`,
      ),
    ),
    h('h3', {}, 'Pass rate per scenario'),
    report.scenarios.length
      ? h('figure', { class: 'chart-box' }, svg(passRateChart(report.scenarios)))
      : h('p', { class: 'muted' }, 'No scenario has run since the last reset.'),
    h('h3', {}, 'Turn latency of the app’s answers (ms)'),
    h('figure', { class: 'chart-box' }, svg(latencyHistogram(latencyBuckets(report.latencyHistogram)))),
    groupsTable('Scenarios', report.scenarios),
    report.populations.length ? groupsTable('Populations', report.populations) : '',
    ...report.populations.map((p) =>
      h(
        'p',
        { class: 'muted' },
        `${p.name}: ${p.calls} calls — ${Object.entries(p.byEntry)
          .map(([e, n]) => `${e} ${n}`)
          .join(', ')}`,
      ),
    ),
    h('h3', {}, 'Failures, grouped by step and reason'),
    failures.length
      ? h(
          'ul',
          { class: 'report-failures' },
          ...failures.map((f) =>
            h(
              'li',
              {},
              h('b', {}, f.scenario),
              ` · ${f.step ?? 'beside the script'} · ${f.reason} · ×${f.count} `,
              h('span', { class: 'muted' }, `(${f.callIds.join(', ')}; e.g. ${f.example})`),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'None.'),
  ];
}

/** The Report tab: how the app held up since the last reset (GET /__mock/report), charts drawn here. */
export function reportView(): { refresh(): Promise<void> } {
  const container = byId('report-body');
  return {
    refresh: async () => {
      const report = await call<Report>('GET', '/__mock/report');
      // `until` moves with the clock; redraw only when what is shown changed.
      const { until: _until, ...shown } = report;
      render(container, shown, () => body(report));
    },
  };
}
