import { formatExchange } from '../../contracts/exchange.js';
import type { ContractOptions } from '../../contracts/options.js';
import type { runContractSuite } from '../../contracts/runner.js';

/** The suite's options for a run against a mock with the default tokens. */
export const contractOptions = (baseUrl: string, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  baseUrl,
  token: 'demo-token',
  readonlyToken: 'demo-token-readonly',
  otherToken: 'demo-token-other',
  suspendedToken: 'demo-token-suspended',
  include: [],
  only: [],
  checks: [],
  callTo: '+14155550123',
  // Room for a second lifecycle call (when the first ends early) next to positive data and idempotency.
  maxCalls: 8,
  readOnly: false,
  timeoutMs: 5000,
  webhookPort: 0,
  ...extra,
});

/** Each failing check with its first exchange, readable in a test's diff. */
export const failuresOf = (run: Awaited<ReturnType<typeof runContractSuite>>) =>
  run.matrix
    .failures()
    .map(
      (f) =>
        `${f.operationId} ${f.check}: ${f.cell.reason}\n${f.cell.exchange ? formatExchange(f.cell.exchange) : ''}`,
    );

/** Each skipped check with why, readable in a test's diff. */
export const skipsOf = (run: Awaited<ReturnType<typeof runContractSuite>>) =>
  run.matrix
    .rows()
    .flatMap(([id, row]) =>
      [...row]
        .filter(([, cell]) => cell.verdict === 'skip')
        .map(([check, cell]) => `${id} ${check}: ${cell.reason}`),
    );
