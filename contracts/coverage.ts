import type { Spec, SpecOperation } from '../spec/spec.js';
import { quotaSpender } from './checks/rate-limit.js';
import type { Exchange } from './exchange.js';
import type { ContractOptions } from './options.js';
import { OPT_IN } from './phases/check-options.js';
import { type PromiseCoverage, promiseCoverage } from './promise-coverage.js';
import { CHECKS, type CheckName, type ResultMatrix } from './results.js';

/** One documented thing (a status, a header, a check) the run did not exercise, and why. */
export interface Missed {
  name: string;
  why: string;
}

/** What the run exercised of one operation, and what it did not. */
export interface OperationCoverage {
  operationId: string;
  statuses: { exercised: string[]; missed: Missed[] };
  headers: { exercised: string[]; missed: Missed[] };
  checks: { exercised: CheckName[]; missed: Missed[] };
}

export interface CoverageReport {
  operations: OperationCoverage[];
  totals: Record<'statuses' | 'headers' | 'checks', { exercised: number; documented: number }>;
  /** The promises of the spec's words (contracts/promises.ts) the run judged, and those it did not. */
  promises: PromiseCoverage;
}

// Why a documented status was not seen, when the run could not have provoked it.
function whyStatusMissed(
  status: string,
  options: ContractOptions,
  enabled: (c: CheckName) => boolean,
): string {
  if (status === '500' || status === '503') return 'a server fault: not provokable from outside';
  if (status === '429')
    return enabled('rate-limit')
      ? 'the quota was not spent on this operation'
      : 'opt-in not given (--include rate-limit)';
  if (status === '403' && !options.readonlyToken && !options.suspendedToken)
    return 'no --readonly-token or --suspended-token given';
  if (status === '413')
    return 'not provoked: the suite sends no body over x-max-body-bytes to this operation';
  if (options.readOnly) return 'not provoked (--read-only)';
  return 'not provoked by this run';
}

/**
 * Records what the target answered per operation (statuses and headers) and, with the matrix,
 * says per operation what of the spec the run exercised and what not, and why.
 */
export class Coverage {
  readonly #seen = new Map<string, Map<string, Set<string>>>();

  observe(operationId: string | undefined, exchange: Exchange): void {
    if (!operationId || exchange.status === 0) return;
    const byStatus = this.#seen.get(operationId) ?? new Map<string, Set<string>>();
    this.#seen.set(operationId, byStatus);
    const headers = byStatus.get(String(exchange.status)) ?? new Set<string>();
    byStatus.set(String(exchange.status), headers);
    for (const name of Object.keys(exchange.responseHeaders)) headers.add(name.toLowerCase());
  }

  #operation(
    operation: SpecOperation,
    matrix: ResultMatrix,
    options: ContractOptions,
    enabled: (c: CheckName) => boolean,
    optInApplies: (check: CheckName, operation: SpecOperation) => boolean,
  ): OperationCoverage {
    const seen = this.#seen.get(operation.operationId) ?? new Map<string, Set<string>>();
    const statuses = Object.keys(operation.responses);
    const out: OperationCoverage = {
      operationId: operation.operationId,
      statuses: { exercised: statuses.filter((s) => seen.has(s)), missed: [] },
      headers: { exercised: [], missed: [] },
      checks: { exercised: [], missed: [] },
    };
    for (const status of statuses)
      if (!seen.has(status))
        out.statuses.missed.push({ name: status, why: whyStatusMissed(status, options, enabled) });
    const headers = new Map<string, string[]>();
    for (const [status, response] of Object.entries(operation.responses))
      for (const name of Object.keys((response as { headers?: object }).headers ?? {}))
        headers.set(name, [...(headers.get(name) ?? []), status]);
    for (const [name, inStatuses] of headers) {
      const on = inStatuses.filter((s) => seen.has(s));
      if (on.some((s) => seen.get(s)?.has(name.toLowerCase()))) out.headers.exercised.push(name);
      else if (on.length > 0) out.headers.missed.push({ name, why: `never sent (on ${on.join(', ')})` });
      else out.headers.missed.push({ name, why: `only documented on ${inStatuses.join(', ')}, not seen` });
    }
    const row = matrix.rows().find(([id]) => id === operation.operationId)?.[1];
    for (const check of CHECKS) {
      const cell = row?.get(check);
      if (cell && cell.verdict !== 'skip') out.checks.exercised.push(check);
      else if (cell) out.checks.missed.push({ name: check, why: `skipped: ${cell.reason ?? ''}` });
      else if (!enabled(check) && optInApplies(check, operation))
        out.checks.missed.push({ name: check, why: 'opt-in not given (--include rate-limit)' });
      else if (check === 'rate-limit-fields' && enabled(check) && seen.size > 0)
        out.checks.missed.push({
          name: check,
          why: 'the target sent no RateLimit or RateLimit-Policy fields',
        });
    }
    return out;
  }

  /** The coverage of the operations the run judged. */
  report(
    spec: Spec,
    operationIds: Iterable<string>,
    matrix: ResultMatrix,
    options: ContractOptions,
    enabled: (c: CheckName) => boolean,
  ): CoverageReport {
    const judged = [...operationIds]
      .map((id) => spec.operations.get(id))
      .filter((op): op is SpecOperation => !!op);
    const spender = quotaSpender(judged);
    // Checks left out with --checks are not counted; opt-ins not given are, where they would have run.
    const optInApplies = (check: CheckName, operation: SpecOperation) =>
      OPT_IN[check] === 'rate-limit' && operation === spender && !(options.checks.length > 0);
    const operations = judged.map((op) => this.#operation(op, matrix, options, enabled, optInApplies));
    const total = (part: 'statuses' | 'headers' | 'checks') => ({
      exercised: operations.reduce((n, op) => n + op[part].exercised.length, 0),
      documented: operations.reduce((n, op) => n + op[part].exercised.length + op[part].missed.length, 0),
    });
    return {
      operations,
      totals: { statuses: total('statuses'), headers: total('headers'), checks: total('checks') },
      promises: promiseCoverage(spec, new Set(judged.map((op) => op.operationId)), matrix, enabled),
    };
  }
}

/** Missed items grouped by why: "500, 503: a server fault…". */
export function groupMissed(missed: Missed[]): string[] {
  const byWhy = new Map<string, string[]>();
  for (const { name, why } of missed) byWhy.set(why, [...(byWhy.get(why) ?? []), name]);
  return [...byWhy].map(([why, names]) => `${names.join(', ')}: ${why}`);
}

/** "58 of 120 (48%)". */
export const fraction = ({ exercised, documented }: { exercised: number; documented: number }) =>
  `${exercised} of ${documented} (${documented === 0 ? 0 : Math.round((exercised / documented) * 100)}%)`;

/** The summary line's coverage: how much of the spec the run exercised. */
export const coverageLine = (report: CoverageReport) =>
  `covered ${fraction(report.totals.statuses)} documented statuses, ${fraction(report.totals.headers)} documented headers, ${fraction(report.totals.checks)} applicable checks; ${promisesLine(report.promises)}`;

/** "promises checked: 120 of 306 (39%)". */
export const promisesLine = ({ checked, total }: PromiseCoverage) =>
  `promises checked: ${fraction({ exercised: checked, documented: total })}`;
