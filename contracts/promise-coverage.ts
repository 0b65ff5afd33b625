import type { Spec, SpecOperation } from '../spec/spec.js';
import { OPT_IN } from './phases/check-options.js';
import { promisesOf, type SpecPromise } from './promises.js';
import type { CheckName, ResultMatrix } from './results.js';

/** How many of the spec's promises the run judged, and each one it did not, with why. */
export interface PromiseCoverage {
  checked: number;
  /** The promises judged: each one's id, and whether its check failed on it. */
  judged: Array<{ name: string; failed: boolean }>;
  total: number;
  /** `name` is the promise's id, `at` its pointer into openapi.yaml. */
  unchecked: Array<{ name: string; at: string; why: string }>;
}

const fromPointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** The operation (or webhook) a promise's pointer lies in, if it lies in one. */
export function operationAt(spec: Spec, at: string): SpecOperation | undefined {
  const [, section, item, method] = at.split('/');
  if ((section !== 'paths' && section !== 'webhooks') || !item || !method) return undefined;
  const path = fromPointer(item);
  const all = section === 'paths' ? spec.operations : spec.webhooks;
  return [...all.values()].find((op) => op.path === path && op.method === method.toUpperCase());
}

function whyUnchecked(
  row: SpecPromise & { check: CheckName },
  cell: { verdict: string; reason?: string } | undefined,
  enabled: (check: CheckName) => boolean,
): string {
  if (cell?.verdict === 'skip') return `${row.check} skipped: ${cell.reason ?? ''}`;
  const optIn = OPT_IN[row.check];
  if (!enabled(row.check))
    return optIn ? `opt-in not given (--include ${optIn})` : `${row.check} not selected (--checks)`;
  return `${row.check} did not meet it in this run`;
}

/**
 * Counts the promises of `contracts/promises.ts` a run judged: one with a check is checked when
 * that check ran (passed or failed) on its operation, or on any operation for words that belong to
 * none; the others are listed with the reason they are not observable, or why the check did not run.
 */
export function promiseCoverage(
  spec: Spec,
  judged: Set<string>,
  matrix: ResultMatrix,
  enabled: (check: CheckName) => boolean,
): PromiseCoverage {
  const rows = matrix.rows();
  const unchecked: PromiseCoverage['unchecked'] = [];
  const judgedIds: PromiseCoverage['judged'] = [];
  for (const row of promisesOf(spec.document)) {
    const { id: name, at } = row;
    if ('unobservable' in row) {
      unchecked.push({ name, at, why: `not observable from outside: ${row.unobservable}` });
      continue;
    }
    const operation = operationAt(spec, row.at);
    // A webhook is judged with its opt-in, not picked with --only.
    if (operation && !judged.has(operation.operationId) && spec.operations.has(operation.operationId)) {
      unchecked.push({ name, at, why: 'operation not selected (--only)' });
      continue;
    }
    const cells = operation
      ? [matrix.cell(operation.operationId, row.check)]
      : rows.map(([, cells]) => cells.get(row.check));
    if (cells.some((cell) => cell !== undefined && cell.verdict !== 'skip')) {
      // A failure that cites other words of the same check broke those, not these.
      const failed = cells.some((c) => c?.verdict === 'fail' && (!c.cite || c.cite.at === at));
      judgedIds.push({ name, failed });
    } else
      unchecked.push({
        name,
        at,
        why: whyUnchecked(
          row,
          cells.find((c) => c !== undefined),
          enabled,
        ),
      });
  }
  const checked = judgedIds.length;
  return { checked, judged: judgedIds, total: checked + unchecked.length, unchecked };
}
