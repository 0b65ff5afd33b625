import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { runHandler } from './run-handler.js';
import type { ValidatedInput } from './types.js';

const input: ValidatedInput = {
  operationId: 'getCall',
  params: {},
  query: {},
  body: undefined,
  headers: {},
  principal: undefined,
};
const REQUEST = 'req_000000000000000a';

describe('runHandler', () => {
  it('gives the result of a handler that answers, sync or async', async () => {
    expect(await runHandler(() => ({ status: 204 }), input, REQUEST)).toEqual({
      ok: true,
      result: { status: 204 },
    });
    expect(await runHandler(async () => ({ status: 200, body: { a: 1 } }), input, REQUEST)).toEqual({
      ok: true,
      result: { status: 200, body: { a: 1 } },
    });
  });

  it.each([
    ['invalid', 400, '/body/to'],
    ['forbidden', 403, undefined],
    ['not_found', 404, undefined],
    ['conflict', 409, undefined],
  ] as const)(
    'turns a %s DomainError into a %i problem with its code, detail and field',
    async (kind, status, field) => {
      const refusal = new DomainError(kind, 'call_ended', 'Call call_1 has ended.', field);
      const outcome = await runHandler(
        () => {
          throw refusal;
        },
        input,
        REQUEST,
      );
      expect(outcome).toMatchObject({
        ok: false,
        problem: { status, code: 'call_ended', detail: 'Call call_1 has ended.', requestId: REQUEST },
      });
      if (field && !outcome.ok)
        expect(outcome.problem.errors).toEqual([expect.objectContaining({ path: field })]);
    },
  );

  it('turns anything else into a 500 that blames telemock, and logs it with the operation', async () => {
    const error = new TypeError('x is undefined');
    const logger = { error: vi.fn() };
    const outcome = await runHandler(
      async () => {
        throw error;
      },
      input,
      REQUEST,
      logger as never,
    );
    expect(outcome).toMatchObject({
      ok: false,
      problem: { status: 500, code: 'internal_error', detail: 'The mock failed; this is a bug in telemock.' },
    });
    expect(logger.error).toHaveBeenCalledWith(
      { err: error, operationId: 'getCall', requestId: REQUEST },
      'handler failed',
    );
  });
});
