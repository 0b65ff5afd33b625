import type { Spec, SpecOperation } from '../spec/spec.js';
import type { SpecValidators } from '../spec/validators.js';
import type { Exchange } from './exchange.js';
import type { Fixtures } from './fixtures.js';
import type { ContractOptions } from './options.js';
import type { CheckName, ResultMatrix } from './results.js';
import type { RunLedger } from './run-ledger.js';
import type { Target } from './target.js';

/** Everything a check needs: the spec, the target, the results, the ids and the budget. */
export interface RunContext {
  options: ContractOptions;
  spec: Spec;
  validators: SpecValidators;
  matrix: ResultMatrix;
  target: Target;
  fixtures: Fixtures;
  ledger: RunLedger;
  /** The operations this run judges (`--only`), in spec order. */
  operations: SpecOperation[];
  /** The first 201 of each creating operation, with what it created (for `location` and `links`). */
  firstCreated: Map<string, Exchange>;
  /** Whether a check is selected (`--checks`, `--include`). */
  enabled(check: CheckName): boolean;
  progress(line: string): void;
}

/** True for an operation that changes something (anything but a read). */
export const isWrite = (operation: SpecOperation) =>
  operation.method !== 'GET' && operation.method !== 'HEAD';

/** The documented statuses of an operation that are in a class (`2` for 2xx). */
export function documented(operation: SpecOperation, statusClass: string): number[] {
  return Object.keys(operation.responses)
    .filter((status) => status.startsWith(statusClass))
    .map(Number);
}

export { isProblemJson } from './exchange.js';
