import { coverageLine, groupMissed, promisesLine } from '../coverage.js';
import { formatExchange } from '../exchange.js';
import { CHECKS, type CheckName, citationLine } from '../results.js';
import type { ContractRun } from '../runner.js';

/** Two-letter column codes, so the matrix fits a terminal; the legend names each check. */
const CODES: Record<CheckName, string> = {
  'status-documented': 'st',
  'content-type': 'ct',
  headers: 'hd',
  'rate-limit-fields': 'rf',
  schema: 'sc',
  'problem-body': 'pb',
  'no-5xx': '5x',
  'auth-missing-token': 'am',
  'auth-malformed-header': 'af',
  'auth-unknown-token': 'au',
  'auth-readonly-write': 'ar',
  'auth-readonly-read': 'rr',
  'auth-suspended': 'as',
  'auth-cross-user': 'ax',
  'negative-body': 'nb',
  'negative-path': 'np',
  'negative-query': 'nq',
  'positive-data': 'pd',
  idempotency: 'id',
  location: 'lo',
  links: 'ln',
  pagination: 'pg',
  'unknown-id': 'ui',
  'undocumented-method': 'um',
  lifecycle: 'lc',
  'rate-limit': 'rl',
  'rate-limit-concurrency': 'rc',
  webhooks: 'wh',
  'request-id': 'ri',
  'rate-limit-meaning': 'rm',
  'change-shown': 'cs',
  'exact-status': 'es',
  filters: 'fi',
  'action-outcome': 'ac',
  'derived-fields': 'df',
};

const MARK = { pass: ' ✓', fail: ' ✗', skip: ' -', none: '  ' } as const;

/** The run as terminal text: the matrix, the failures with their exchanges, the skips, the score, what was created. */
export function formatConsoleReport(run: ContractRun): string {
  const rows = run.matrix.rows();
  const width = Math.max(9, ...rows.map(([id]) => id.length));
  const used = CHECKS.filter((check) => rows.some(([, row]) => row.has(check)));
  const lines = [`${'operation'.padEnd(width)} ${used.map((c) => CODES[c].padStart(2)).join(' ')}`];
  for (const [id, row] of rows)
    lines.push(`${id.padEnd(width)} ${used.map((c) => MARK[row.get(c)?.verdict ?? 'none']).join(' ')}`);
  lines.push('', `legend: ✓ pass  ✗ fail  - skipped  ·  ${used.map((c) => `${CODES[c]} ${c}`).join(', ')}`);
  const failures = run.matrix.failures();
  if (failures.length > 0) lines.push('', `Failures (${failures.length}):`);
  for (const { operationId, check, cell } of failures) {
    lines.push(
      '',
      `✗ ${operationId} · ${check}: ${cell.reason ?? ''} (${cell.failures} of ${cell.failures + cell.passes})`,
    );
    if (cell.cite) lines.push(`    ${citationLine(cell.cite)}`);
    if (cell.exchange)
      lines.push(
        ...formatExchange(cell.exchange)
          .split('\n')
          .map((l) => `    ${l}`),
      );
  }
  const skips = new Map<string, number>();
  for (const [, row] of rows)
    for (const [check, cell] of row)
      if (cell.verdict === 'skip')
        skips.set(`${check}: ${cell.reason}`, (skips.get(`${check}: ${cell.reason}`) ?? 0) + 1);
  if (skips.size > 0) lines.push('', 'Skipped:', ...[...skips].map(([why, n]) => `  - ${why} (${n})`));
  lines.push('', 'Coverage (what of the spec this run exercised; the score counts only that):');
  for (const op of run.coverage.operations) {
    const { statuses, headers, checks } = op;
    lines.push(
      `  ${op.operationId}: statuses ${statuses.exercised.join(' ') || 'none'} · headers ${headers.exercised.length} of ${headers.exercised.length + headers.missed.length} · checks ${checks.exercised.length} of ${checks.exercised.length + checks.missed.length}`,
    );
    for (const missed of groupMissed([...statuses.missed, ...headers.missed, ...checks.missed]))
      lines.push(`      not ${missed}`);
  }
  const { promises } = run.coverage;
  lines.push('', `Promises of the spec's words (contracts/promises.ts): ${promisesLine(promises)}`);
  for (const missed of groupMissed(promises.unchecked)) lines.push(`  not ${missed}`);
  const { pass, fail, skip, score } = run.matrix.summary();
  lines.push('', `Created on the target (${run.created.length}):`);
  for (const c of run.created) lines.push(`  ${c.operationId} ${c.id}${c.note ? ` (${c.note})` : ''}`);
  for (const note of run.notes) lines.push(`  note: ${note}`);
  lines.push(
    '',
    `${fail === 0 ? 'PASS' : 'FAIL'} ${run.baseUrl}: conformance ${score}% of what ran — ${pass} passed, ${fail} failed, ${skip} skipped; ${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s${run.interrupted ? ' (interrupted)' : ''}; ${coverageLine(run.coverage)}`,
  );
  return `${lines.join('\n')}\n`;
}
