import type { Exchange } from './exchange.js';

/** The checks that judge every response, whatever check sent the request. */
export const PASSIVE_CHECKS = [
  'status-documented',
  'content-type',
  'headers',
  'rate-limit-fields',
  'schema',
  'problem-body',
  'no-5xx',
] as const;

/** The checks of what the spec's words promise (each cites its words from contracts/promises.ts). */
export const WORD_CHECKS = [
  'request-id',
  'rate-limit-meaning',
  'change-shown',
  'exact-status',
  'filters',
  'action-outcome',
  'derived-fields',
] as const;

/** Every check the suite runs, in the order the reports show them. */
export const CHECKS = [
  ...PASSIVE_CHECKS,
  'auth-missing-token',
  'auth-malformed-header',
  'auth-unknown-token',
  'auth-readonly-write',
  'auth-readonly-read',
  'auth-suspended',
  'auth-cross-user',
  'negative-body',
  'negative-path',
  'negative-query',
  'positive-data',
  'idempotency',
  'location',
  'links',
  'pagination',
  'unknown-id',
  'undocumented-method',
  'lifecycle',
  'rate-limit',
  'rate-limit-concurrency',
  'webhooks',
  ...WORD_CHECKS,
] as const;

export type CheckName = (typeof CHECKS)[number];
export type Verdict = 'pass' | 'fail' | 'skip';

/** The spec's words a failure breaks: where they are (a JSON pointer into openapi.yaml) and what they say. */
export interface Citation {
  at: string;
  words: string;
}

/** A citation as reports print it: `breaks openapi.yaml#/pointer: “the words”`. */
export const citationLine = ({ at, words }: Citation) => `breaks openapi.yaml#${at}: “${words}”`;

/** What one check concluded for one operation: the first failure wins and keeps its evidence. */
export interface CellResult {
  verdict: Verdict;
  /** Why it failed, or why it was skipped. */
  reason?: string;
  /** The first failing request and its response. */
  exchange?: Exchange;
  /** The promise of the spec the first failure breaks, when the check judges one. */
  cite?: Citation;
  /** How many observations passed. */
  passes: number;
  failures: number;
}

export interface Observation {
  verdict: Verdict;
  reason?: string;
  exchange?: Exchange | undefined;
  cite?: Citation | undefined;
}

/** Per-operation × per-check results of one run. */
export class ResultMatrix {
  #rows = new Map<string, Map<CheckName, CellResult>>();
  #accept: (operationId: string, check: CheckName) => boolean;
  #onFailure: ((operationId: string, check: CheckName, reason: string) => void) | undefined;

  /** `accept` drops what the run did not select (`--only`, `--checks`): a check may touch other operations. */
  constructor(
    accept: (operationId: string, check: CheckName) => boolean = () => true,
    onFailure?: (operationId: string, check: CheckName, reason: string) => void,
  ) {
    this.#accept = accept;
    this.#onFailure = onFailure;
  }

  /** Adds an operation as a row, so it is reported even when nothing ran for it. */
  addRow(operationId: string): void {
    if (!this.#rows.has(operationId)) this.#rows.set(operationId, new Map());
  }

  record(operationId: string, check: CheckName, observation: Observation): void {
    if (!this.#accept(operationId, check)) return;
    this.addRow(operationId);
    const row = this.#rows.get(operationId) as Map<CheckName, CellResult>;
    const cell = row.get(check);
    const { verdict, reason, exchange, cite } = observation;
    if (!cell) {
      row.set(check, {
        verdict,
        ...(reason !== undefined && verdict !== 'pass' ? { reason } : {}),
        ...(exchange && verdict === 'fail' ? { exchange } : {}),
        ...(cite && verdict === 'fail' ? { cite } : {}),
        passes: verdict === 'pass' ? 1 : 0,
        failures: verdict === 'fail' ? 1 : 0,
      });
    } else if (verdict === 'pass') {
      cell.passes += 1;
      // A skip followed by a pass: something did run after all.
      if (cell.verdict === 'skip') {
        cell.verdict = 'pass';
        delete cell.reason;
      }
    } else if (verdict === 'fail') {
      cell.failures += 1;
      if (cell.verdict !== 'fail') {
        cell.verdict = 'fail';
        if (reason !== undefined) cell.reason = reason;
        if (exchange) cell.exchange = exchange;
        if (cite) cell.cite = cite;
      }
    }
    if (verdict === 'fail' && (!cell || cell.failures === 1))
      this.#onFailure?.(operationId, check, reason ?? '');
  }

  pass(operationId: string, check: CheckName, exchange?: Exchange): void {
    this.record(operationId, check, { verdict: 'pass', exchange });
  }

  fail(operationId: string, check: CheckName, reason: string, exchange?: Exchange): void {
    this.record(operationId, check, { verdict: 'fail', reason, exchange });
  }

  skip(operationId: string, check: CheckName, reason: string): void {
    this.record(operationId, check, { verdict: 'skip', reason });
  }

  cell(operationId: string, check: CheckName): CellResult | undefined {
    return this.#rows.get(operationId)?.get(check);
  }

  rows(): Array<[string, Map<CheckName, CellResult>]> {
    return [...this.#rows.entries()];
  }

  /** Every failing cell, in row then check order. */
  failures(): Array<{ operationId: string; check: CheckName; cell: CellResult }> {
    const out: Array<{ operationId: string; check: CheckName; cell: CellResult }> = [];
    for (const [operationId, row] of this.#rows) {
      for (const check of CHECKS) {
        const cell = row.get(check);
        if (cell?.verdict === 'fail') out.push({ operationId, check, cell });
      }
    }
    return out;
  }

  /** Counts of cells by verdict and the conformance score: passed cells / cells that ran, in percent. */
  summary(): { pass: number; fail: number; skip: number; score: number } {
    const counts = { pass: 0, fail: 0, skip: 0 };
    for (const row of this.#rows.values()) for (const cell of row.values()) counts[cell.verdict] += 1;
    const ran = counts.pass + counts.fail;
    const score = ran === 0 ? 0 : Math.floor((counts.pass / ran) * 1000) / 10;
    return { ...counts, score };
  }
}
