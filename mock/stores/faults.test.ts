import { describe, expect, it } from 'vitest';
import { FaultBoard, type FaultRequest, type Preference, parsePrefer } from './faults.js';

// The generated FaultRequest marks the fields that have a default as required; a client may leave them out.
const armed = (fields: Partial<FaultRequest> & Pick<FaultRequest, 'operationId'>) => fields as FaultRequest;

describe('parsePrefer', () => {
  const cases: Array<[string | undefined, Preference]> = [
    [undefined, {}],
    ['', {}],
    ['code=500', { code: 500 }],
    ['delay=2000', { delayMs: 2000 }],
    ['code=503, delay=100', { code: 503, delayMs: 100 }],
    ['code=404; delay=10', { code: 404, delayMs: 10 }],
    ['  CODE = 429 ', { code: 429 }],
    ['Delay=5', { delayMs: 5 }],
    ['delay=0', { delayMs: 0 }],
    ['delay=999999', { delayMs: 60_000 }],
    ['delay=60000', { delayMs: 60_000 }],
    ['delay=60001', { delayMs: 60_000 }],
    ['code=100', { code: 100 }],
    ['code=599', { code: 599 }],
    ['code=99', {}],
    ['code=600', {}],
    ['code=abc', {}],
    ['code=500.5', {}],
    ['code=-500', {}],
    ['delay=-1', {}],
    ['delay=1.5', {}],
    ['code', {}],
    ['return=minimal', {}],
    ['respond-async, code=202', { code: 202 }],
    ['code=500, code=503', { code: 503 }],
    ['example=a=b, code=500', { code: 500 }],
  ];
  it.each(cases)('%j → %j', (header, want) => {
    expect(parsePrefer(header)).toEqual(want);
  });
});

describe('FaultBoard', () => {
  it('a fault takes the documented defaults: one 500 error, 30 s hold for a timeout', () => {
    const board = new FaultBoard();
    expect(board.add(armed({ operationId: 'getCall' }))).toEqual({
      id: 'flt_1',
      operationId: 'getCall',
      kind: 'error',
      status: 500,
      remaining: 1,
      delayMs: 30_000,
    });
    expect(
      board.add(armed({ operationId: 'getCall', kind: 'timeout', status: 503, count: 2, delayMs: 5 })),
    ).toEqual({
      id: 'flt_2',
      operationId: 'getCall',
      kind: 'timeout',
      status: 503,
      remaining: 2,
      delayMs: 5,
    });
  });

  it('"fail twice, then succeed": the next `count` requests to the operation fail, then none', () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'createCall', count: 2 }));
    const taken = [1, 2, 3].map(() => board.take('createCall')?.remaining);
    expect(taken).toEqual([1, 0, undefined]);
    expect(board.list()).toEqual([]);
  });

  it('only the operation it was armed for fails', () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'createCall' }));
    expect(board.take('getCall')).toBeUndefined();
    expect(board.list().map((f) => f.remaining)).toEqual([1]);
    expect(board.take('createCall')?.operationId).toBe('createCall');
  });

  it('faults for one operation are used in the order they were armed', () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'getCall', status: 503 }));
    board.add(armed({ operationId: 'sendText' }));
    board.add(armed({ operationId: 'getCall', status: 500 }));
    expect([board.take('getCall')?.status, board.take('getCall')?.status, board.take('getCall')]).toEqual([
      503,
      500,
      undefined,
    ]);
    expect(board.list().map((f) => f.operationId)).toEqual(['sendText']);
  });

  it('what take() and list() return are copies: changing them arms nothing', () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'getCall', count: 3 }));
    const taken = board.take('getCall');
    if (taken) taken.remaining = 100;
    const [listed] = board.list();
    if (listed) listed.remaining = 100;
    expect(board.list()[0]?.remaining).toBe(2);
  });

  it('clear() disarms everything; ids keep counting', () => {
    const board = new FaultBoard();
    board.add(armed({ operationId: 'getCall' }));
    board.clear();
    expect(board.take('getCall')).toBeUndefined();
    expect(board.list()).toEqual([]);
    expect(board.add(armed({ operationId: 'getCall' })).id).toBe('flt_2');
  });
});
