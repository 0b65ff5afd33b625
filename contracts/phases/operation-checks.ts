import { checkAuth } from '../checks/auth.js';
import { checkCreatedResources } from '../checks/created-resources.js';
import { checkExactStatuses } from '../checks/exact-status.js';
import { checkFilters } from '../checks/filters.js';
import { checkIdempotency } from '../checks/idempotency.js';
import { checkNegativeData } from '../checks/negative.js';
import { checkPagination } from '../checks/pagination.js';
import { checkPositiveData } from '../checks/positive.js';
import { checkRateLimit } from '../checks/rate-limit.js';
import { checkRateLimitConcurrency } from '../checks/rate-limit-concurrency.js';
import { checkRateLimitCountdown } from '../checks/rate-limit-meaning.js';
import { checkSuspended } from '../checks/suspended.js';
import { checkUndocumentedMethods } from '../checks/undocumented-method.js';
import { checkUnknownIds } from '../checks/unknown-id.js';
import type { CheckName } from '../results.js';
import type { RunContext } from '../run-context.js';

interface Phase {
  name: string;
  checks: CheckName[];
  run(ctx: RunContext): Promise<void>;
}

/** The checks that go through every operation, in the order they run (the rate limit last: it spends the quota). */
export const OPERATION_PHASES: Phase[] = [
  // First: a call it reserves is given back at once when refused, before the other checks spend the budget.
  { name: 'exact statuses', checks: ['exact-status'], run: checkExactStatuses },
  { name: 'positive-data', checks: ['positive-data'], run: checkPositiveData },
  {
    name: 'auth',
    checks: [
      'auth-missing-token',
      'auth-malformed-header',
      'auth-unknown-token',
      'auth-readonly-write',
      'auth-readonly-read',
      'auth-cross-user',
    ],
    run: checkAuth,
  },
  { name: 'suspended account', checks: ['auth-suspended'], run: checkSuspended },
  {
    name: 'negative data',
    checks: ['negative-body', 'negative-path', 'negative-query'],
    run: checkNegativeData,
  },
  { name: 'unknown ids', checks: ['unknown-id'], run: checkUnknownIds },
  { name: 'undocumented methods', checks: ['undocumented-method'], run: checkUndocumentedMethods },
  { name: 'idempotent replays', checks: ['idempotency'], run: checkIdempotency },
  { name: 'created resources', checks: ['location', 'links'], run: checkCreatedResources },
  { name: 'pagination', checks: ['pagination'], run: checkPagination },
  { name: 'filters', checks: ['filters'], run: checkFilters },
  { name: 'rate-limit headers count down', checks: ['rate-limit-meaning'], run: checkRateLimitCountdown },
  { name: 'rate limit', checks: ['rate-limit'], run: checkRateLimit },
  { name: 'rate limit in parallel', checks: ['rate-limit-concurrency'], run: checkRateLimitConcurrency },
];

/** Runs each phase that has a check selected. */
export async function runOperationChecks(ctx: RunContext): Promise<void> {
  for (const phase of OPERATION_PHASES) {
    if (!phase.checks.some(ctx.enabled)) continue;
    ctx.progress(`${phase.name}…`);
    await phase.run(ctx);
  }
}
