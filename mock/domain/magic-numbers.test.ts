import { describe, expect, it } from 'vitest';
import { domainErrorOf } from '../../test/support/domain-error-code.js';
import type { DomainEvent } from './events.js';
import { DIAL_OUTCOMES } from './magic-numbers.js';
import { Telephony } from './telephony.js';
import { TIMINGS } from './timings.js';
import type { Call } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const ACCOUNT_NUMBER = '+15005550100';

function dialler() {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  const events: Extract<DomainEvent, { kind: 'call' }>[] = [];
  telephony.onEvent((event) => {
    if (event.kind === 'call') events.push(event);
  });
  const agent = telephony.agents.create(USER, { name: 'Front desk', greeting: 'Hello from the desk.' });
  const dial = (to: string) => telephony.calls.create(USER, ACCOUNT_NUMBER, { to, agentId: agent.id });
  // [event type, ms after the call was created] — what a webhook receiver would see, in order.
  const timeline = (callId: string) =>
    events.filter((e) => e.call.id === callId).map((e) => [e.type, Date.parse(e.at) - T0] as const);
  return { telephony, events, agent, dial, timeline };
}

describe('refused numbers create nothing', () => {
  it.each([
    ['+15005550001', { kind: 'invalid', code: 'invalid_number' }],
    ['+15005550002', { kind: 'invalid', code: 'unroutable_number' }],
    ['+15005550003', { kind: 'forbidden', code: 'destination_blocked' }],
  ] as const)('%s → %o', (to, want) => {
    const { telephony, events, dial } = dialler();
    const pendingBefore = telephony.clock.pending;
    const error = domainErrorOf(() => dial(to));
    expect({ kind: error.kind, code: error.code, field: error.field }).toEqual({
      ...want,
      field: '/body/to',
    });
    expect(telephony.calls.list(USER, {}).data).toEqual([]);
    expect(telephony.clock.pending).toBe(pendingBefore);
    telephony.clock.advance(60_000);
    expect(events).toEqual([]);
  });
});

const ring = TIMINGS.queuedToRinging;
const answer = ring + TIMINGS.ringingToAnswer;
const speaks = answer + TIMINGS.calleeSpeaksAfterAnswer;

// Each dialled outcome, watched for 30 s of mock time.
const outcomes: Array<
  [string, { to: string; timeline: Array<readonly [string, number]>; final: Partial<Call> }]
> = [
  [
    'busy',
    {
      to: '+15005550011',
      timeline: [
        ['call.ringing', ring],
        ['call.busy', ring + TIMINGS.ringingToBusy],
      ],
      final: {
        status: 'busy',
        endedReason: 'busy',
        answeredBy: null,
        durationSeconds: null,
        answeredAt: null,
      },
    },
  ],
  [
    'no-answer',
    {
      to: '+15005550012',
      timeline: [
        ['call.ringing', ring],
        ['call.no-answer', ring + TIMINGS.ringingToNoAnswer],
      ],
      final: { status: 'no-answer', endedReason: 'no-answer', answeredBy: null, durationSeconds: null },
    },
  ],
  [
    'failed (carrier error, never rings)',
    {
      to: '+15005550013',
      timeline: [['call.failed', TIMINGS.queuedToFailed]],
      final: { status: 'failed', endedReason: 'carrier-error', answeredBy: null, durationSeconds: null },
    },
  ],
  [
    'machine',
    {
      to: '+15005550014',
      timeline: [
        ['call.ringing', ring],
        ['call.answered', answer],
      ],
      final: { status: 'in-progress', endedReason: null, answeredBy: 'machine', durationSeconds: null },
    },
  ],
  [
    'callee hangs up after 5 s',
    {
      to: '+15005550015',
      timeline: [
        ['call.ringing', ring],
        ['call.answered', answer],
        ['call.callee.spoke', speaks],
        ['call.completed', answer + 5_000],
      ],
      final: { status: 'completed', endedReason: 'callee-hangup', answeredBy: 'human', durationSeconds: 5 },
    },
  ],
  [
    'any other number: a human',
    {
      to: '+14155550123',
      timeline: [
        ['call.ringing', ring],
        ['call.answered', answer],
        ['call.callee.spoke', speaks],
      ],
      final: { status: 'in-progress', endedReason: null, answeredBy: 'human', durationSeconds: null },
    },
  ],
  [
    'a sip: URI: a human',
    {
      to: 'sip:alice@example.com',
      timeline: [
        ['call.ringing', ring],
        ['call.answered', answer],
        ['call.callee.spoke', speaks],
      ],
      final: { status: 'in-progress', endedReason: null, answeredBy: 'human' },
    },
  ],
];

describe('dialled outcomes', () => {
  it('uses the documented timings', () => {
    expect(TIMINGS).toMatchObject({
      queuedToRinging: 1_000,
      ringingToAnswer: 3_000,
      ringingToBusy: 5_000,
      ringingToNoAnswer: 20_000,
      voiceCloning: 10_000,
      textQueuedToSent: 1_000,
      textSentToDelivered: 2_000,
    });
  });

  it('covers every row of the magic-number table', () => {
    const tested = new Set([
      ...outcomes.map(([, { to }]) => to),
      '+15005550001',
      '+15005550002',
      '+15005550003',
    ]);
    for (const number of Object.keys(DIAL_OUTCOMES)) expect(tested).toContain(number);
  });

  it.each(outcomes)('%s', (_name, { to, timeline, final }) => {
    const { telephony, events, dial, timeline: timelineOf } = dialler();
    const created = dial(to);
    expect(created).toMatchObject({ status: 'queued', sequence: 1, to, from: ACCOUNT_NUMBER });
    telephony.clock.advance(30_000);
    const call = telephony.calls.get(USER, created.id);
    expect(timelineOf(created.id)).toEqual(timeline);
    expect(call).toMatchObject(final);
    // Every change bumps the sequence by one, and the last event carries the call as it is now.
    const sequences = events.map((e) => e.call.sequence);
    expect(sequences).toEqual(timeline.map((_, i) => i + 2));
    expect(call.sequence).toBe(timeline.length + 1);
    expect(events.at(-1)?.call).toEqual(call);
  });

  it.each(['+15005550011', '+15005550012', '+15005550013', '+15005550015'])(
    'once %s has ended, its call never changes again',
    (to) => {
      const { telephony, events, dial } = dialler();
      const { id } = dial(to);
      telephony.clock.advance(30_000);
      const ended = structuredClone(telephony.calls.get(USER, id));
      const eventCount = events.length;
      telephony.clock.advance(24 * 3600_000);
      expect(telephony.calls.get(USER, id)).toEqual(ended);
      expect(events.length).toBe(eventCount);
    },
  );

  it('walks queued → ringing → in-progress one step at a time', () => {
    const { telephony, dial } = dialler();
    const { id } = dial('+14155550123');
    const statusAfter = (ms: number) => {
      telephony.clock.advance(ms);
      return telephony.calls.get(USER, id).status;
    };
    expect([statusAfter(999), statusAfter(1), statusAfter(2_999), statusAfter(1)]).toEqual([
      'queued',
      'ringing',
      'ringing',
      'in-progress',
    ]);
  });

  it('greets a human with the agent and a machine with voicemail', () => {
    const { telephony, dial } = dialler();
    const human = dial('+14155550123');
    const machine = dial('+15005550014');
    telephony.clock.advance(answer);
    expect(telephony.calls.get(USER, human.id).transcript).toEqual([
      { speaker: 'agent', text: 'Hello from the desk.', at: new Date(T0 + answer).toISOString() },
    ]);
    expect(telephony.calls.get(USER, machine.id).transcript).toEqual([
      expect.objectContaining({ speaker: 'callee', text: expect.stringMatching(/voicemail/) }),
    ]);
  });

  it('times an ending from the answer: answeredAt, endedAt, durationSeconds', () => {
    const { telephony, dial } = dialler();
    const { id } = dial('+15005550015');
    telephony.clock.advance(60_000);
    expect(telephony.calls.get(USER, id)).toMatchObject({
      answeredAt: new Date(T0 + answer).toISOString(),
      endedAt: new Date(T0 + answer + 5_000).toISOString(),
      durationSeconds: 5,
    });
  });
});
