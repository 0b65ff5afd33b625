import { describe, expect, it } from 'vitest';
import { type CallStep, nextSteps } from './call-progress.js';
import type { CallOutcome } from './magic-numbers.js';
import type { CallRecord } from './spaces.js';
import type { Call } from './types.js';

const SINCE = 1_000_000;

function record(status: Call['status'], outcome: CallOutcome, answeredAt: string | null = null): CallRecord {
  const call = { id: 'call_x', status, answeredAt, maxDurationSeconds: 600 } as Call;
  return { id: call.id, call, outcome, statusSince: SINCE };
}

const human: CallOutcome = { kind: 'answered', answeredBy: 'human' };
const answeredAt = new Date(SINCE).toISOString();

// [name, { given, want }]: what a call left alone does next, and when (ms after it entered its status).
const table: Array<[string, { given: CallRecord; now?: number; want: Array<[number, CallStep]> }]> = [
  ['queued rings after 1 s', { given: record('queued', human), want: [[1000, { kind: 'ring' }]] }],
  [
    'queued to a failing carrier fails after 1 s',
    {
      given: record('queued', { kind: 'failed' }),
      want: [[1000, { kind: 'end', status: 'failed', reason: 'carrier-error' }]],
    },
  ],
  [
    'ringing busy ends after 5 s',
    {
      given: record('ringing', { kind: 'busy' }),
      want: [[5000, { kind: 'end', status: 'busy', reason: 'busy' }]],
    },
  ],
  [
    'ringing unanswered ends after 20 s',
    {
      given: record('ringing', { kind: 'no-answer' }),
      want: [[20000, { kind: 'end', status: 'no-answer', reason: 'no-answer' }]],
    },
  ],
  ['ringing answered after 3 s', { given: record('ringing', human), want: [[3000, { kind: 'answer' }]] }],
  [
    'an imported ringing call to a failing carrier fails at once instead of ringing forever',
    {
      given: record('ringing', { kind: 'failed' }),
      want: [[0, { kind: 'end', status: 'failed', reason: 'carrier-error' }]],
    },
  ],
  [
    'in progress with a person: the callee speaks after 2 s, the call ends at its maximum',
    {
      given: record('in-progress', human, answeredAt),
      now: SINCE,
      want: [
        [600_000, { kind: 'end', status: 'completed', reason: 'max-duration' }],
        [2000, { kind: 'callee-speaks' }],
      ],
    },
  ],
  [
    'in progress, callee hangs up after 5 s; already past the first words',
    {
      given: record(
        'in-progress',
        { kind: 'answered', answeredBy: 'human', calleeHangsUpAfterMs: 5000 },
        answeredAt,
      ),
      now: SINCE + 3000,
      want: [
        [600_000, { kind: 'end', status: 'completed', reason: 'max-duration' }],
        [5000, { kind: 'end', status: 'completed', reason: 'callee-hangup' }],
      ],
    },
  ],
  [
    'in progress, exported the very moment the callee spoke: it does not speak again',
    {
      given: record('in-progress', human, answeredAt),
      now: SINCE + 2000,
      want: [[600_000, { kind: 'end', status: 'completed', reason: 'max-duration' }]],
    },
  ],
  [
    'in progress, answered by a machine: no callee line, only the maximum',
    {
      given: record('in-progress', { kind: 'answered', answeredBy: 'machine' }, answeredAt),
      now: SINCE,
      want: [[600_000, { kind: 'end', status: 'completed', reason: 'max-duration' }]],
    },
  ],
  [
    'in progress: the maximum and the first words count from answeredAt, not from a later statusSince',
    {
      given: { ...record('in-progress', human, new Date(SINCE - 1000).toISOString()) },
      now: SINCE - 1000,
      want: [
        [599_000, { kind: 'end', status: 'completed', reason: 'max-duration' }],
        [1000, { kind: 'callee-speaks' }],
      ],
    },
  ],
  ['ended calls do nothing', { given: record('completed', human, answeredAt), want: [] }],
];

describe('nextSteps', () => {
  for (const [name, { given, now, want }] of table) {
    it(name, () => {
      const steps = nextSteps(given, now ?? SINCE).map(({ at, step }) => [at - SINCE, step]);
      expect(steps).toEqual(want);
    });
  }
});
