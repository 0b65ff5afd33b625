import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Telephony } from '../mock/domain/telephony.js';
import { loadSpec } from '../spec/spec.js';
import { SpecValidators } from '../spec/validators.js';
import { webhookFixture } from './webhooks-receiver.js';

type Step = (telephony: Telephony, callId: string) => void;
const advance =
  (ms: number): Step =>
  (telephony) =>
    telephony.clock.advance(ms);
const hangUp: Step = (telephony, callId) => telephony.calls.hangUp('demo', callId);

interface Outcome {
  to: string;
  steps: Step[];
  want: { types: string[]; last: Record<string, unknown> };
}

// The magic numbers of mock/domain/magic-numbers.ts, each driven to its end on the manual clock.
const outcomes: Array<[string, Outcome]> = [
  [
    'busy',
    {
      to: '+15005550011',
      steps: [advance(6_000)],
      want: {
        types: ['call.ringing', 'call.busy'],
        last: { status: 'busy', endedReason: 'busy', answeredBy: null },
      },
    },
  ],
  [
    'no answer',
    {
      to: '+15005550012',
      steps: [advance(21_000)],
      want: {
        types: ['call.ringing', 'call.no-answer'],
        last: { status: 'no-answer', endedReason: 'no-answer' },
      },
    },
  ],
  [
    'carrier failure',
    {
      to: '+15005550013',
      steps: [advance(1_000)],
      want: { types: ['call.failed'], last: { status: 'failed', endedReason: 'carrier-error' } },
    },
  ],
  [
    'answering machine',
    {
      to: '+15005550014',
      steps: [advance(61_000 + 4_000)],
      want: {
        types: ['call.ringing', 'call.answered', 'call.completed'],
        last: {
          status: 'completed',
          answeredBy: 'machine',
          endedReason: 'max-duration',
          durationSeconds: 60,
        },
      },
    },
  ],
  [
    'callee hangs up',
    {
      to: '+15005550015',
      steps: [advance(10_000)],
      want: {
        types: ['call.ringing', 'call.answered', 'call.callee.spoke', 'call.completed'],
        last: { status: 'completed', answeredBy: 'human', endedReason: 'callee-hangup', durationSeconds: 5 },
      },
    },
  ],
  [
    'human, then the agent hangs up',
    {
      to: '+14155550123',
      steps: [advance(7_000), hangUp],
      want: {
        types: ['call.ringing', 'call.answered', 'call.callee.spoke', 'call.completed'],
        last: { status: 'completed', answeredBy: 'human', endedReason: 'agent-hangup', durationSeconds: 3 },
      },
    },
  ],
  [
    'hung up while ringing',
    {
      to: '+14155550123',
      steps: [advance(1_000), hangUp],
      want: {
        types: ['call.ringing', 'call.canceled'],
        last: { status: 'canceled', endedReason: 'canceled' },
      },
    },
  ],
];

let validators: SpecValidators;
let fx: Awaited<ReturnType<typeof webhookFixture>> | undefined;

beforeAll(async () => {
  validators = new SpecValidators(await loadSpec());
});

afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('call webhooks for each magic-number outcome', () => {
  it.each(outcomes)('%s', async (_name, { to, steps, want }) => {
    fx = await webhookFixture();
    const call = fx.dial(to);
    for (const step of steps) step(fx.telephony, call.id);
    await fx.dispatcher.settled();

    const hooks = fx.receiver.received;
    expect(hooks.map((h) => h.json.type)).toEqual(want.types);
    expect(hooks.map((h) => h.json.data.sequence)).toEqual(want.types.map((_, i) => i + 2));
    expect(hooks.every((h) => h.path === '/calls' && h.json.data.id === call.id)).toBe(true);
    expect(hooks.at(-1)?.json.data).toMatchObject(want.last);
    for (const hook of hooks) {
      expect(validators.validateWebhookPayload('callEventWebhook', hook.json), hook.json.type).toEqual([]);
      expect(hook.json.timestamp).toBe(hook.json.data.updatedAt);
    }
    expect(fx.dispatcher.list().every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('sends action results: response spoken, audio played, route failed and connected', async () => {
    fx = await webhookFixture();
    const { telephony } = fx;
    const call = fx.dial('+14155550123');
    telephony.clock.advance(4_000);
    telephony.calls.respond('demo', call.id, 'Your order ships today.');
    telephony.calls.injectAudio('demo', call.id, { url: 'https://example.com/hold.mp3' });
    telephony.calls.route('demo', call.id, { to: '+15005550021' });
    telephony.calls.route('demo', call.id, { to: '+14155550199' });
    await fx.dispatcher.settled();

    const hooks = fx.receiver.received;
    expect(hooks.map((h) => h.json.type)).toEqual([
      'call.ringing',
      'call.answered',
      'call.response.spoken',
      'call.audio.played',
      'call.route.failed',
      'call.route.connected',
      'call.completed',
    ]);
    expect(hooks.at(-1)?.json.data).toMatchObject({ endedReason: 'transferred' });
    for (const hook of hooks)
      expect(validators.validateWebhookPayload('callEventWebhook', hook.json), hook.json.type).toEqual([]);
  });

  it('catches a payload that breaks the spec (the check can fail)', () => {
    const errors = validators.validateWebhookPayload('callEventWebhook', {
      type: 'call.exploded',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: {},
    });
    expect(errors.length).toBeGreaterThan(0);
  });
});
