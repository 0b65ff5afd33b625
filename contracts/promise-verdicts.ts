import type { Exchange } from './exchange.js';
import { PROMISES, type SpecPromise } from './promises.js';
import type { ResultMatrix } from './results.js';

/** The promise with this id; throws on an id the table does not have (a check citing nothing). */
export function promise(id: string): SpecPromise {
  const found = PROMISES.find((p) => p.id === id);
  if (!found) throw new Error(`no promise '${id}' in contracts/promises.ts`);
  return found;
}

/** A check kept a promise on an operation. */
export function kept(matrix: ResultMatrix, id: string, operationId: string): void {
  const row = promise(id);
  if ('check' in row) matrix.pass(operationId, row.check);
}

/** A check saw a promise broken: the failure cites the spec's words. */
export function broken(
  matrix: ResultMatrix,
  id: string,
  operationId: string,
  reason: string,
  exchange?: Exchange,
): void {
  const row = promise(id);
  if ('check' in row)
    matrix.record(operationId, row.check, {
      verdict: 'fail',
      reason,
      exchange,
      cite: { at: row.at, words: row.words },
    });
}
