import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type Spec } from '../../spec/spec.js';
import type { Exchange } from '../exchange.js';
import { type ActionVerdict, type CallState, judgeAction } from './action-verdict.js';

const answer = (status: number, callStatus?: string): Exchange => ({
  method: 'POST',
  url: 'http://target/calls/call_1/respond',
  requestHeaders: {},
  status,
  responseHeaders: {},
  responseBody: '',
  ...(callStatus ? { json: { status: callStatus } } : {}),
});

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec();
});

// [name, state the call was seen in, status seen, answer, re-read already, what the verdict must hold]
const CASES: Array<
  [string, CallState, string, Exchange, boolean, Partial<ActionVerdict> & { fail?: RegExp }]
> = [
  [
    'ended, refused',
    'ended',
    'completed',
    answer(409),
    false,
    { lifecycle: { verdict: 'pass' }, accepted: false },
  ],
  [
    'ended, accepted',
    'ended',
    'completed',
    answer(200, 'completed'),
    false,
    { fail: /after the call ended \(completed\) got 200, not 409/ },
  ],
  [
    'ringing, refused',
    'before-answer',
    'ringing',
    answer(409),
    false,
    { lifecycle: { verdict: 'pass' }, accepted: false },
  ],
  [
    'ringing, accepted on a call answered meanwhile',
    'before-answer',
    'ringing',
    answer(202, 'in-progress'),
    false,
    { lifecycle: { verdict: 'pass' }, accepted: true, observe: true },
  ],
  [
    'ringing, accepted and ended by it (a transfer)',
    'before-answer',
    'ringing',
    answer(202, 'completed'),
    false,
    { accepted: true },
  ],
  [
    'ringing, accepted while still ringing',
    'before-answer',
    'ringing',
    answer(202, 'ringing'),
    false,
    { fail: /before answer \(ringing\) got 202, not 409/ },
  ],
  ['queued, 400', 'before-answer', 'queued', answer(400), false, { fail: /got 400, not 409/ }],
  [
    'live, accepted',
    'live',
    'in-progress',
    answer(202, 'in-progress'),
    false,
    { accepted: true, observe: true, positive: 'live call (in-progress)' },
  ],
  [
    'live, 409: read again first',
    'live',
    'in-progress',
    answer(409),
    false,
    { reread: true, accepted: false },
  ],
  [
    'live after the re-read, 409',
    'live',
    'in-progress',
    answer(409),
    true,
    { fail: /on a live call got 409/ },
  ],
  [
    'live, 500',
    'live',
    'in-progress',
    answer(500),
    false,
    { fail: /on a live call got 500/, positive: 'live call (in-progress)' },
  ],
];

describe('judgeAction: an action on a call, by the state it was seen in', () => {
  it.each(CASES)('%s', (_name, state, before, exchange, reread, want) => {
    const verdict = judgeAction(spec, 'respondToCall', state, before, exchange, reread);
    const { fail, ...rest } = want;
    expect(verdict).toMatchObject(rest);
    if (fail) {
      expect(verdict.lifecycle?.verdict).toBe('fail');
      expect(verdict.lifecycle && 'reason' in verdict.lifecycle ? verdict.lifecycle.reason : '').toMatch(
        fail,
      );
      expect(verdict.accepted).toBe(false);
    } else if (!verdict.reread && !verdict.positive) expect(verdict.lifecycle?.verdict).toBe('pass');
  });
});
