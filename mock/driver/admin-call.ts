import type { operations } from '../../spec/generated/admin-api.js';
import type { components } from '../../spec/generated/api.js';
import type { OperationInput, OperationResult } from '../pipeline/types.js';

/** An operation of the admin API (mock/admin-openapi.yaml), by operationId. */
export type AdminOperationId = keyof operations;

/** Who an admin operation that acts for a user acts for: one of the user's tokens, or the user's id. */
export type ActingUser = { token: string } | { userId: string };

/** An admin operation's input, typed from the generated `operations`: path, query and JSON body. */
export interface AdminCallInput<Id extends AdminOperationId> {
  params?: OperationInput<operations, Id>['params'];
  query?: OperationInput<operations, Id>['query'];
  body?: OperationInput<operations, Id>['body'];
  /** For the operations that act for a user (a remote call event, an inbound SMS). */
  as?: ActingUser | undefined;
}

/** What an admin operation answers when it succeeds (undefined for a 204). */
export type AdminAnswer<Id extends AdminOperationId> = OperationResult<operations, Id>['body'];

/**
 * One admin operation, called in the process (the handler itself) or over HTTP (fetch): the same
 * typed input and answer either way, and a refusal thrown as a {@link MockAdminError}.
 */
export type AdminCall = <Id extends AdminOperationId>(
  operationId: Id,
  input?: AdminCallInput<Id>,
) => Promise<AdminAnswer<Id>>;

type Problem = components['schemas']['Problem'];

/** The admin API refused an operation: the problem document it answered, as over HTTP. */
export class MockAdminError extends Error {
  readonly operationId: string;
  readonly status: number;
  readonly problem: Problem;

  constructor(operationId: string, problem: Problem) {
    super(`${operationId} answered ${problem.status}: ${problem.detail}`);
    this.name = 'MockAdminError';
    this.operationId = operationId;
    this.status = problem.status;
    this.problem = problem;
  }
}
