import { DomainError } from '../../mock/domain/errors.js';

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
