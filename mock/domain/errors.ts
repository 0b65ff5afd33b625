/** What kind of refusal a domain error is; the adapters map each kind to one HTTP status. */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict';

/**
 * A rule of the domain said no. `code` is the stable machine-readable reason that reaches the
 * client as the problem's `code`; `detail` is for humans.
 */
export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly field: string | undefined;

  constructor(kind: DomainErrorKind, code: string, detail: string, field?: string) {
    super(detail);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.field = field;
  }
}

export const notFound = (what: 'call' | 'agent' | 'persona' | 'text' | 'text_webhook', id: string) =>
  new DomainError('not_found', `${what}_not_found`, `No ${what.replace('_', ' ')} ${id}.`);
