import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpecOperation, SpecResponse } from '../../spec/spec.js';
import { FaultBoard, type FaultRequest } from '../stores/faults.js';
import { applyFault } from './apply-fault.js';
import { documentedResponse } from './documented-response.js';

// The generated FaultRequest marks the fields that have a default as required; a client may leave them out.
const armed = (fields: Partial<FaultRequest> & Pick<FaultRequest, 'operationId'>) => fields as FaultRequest;

const problemExample = {
  type: 'https://telemock.dev/problems/call_not_found',
  title: 'Not found',
  status: 404,
  detail: 'No call call_1.',
  code: 'call_not_found',
  requestId: 'req_example',
};

const responses: Record<string, SpecResponse> = {
  '200': {
    description: 'The call.',
    headers: {
      'X-RateLimit-Limit': { schema: { type: 'integer' }, example: 100 },
      'X-Request-Id': { schema: { type: 'string' } },
    },
    content: { 'application/json': { example: { id: 'call_1', status: 'queued' } } },
  },
  '201': {
    description: 'Created.',
    content: {
      'application/json': { examples: { first: { value: { id: 'call_2' } }, second: { value: {} } } },
    },
  },
  '202': {
    description: 'Accepted.',
    content: { 'application/json': { schema: { type: 'object', example: { id: 'call_3' } } } },
  },
  '204': { description: 'No content.' },
  '404': { description: 'Not found.', content: { 'application/problem+json': { example: problemExample } } },
  '500': { description: 'Failed.', content: { 'application/problem+json': { schema: { type: 'object' } } } },
};
const operation: SpecOperation = {
  operationId: 'getCall',
  method: 'GET',
  path: '/calls/{callId}',
  parameters: [],
  responses,
};

describe('documentedResponse', () => {
  it.each([
    [
      'an example',
      200,
      {
        contentType: 'application/json',
        example: { id: 'call_1', status: 'queued' },
        headerExamples: { 'X-RateLimit-Limit': '100' },
      },
    ],
    [
      'the first of named examples',
      201,
      { contentType: 'application/json', example: { id: 'call_2' }, headerExamples: {} },
    ],
    [
      'the schema’s example',
      202,
      { contentType: 'application/json', example: { id: 'call_3' }, headerExamples: {} },
    ],
    ['no content', 204, { contentType: undefined, example: undefined, headerExamples: {} }],
    [
      'content without an example',
      500,
      { contentType: 'application/problem+json', example: undefined, headerExamples: {} },
    ],
  ])('%s (%i)', (_name, status, want) => {
    expect(documentedResponse(operation, status)).toEqual(want);
  });

  it('an undocumented status has none', () => {
    expect(documentedResponse(operation, 418)).toBeUndefined();
  });

  it('hands out a copy: changing it leaves the spec as it was', () => {
    const doc = documentedResponse(operation, 200);
    (doc?.example as { id: string }).id = 'changed';
    expect(documentedResponse(operation, 200)?.example).toEqual({ id: 'call_1', status: 'queued' });
  });
});

describe('applyFault', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const ask = (prefer: string | undefined, board = new FaultBoard()) =>
    applyFault(board, operation, prefer, 'req_7', { 'X-Request-Id': 'req_7' });

  it('without Prefer or an armed fault, the request goes on', async () => {
    expect(await ask(undefined)).toBeUndefined();
    expect(await ask('return=minimal')).toBeUndefined();
  });

  it('Prefer: code answers the documented example, with this request’s headers winning', async () => {
    const r = await ask('code=200');
    expect(r).toEqual({
      status: 200,
      headers: { 'X-RateLimit-Limit': '100', 'X-Request-Id': 'req_7', 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'call_1', status: 'queued' }),
    });
  });

  it('a problem example gets this request’s id, so it stays traceable', async () => {
    const r = await ask('code=404');
    expect([r?.status, r?.headers['Content-Type'], JSON.parse(r?.body ?? '')]).toEqual([
      404,
      'application/problem+json',
      { ...problemExample, requestId: 'req_7' },
    ]);
  });

  it.each([
    ['a text', 'text/plain', 'OK'],
    ['a list', 'application/json', [{ requestId: 'req_example' }]],
  ])(
    'an example that is no problem document (%s) is answered as the spec has it',
    async (_name, type, example) => {
      const plain: SpecOperation = {
        ...operation,
        responses: { '200': { description: 'x', content: { [type]: { example } } } },
      };
      const r = await applyFault(new FaultBoard(), plain, 'code=200', 'req_7', {});
      expect([r?.status, r?.headers['Content-Type'], JSON.parse(r?.body ?? '')]).toEqual([
        200,
        type,
        example,
      ]);
    },
  );

  it('a documented status without a body answers without one', async () => {
    expect(await ask('code=204')).toEqual({ status: 204, headers: { 'X-Request-Id': 'req_7' } });
  });

  it('an undocumented status is a client error that lists the documented ones', async () => {
    const r = await ask('code=418');
    const body = JSON.parse(r?.body ?? '');
    expect([r?.status, body.code, body.requestId]).toEqual([400, 'prefer_not_documented', 'req_7']);
    expect(body.detail).toContain('200, 201, 202, 204, 404, 500');
  });

  it.each([
    [500, 'internal_error'],
    [503, 'service_unavailable'],
  ] as const)('an armed %i fault wins over Prefer: code', async (status, code) => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'getCall', status }));
    const r = await ask('code=200', board);
    expect([r?.status, JSON.parse(r?.body ?? '').code]).toEqual([status, code]);
    expect(await ask(undefined, board)).toBeUndefined();
  });

  it('an injected error says how many more are to come, and which is the last', async () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'getCall', count: 3 }));
    const details = [];
    for (let i = 0; i < 3; i++) details.push(JSON.parse((await ask(undefined, board))?.body ?? '').detail);
    expect(details.map((d) => /\((.*)\)\.$/.exec(d)?.[1])).toEqual([
      '2 more to come',
      '1 more to come',
      'the last one',
    ]);
  });

  it('a fault armed for another operation does not touch this one', async () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'createCall' }));
    expect(await ask(undefined, board)).toBeUndefined();
    expect(board.list()).toHaveLength(1);
  });

  it('Prefer: delay waits that long on the real clock, then goes on', async () => {
    vi.useFakeTimers();
    let settled = false;
    const pending = ask('delay=2000').then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toBeUndefined();
    expect(settled).toBe(true);
  });

  it('a timeout fault holds the request for its delay, then drops the connection', async () => {
    vi.useFakeTimers();
    const board = new FaultBoard();
    board.add(armed({ operationId: 'getCall', kind: 'timeout', delayMs: 5_000 }));
    let settled = false;
    const pending = ask(undefined, board).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({
      status: 504,
      headers: { 'X-Request-Id': 'req_7' },
      dropConnection: true,
    });
  });
});
