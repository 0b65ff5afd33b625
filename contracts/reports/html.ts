import { coverageLine, groupMissed, promisesLine } from '../coverage.js';
import { formatExchange } from '../exchange.js';
import { CHECKS, citationLine } from '../results.js';
import type { ContractRun } from '../runner.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:center}
th.check{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;white-space:nowrap}
td.op{text-align:left;font-family:monospace}.pass{background:#d7f5dd}.fail{background:#f8c9c9;font-weight:bold}
.skip{background:#eee;color:#777}pre{background:#f6f6f6;padding:.6rem;overflow:auto;max-height:30rem}
td.why{text-align:left;font-size:.85rem;color:#555}.score{font-size:1.4rem}.bad{color:#b00}.good{color:#070}`;

/** One self-contained HTML page (no scripts, no CDN): the score, the matrix, every failure with its exchange, what was created. */
export function formatHtmlReport(run: ContractRun): string {
  const rows = run.matrix.rows();
  const used = CHECKS.filter((check) => rows.some(([, row]) => row.has(check)));
  const { pass, fail, skip, score } = run.matrix.summary();
  const head = used.map((c) => `<th class="check">${c}</th>`).join('');
  const body = rows
    .map(([id, row]) => {
      const cells = used.map((check) => {
        const cell = row.get(check);
        if (!cell) return '<td></td>';
        const mark = { pass: '✓', fail: '✗', skip: '–' }[cell.verdict];
        const title = cell.reason ? ` title="${escapeHtml(cell.reason)}"` : '';
        const link =
          cell.verdict === 'fail' ? `<a href="#${escapeHtml(`${id}-${check}`)}">${mark}</a>` : mark;
        return `<td class="${cell.verdict}"${title}>${link}</td>`;
      });
      return `<tr><td class="op">${escapeHtml(id)}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
  const failures = run.matrix
    .failures()
    .map(
      ({ operationId, check, cell }) =>
        `<h3 id="${escapeHtml(`${operationId}-${check}`)}">${escapeHtml(operationId)} · ${check}</h3>
<p>${escapeHtml(cell.reason ?? '')} (${cell.failures} of ${cell.failures + cell.passes} observations failed)</p>
${cell.cite ? `<p class="cite">${escapeHtml(citationLine(cell.cite))}</p>` : ''}
${cell.exchange ? `<pre>${escapeHtml(formatExchange(cell.exchange))}</pre>` : ''}`,
    )
    .join('\n');
  const created = run.created
    .map(
      (c) =>
        `<li><code>${escapeHtml(c.operationId)}</code> ${escapeHtml(c.id)}${c.note ? ` — ${escapeHtml(c.note)}` : ''}</li>`,
    )
    .join('');
  const coverage = run.coverage.operations
    .map(({ operationId, statuses, headers, checks }) => {
      const missed = groupMissed([...statuses.missed, ...headers.missed, ...checks.missed]);
      return `<tr><td class="op">${escapeHtml(operationId)}</td><td>${statuses.exercised.join(' ')}</td><td>${headers.exercised.length} of ${headers.exercised.length + headers.missed.length}</td><td>${checks.exercised.length} of ${checks.exercised.length + checks.missed.length}</td><td class="why">${missed.map((m) => escapeHtml(m)).join('<br>')}</td></tr>`;
    })
    .join('\n');
  const { promises } = run.coverage;
  const unchecked = promises.unchecked
    .map(
      ({ name, at, why }) =>
        `<tr><td class="op">${escapeHtml(name)}</td><td class="why"><code>${escapeHtml(at)}</code></td><td class="why">${escapeHtml(why)}</td></tr>`,
    )
    .join('\n');
  const notes = run.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contract report — ${escapeHtml(run.baseUrl)}</title><style>${STYLE}</style></head>
<body>
<h1>Contract report</h1>
<p>Target <code>${escapeHtml(run.baseUrl)}</code> · ${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s${run.interrupted ? ' · <strong>interrupted</strong>' : ''}</p>
<p class="score ${fail === 0 ? 'good' : 'bad'}">Conformance ${score}% — ${pass} passed, ${fail} failed, ${skip} skipped</p>
<p>${escapeHtml(coverageLine(run.coverage))}</p>
<h2>Matrix</h2>
<table><thead><tr><th>operation</th>${head}</tr></thead><tbody>
${body}
</tbody></table>
<p>✓ pass · ✗ fail (click for the request and response) · – skipped (hover for why)</p>
<h2>Coverage</h2>
<p>${escapeHtml(coverageLine(run.coverage))}. The score counts only what was exercised.</p>
<table><thead><tr><th>operation</th><th>statuses seen</th><th>headers</th><th>checks</th><th>not exercised, and why</th></tr></thead><tbody>
${coverage}
</tbody></table>
<h2>Promises</h2>
<p>${escapeHtml(promisesLine(promises))} — the spec's words (contracts/promises.ts) each judged by a named check, or said why not.</p>
<table><thead><tr><th>not checked</th><th>where in openapi.yaml</th><th>why</th></tr></thead><tbody>
${unchecked}
</tbody></table>
<h2>Failures (${run.matrix.failures().length})</h2>
${failures || '<p>None.</p>'}
<h2>Created on the target (${run.created.length})</h2>
<ul>${created}${notes}</ul>
</body></html>
`;
}
