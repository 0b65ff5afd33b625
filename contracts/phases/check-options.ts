import type { Spec } from '../../spec/spec.js';
import type { ContractOptions } from '../options.js';
import { CHECKS, type CheckName } from '../results.js';

/** The arguments name things the spec or the suite does not have. */
export class ContractUsageError extends Error {}

/** Checks that spend the quota or need the target to reach the runner, and the `--include` that asks for them. */
export const OPT_IN: Partial<Record<CheckName, ContractOptions['include'][number]>> = {
  'rate-limit': 'rate-limit',
  'rate-limit-concurrency': 'rate-limit',
  webhooks: 'webhooks',
};

/** What `--only`, `--checks` and `--include` select: the operations to judge and which checks run. */
export interface Selection {
  operationIds: Set<string>;
  enabled(check: CheckName): boolean;
}

/** Checks the options against the spec and the suite's checks; throws ContractUsageError when they name something unknown. */
export function checkOptions(spec: Spec, options: ContractOptions): Selection {
  const unknownOps = options.only.filter((id) => !spec.operations.has(id));
  if (unknownOps.length > 0)
    throw new ContractUsageError(`--only: no operation ${unknownOps.join(', ')} in the spec.`);
  const unknownChecks = options.checks.filter((c) => !(CHECKS as readonly string[]).includes(c));
  if (unknownChecks.length > 0)
    throw new ContractUsageError(
      `--checks: unknown ${unknownChecks.join(', ')}; known: ${CHECKS.join(', ')}.`,
    );
  const operationIds = new Set(
    [...spec.operations.keys()].filter((id) => options.only.length === 0 || options.only.includes(id)),
  );
  const enabled = (check: CheckName) =>
    (options.checks.length === 0 || options.checks.includes(check)) &&
    (OPT_IN[check] === undefined || options.include.includes(OPT_IN[check]));
  return { operationIds, enabled };
}
