import type { Spec } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { CALL_EVENT_WEBHOOK } from '../checks/webhooks.js';
import type { Exchange } from '../exchange.js';
import { Fixtures } from '../fixtures.js';
import type { ContractOptions } from '../options.js';
import { ResultMatrix } from '../results.js';
import type { RunContext } from '../run-context.js';
import { RunLedger } from '../run-ledger.js';
import { Target } from '../target.js';
import type { Selection } from './check-options.js';
import { watchPromises } from './promise-watch.js';

/** Wires the run: the matrix with a row per judged operation, the target, the ids it learns, the call budget. */
export function createRunContext(
  spec: Spec,
  options: ContractOptions,
  selection: Selection,
  hooks: { progress: (line: string) => void; signal?: AbortSignal | undefined },
): RunContext {
  const { enabled, operationIds } = selection;
  const validators = new SpecValidators(spec);
  const rows = new Set(operationIds);
  if (enabled('webhooks')) rows.add(CALL_EVENT_WEBHOOK);
  const matrix = new ResultMatrix(
    (operationId, check) => rows.has(operationId) && enabled(check),
    (operationId, check, reason) => hooks.progress(`  ✗ ${operationId} ${check}: ${reason}`),
  );
  for (const row of rows) matrix.addRow(row);
  const target = new Target({
    baseUrl: options.baseUrl,
    token: options.token,
    validators,
    matrix,
    signal: hooks.signal,
  });
  const fixtures = new Fixtures(spec, validators, options.callTo);
  const ledger = new RunLedger(target, spec, options.readOnly ? 0 : options.maxCalls);
  const firstCreated = new Map<string, Exchange>();
  target.onExchange((request, exchange) => {
    const operation = request.operationId ? spec.operations.get(request.operationId) : undefined;
    if (operation) fixtures.learn(operation, exchange);
    if (operation && exchange.status === 201 && !firstCreated.has(operation.operationId))
      firstCreated.set(operation.operationId, exchange);
    if (options.readOnly && request.method === 'GET') fixtures.discover(exchange);
  });
  const ctx: RunContext = {
    options,
    spec,
    validators,
    matrix,
    target,
    fixtures,
    ledger,
    operations: [...spec.operations.values()].filter((op) => operationIds.has(op.operationId)),
    firstCreated,
    enabled,
    progress: hooks.progress,
  };
  watchPromises(ctx);
  return ctx;
}
