import { coverageLine, groupMissed } from '../coverage.js';
import { formatExchange } from '../exchange.js';
import { CHECKS, citationLine } from '../results.js';
import type { ContractRun } from '../runner.js';

// XML 1.0 forbids most control characters even escaped; response bodies can carry them.
const escapeXml = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping what XML cannot carry.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** JUnit XML: one testsuite per operation, one testcase per check (failure with the exchange, or skipped with why). */
export function formatJunitReport(run: ContractRun): string {
  const suites: string[] = [];
  let total = 0;
  let failed = 0;
  let skipped = 0;
  for (const [operationId, row] of run.matrix.rows()) {
    const cases: string[] = [];
    let suiteFailed = 0;
    let suiteSkipped = 0;
    for (const check of CHECKS) {
      const cell = row.get(check);
      if (!cell) continue;
      const open = `    <testcase classname="contract.${escapeXml(operationId)}" name="${check}" time="0">`;
      if (cell.verdict === 'pass') cases.push(`${open}</testcase>`);
      else if (cell.verdict === 'skip') {
        suiteSkipped += 1;
        cases.push(`${open}<skipped message="${escapeXml(cell.reason ?? '')}"/></testcase>`);
      } else {
        suiteFailed += 1;
        const exchange = cell.exchange ? formatExchange(cell.exchange) : '';
        const detail = cell.cite ? `${citationLine(cell.cite)}\n\n${exchange}` : exchange;
        cases.push(
          `${open}<failure message="${escapeXml(cell.reason ?? '')}" type="${check}">${escapeXml(detail)}</failure></testcase>`,
        );
      }
    }
    const coverage = run.coverage.operations.find((op) => op.operationId === operationId);
    if (coverage) {
      const { statuses, headers, checks } = coverage;
      const properties = [
        ['coverage.statuses.exercised', statuses.exercised.join(' ')],
        ['coverage.statuses.missed', statuses.missed.map((m) => m.name).join(' ')],
        [
          'coverage.headers',
          `${headers.exercised.length}/${headers.exercised.length + headers.missed.length}`,
        ],
        ['coverage.checks', `${checks.exercised.length}/${checks.exercised.length + checks.missed.length}`],
      ];
      cases.unshift(
        `    <properties>\n${properties.map(([name, value]) => `      <property name="${name}" value="${escapeXml(value ?? '')}"/>`).join('\n')}\n    </properties>`,
      );
      const missed = groupMissed([...statuses.missed, ...headers.missed, ...checks.missed]);
      if (missed.length > 0)
        cases.push(`    <system-out>${escapeXml(`not exercised:\n${missed.join('\n')}`)}</system-out>`);
    }
    const tests = cases.filter((c) => c.includes('<testcase')).length;
    total += tests;
    failed += suiteFailed;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${escapeXml(operationId)}" tests="${tests}" failures="${suiteFailed}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const { promises } = run.coverage;
  const unchecked = promises.unchecked.map(
    ({ name, at, why }) =>
      `    <testcase classname="contract.promises" name="${escapeXml(name)}" time="0"><skipped message="${escapeXml(`${at}: ${why}`)}"/></testcase>`,
  );
  const judged = promises.judged.map(
    ({ name, failed }) =>
      `    <testcase classname="contract.promises" name="${escapeXml(name)}" time="0">${failed ? `<failure message="its check failed" type="promise"/>` : ''}</testcase>`,
  );
  const broken = promises.judged.filter((p) => p.failed).length;
  failed += broken;
  total += promises.total;
  skipped += unchecked.length;
  suites.push(
    `  <testsuite name="promises" tests="${promises.total}" failures="${broken}" errors="0" skipped="${unchecked.length}">\n    <properties>\n      <property name="promises.checked" value="${promises.checked}/${promises.total}"/>\n    </properties>\n${[...judged, ...unchecked].join('\n')}\n  </testsuite>`,
  );
  const seconds = (run.durationMs / 1000).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${escapeXml(coverageLine(run.coverage))} -->\n<testsuites name="telemock contract ${escapeXml(run.baseUrl)}" tests="${total}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds}">\n${suites.join('\n')}\n</testsuites>\n`;
}
