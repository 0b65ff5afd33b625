import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

// The magic-number table (docs/behaviour.md, mock/domain/magic-numbers.ts), row by row, through HTTP
// on the manual clock.
const refusals: Array<[string, { status: number; code: string }]> = [
  ['+15005550001', { status: 400, code: 'invalid_number' }],
  ['+15005550002', { status: 400, code: 'unroutable_number' }],
  ['+15005550003', { status: 403, code: 'destination_blocked' }],
];

const outcomes: Array<
  [string, { after: number; status: string; endedReason: string | null; answeredBy: string | null }]
> = [
  ['+15005550011', { after: 1 + 5, status: 'busy', endedReason: 'busy', answeredBy: null }],
  ['+15005550012', { after: 1 + 20, status: 'no-answer', endedReason: 'no-answer', answeredBy: null }],
  ['+15005550013', { after: 1, status: 'failed', endedReason: 'carrier-error', answeredBy: null }],
  ['+15005550014', { after: 1 + 3, status: 'in-progress', endedReason: null, answeredBy: 'machine' }],
  [
    '+15005550015',
    { after: 1 + 3 + 5, status: 'completed', endedReason: 'callee-hangup', answeredBy: 'human' },
  ],
  ['+14155550123', { after: 1 + 3, status: 'in-progress', endedReason: null, answeredBy: 'human' }],
  [
    'sip:desk@pbx.example.com',
    { after: 1 + 3, status: 'in-progress', endedReason: null, answeredBy: 'human' },
  ],
];

describeTransports('magic numbers', (start) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  describe('magic numbers over HTTP', () => {
    for (const [to, want] of refusals) {
      it(`${to} is refused with ${want.status} ${want.code} and creates nothing`, async () => {
        const agentId = await api.agent();
        const sent = await api.post('/calls', { to, agentId });
        expect([sent.status, sent.body.code]).toEqual([want.status, want.code]);
        expect((await api.get('/calls')).body.data).toEqual([]);
      });
    }

    for (const [to, want] of outcomes) {
      it(`${to} ends up ${want.status} after ${want.after} s`, async () => {
        const call = await api.call(to);
        expect(call.status).toBe('queued');
        await api.advance(want.after - 0.5);
        expect((await api.get(`/calls/${call.id}`)).body.status).not.toBe(want.status);
        await api.advance(0.5);
        const now = (await api.get(`/calls/${call.id}`)).body;
        expect({ status: now.status, endedReason: now.endedReason, answeredBy: now.answeredBy }).toEqual({
          status: want.status,
          endedReason: want.endedReason,
          answeredBy: want.answeredBy,
        });
      });
    }
  });
});
