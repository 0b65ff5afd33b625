import { DomainError } from '../../mock/domain/errors.js';

/** The DomainError a command throws; any other error is rethrown, and no error fails the test. */
export function domainErrorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** `kind:code` of the DomainError a command throws, or 'no error': what table-driven domain tests compare. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}:${error.code}`;
    throw error;
  }
  return 'no error';
}
