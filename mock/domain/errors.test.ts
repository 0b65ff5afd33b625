import { describe, expect, it } from 'vitest';
import { DomainError, notFound } from './errors.js';

describe('DomainError', () => {
  it('is an Error that carries its kind, code and field', () => {
    const error = new DomainError('invalid', 'invalid_number', 'The number is not valid.', '/body/to');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.kind, error.code, error.field, error.message]).toEqual([
      'DomainError',
      'invalid',
      'invalid_number',
      '/body/to',
      'The number is not valid.',
    ]);
    expect(new DomainError('conflict', 'call_ended', 'Ended.').field).toBeUndefined();
  });
});

describe('notFound', () => {
  it.each([
    ['call', 'call_1', 'call_not_found', 'call'],
    ['agent', 'agt_1', 'agent_not_found', 'agent'],
    ['persona', 'for agent agt_1', 'persona_not_found', 'persona'],
    ['text', 'txt_1', 'text_not_found', 'text'],
    ['text_webhook', 'for this account', 'text_webhook_not_found', 'text webhook'],
  ] as const)(
    'a missing %s is not_found with its own code, and the detail names what and which',
    (what, id, code, words) => {
      const error = notFound(what, id);
      expect([error.kind, error.code, error.field]).toEqual(['not_found', code, undefined]);
      expect(error.message).toContain(words);
      expect(error.message).toContain(id);
    },
  );
});
