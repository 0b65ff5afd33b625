import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/domain-error-code.js';
import type { DomainEvent } from './events.js';
import { Telephony } from './telephony.js';
import { TIMINGS } from './timings.js';
import type { Call } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const HUMAN = '+14155550123';
const ANSWERED_AFTER = TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer;

function setup(agentMaxSeconds?: number) {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  const events: DomainEvent[] = [];
  telephony.onEvent((event) => events.push(event));
  const agent = telephony.agents.create(USER, {
    name: 'Front desk',
    ...(agentMaxSeconds ? { maxCallDurationSeconds: agentMaxSeconds } : {}),
  });
  const dial = (to = HUMAN, maxDurationSeconds?: number) =>
    telephony.calls.create(USER, '+15005550100', {
      to,
      agentId: agent.id,
      ...(maxDurationSeconds ? { maxDurationSeconds } : {}),
    }).id;
  const get = (id: string) => telephony.calls.get(USER, id);
  const typesOf = (id: string) =>
    events.flatMap((e) => (e.kind === 'call' && e.call.id === id ? [e.type] : []));
  return { telephony, events, dial, get, typesOf };
}

type Setup = ReturnType<typeof setup>;

// Each state a call can be in when an action reaches it, and how to get a call there.
const states: Record<string, (s: Setup) => string> = {
  queued: (s) => s.dial(),
  ringing: (s) => {
    const id = s.dial();
    s.telephony.clock.advance(TIMINGS.queuedToRinging);
    return id;
  },
  'in-progress': (s) => {
    const id = s.dial();
    s.telephony.clock.advance(ANSWERED_AFTER);
    return id;
  },
  'completed (hung up)': (s) => {
    const id = states['in-progress']?.(s) as string;
    s.telephony.calls.hangUp(USER, id);
    return id;
  },
  busy: (s) => {
    const id = s.dial('+15005550011');
    s.telephony.clock.advance(30_000);
    return id;
  },
  canceled: (s) => {
    const id = s.dial();
    s.telephony.calls.hangUp(USER, id);
    return id;
  },
};

const actions: Record<string, (s: Setup, id: string) => Call> = {
  'hang up': (s, id) => s.telephony.calls.hangUp(USER, id),
  respond: (s, id) => s.telephony.calls.respond(USER, id, 'Your order ships today.'),
  audio: (s, id) => s.telephony.calls.injectAudio(USER, id, { url: 'https://cdn.example.com/hold.mp3' }),
  route: (s, id) => s.telephony.calls.route(USER, id, { to: '+14155550188' }),
};

const NOT_ANSWERED = 'conflict:call_not_answered';
const ENDED = 'conflict:call_ended';

// [action, state, what the call looks like after, or the refusal]
const table: Array<[string, string, Partial<Call> | string]> = [
  ['hang up', 'queued', { status: 'canceled', endedReason: 'canceled', durationSeconds: null }],
  ['hang up', 'ringing', { status: 'canceled', endedReason: 'canceled', durationSeconds: null }],
  ['hang up', 'in-progress', { status: 'completed', endedReason: 'agent-hangup', durationSeconds: 0 }],
  ['hang up', 'completed (hung up)', ENDED],
  ['hang up', 'busy', ENDED],
  ['hang up', 'canceled', ENDED],
  ['respond', 'queued', NOT_ANSWERED],
  ['respond', 'ringing', NOT_ANSWERED],
  ['respond', 'in-progress', { status: 'in-progress' }],
  ['respond', 'completed (hung up)', ENDED],
  ['respond', 'busy', ENDED],
  ['audio', 'queued', NOT_ANSWERED],
  ['audio', 'ringing', NOT_ANSWERED],
  ['audio', 'in-progress', { status: 'in-progress' }],
  ['audio', 'completed (hung up)', ENDED],
  ['audio', 'canceled', ENDED],
  ['route', 'queued', NOT_ANSWERED],
  ['route', 'ringing', NOT_ANSWERED],
  ['route', 'in-progress', { status: 'completed', endedReason: 'transferred' }],
  ['route', 'completed (hung up)', ENDED],
  ['route', 'busy', ENDED],
];

describe('call actions × states', () => {
  it.each(table)('%s when %s', (action, state, want) => {
    const s = setup();
    const id = states[state]?.(s) as string;
    const before = structuredClone(s.get(id));
    const eventsBefore = s.events.length;
    if (typeof want === 'string') {
      expect(codeOf(() => actions[action]?.(s, id))).toBe(want);
      // A refusal changes nothing and says nothing.
      expect(s.get(id)).toEqual(before);
      expect(s.events.length).toBe(eventsBefore);
    } else {
      const after = actions[action]?.(s, id) as Call;
      expect(after).toMatchObject(want);
      expect(after.sequence).toBeGreaterThan(before.sequence);
      expect(s.get(id)).toEqual(after);
    }
  });

  it('respond adds to the transcript; audio records the playback', () => {
    const s = setup();
    const id = states['in-progress']?.(s) as string;
    const at = new Date(T0 + ANSWERED_AFTER).toISOString();
    s.telephony.calls.respond(USER, id, 'Your order ships today.');
    s.telephony.calls.injectAudio(USER, id, { url: 'https://cdn.example.com/hold.mp3' });
    s.telephony.calls.injectAudio(USER, id, { content: 'AAAAAA==', format: 'ulaw' });
    const call = s.get(id);
    expect(call.transcript.at(-1)).toEqual({ speaker: 'agent', text: 'Your order ships today.', at });
    expect(call.audio).toEqual([
      { source: 'url', url: 'https://cdn.example.com/hold.mp3', format: 'mp3', at },
      { source: 'inline', bytes: 4, format: 'ulaw', at },
    ]);
    expect(s.typesOf(id).slice(-3)).toEqual([
      'call.response.spoken',
      'call.audio.played',
      'call.audio.played',
    ]);
  });
});

describe('routing', () => {
  it.each([
    ['+15005550021', 'busy'],
    ['+15005550022', 'no-answer'],
  ] as const)('to %s fails (%s) and the call stays with the agent', (to, reason) => {
    const s = setup();
    const id = states['in-progress']?.(s) as string;
    const call = s.telephony.calls.route(USER, id, { to, announce: 'Transferring you now.' });
    expect(call.status).toBe('in-progress');
    expect(call.routes).toEqual([
      { to, status: 'failed', failureReason: reason, at: new Date(T0 + ANSWERED_AFTER).toISOString() },
    ]);
    expect(call.transcript.at(-1)).toMatchObject({ speaker: 'agent', text: 'Transferring you now.' });
    expect(s.typesOf(id).at(-1)).toBe('call.route.failed');
    // The call still works: the agent can talk and then transfer elsewhere.
    s.telephony.calls.respond(USER, id, 'Let me try another line.');
    const routed = s.telephony.calls.route(USER, id, { to: 'sip:desk@example.com' });
    expect(routed).toMatchObject({ status: 'completed', endedReason: 'transferred' });
    expect(routed.routes.map((r) => r.status)).toEqual(['failed', 'connected']);
    expect(s.typesOf(id).slice(-2)).toEqual(['call.route.connected', 'call.completed']);
  });
});

describe('endings', () => {
  it.each([
    ['the agent maximum', { agentMax: 10, callMax: undefined, endsAfter: 10 }],
    ['the call maximum, over the agent one', { agentMax: 600, callMax: 20, endsAfter: 20 }],
  ] as const)('max duration (%s) ends a call in progress', (_name, { agentMax, callMax, endsAfter }) => {
    const s = setup(agentMax);
    const id = s.dial(HUMAN, callMax);
    s.telephony.clock.advance(ANSWERED_AFTER + endsAfter * 1000 - 1);
    expect(s.get(id).status).toBe('in-progress');
    s.telephony.clock.advance(1);
    expect(s.get(id)).toMatchObject({
      status: 'completed',
      endedReason: 'max-duration',
      durationSeconds: endsAfter,
    });
  });

  it('a machine-answered call runs until the default maximum (600 s)', () => {
    const s = setup();
    const id = s.dial('+15005550014');
    s.telephony.clock.advance(ANSWERED_AFTER + 600_000);
    expect(s.get(id)).toMatchObject({ endedReason: 'max-duration', durationSeconds: 600 });
  });

  it.each([
    ['ringing', { to: HUMAN, hangUpAt: TIMINGS.queuedToRinging }],
    ['in progress, before the callee speaks', { to: HUMAN, hangUpAt: ANSWERED_AFTER }],
    ['in progress, on the callee-hangup number', { to: '+15005550015', hangUpAt: ANSWERED_AFTER + 1_000 }],
  ])('hanging up (%s) cancels every pending timer', (_name, { to, hangUpAt }) => {
    const s = setup();
    const id = s.dial(to);
    s.telephony.clock.advance(hangUpAt);
    const ended = structuredClone(s.telephony.calls.hangUp(USER, id));
    expect(s.telephony.clock.pending).toBe(0);
    const eventCount = s.events.length;
    s.telephony.clock.advance(24 * 3600_000);
    expect(s.get(id)).toEqual(ended);
    expect(s.events.length).toBe(eventCount);
    expect(s.telephony.clock.pending).toBe(0);
  });

  it('a remote callee hang-up ends the call; callee speech is recorded', () => {
    const s = setup();
    const id = states['in-progress']?.(s) as string;
    s.telephony.calls.calleeSays(USER, id, 'Thanks, bye.');
    const call = s.telephony.calls.calleeHangsUp(USER, id);
    expect(call).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
    expect(call.transcript.at(-1)).toMatchObject({ speaker: 'callee', text: 'Thanks, bye.' });
  });
});

describe('stored compactly, the Call built on read', () => {
  it('every read is a copy: changing what create, get, find, list or an event gave changes nothing stored', () => {
    const s = setup();
    const id = s.dial();
    s.telephony.clock.advance(ANSWERED_AFTER);
    const want = structuredClone(s.get(id));
    const last = s.events.at(-1);
    const given = [
      s.get(id),
      s.telephony.calls.find(USER, id),
      s.telephony.calls.list(USER, {}).data[0],
      last?.kind === 'call' ? last.call : undefined,
    ];
    for (const call of given) {
      if (!call || !('transcript' in call)) throw new Error('no call read');
      call.status = 'failed';
      call.transcript.push({ speaker: 'callee', text: 'not said', at: call.createdAt });
      call.metadata.changed = 'yes';
    }
    expect(s.get(id)).toStrictEqual(want);
    expect(s.telephony.calls.find(USER, 'call_unknown')).toBeUndefined();
  });

  it('an event’s call is the call as that change left it', () => {
    const s = setup();
    const id = s.dial();
    s.telephony.clock.advance(ANSWERED_AFTER);
    s.telephony.calls.hangUp(USER, id);
    const seen = s.events.flatMap((e) =>
      e.kind === 'call' ? [[e.type, e.call.status, e.call.sequence]] : [],
    );
    expect(seen).toEqual([
      ['call.ringing', 'ringing', 2],
      ['call.answered', 'in-progress', 3],
      ['call.completed', 'completed', 4],
    ]);
    expect(s.events.map((e) => e.at)).toEqual([
      '2026-01-01T00:00:01.000Z',
      '2026-01-01T00:00:04.000Z',
      '2026-01-01T00:00:04.000Z',
    ]);
  });

  it('keeps when the call started ringing, for the inspector', () => {
    const s = setup();
    const id = s.dial();
    expect(s.telephony.calls.ringingAt(USER, id)).toBeUndefined();
    s.telephony.clock.advance(ANSWERED_AFTER);
    expect(s.telephony.calls.ringingAt(USER, id)).toBe(T0 + TIMINGS.queuedToRinging);
    expect(s.telephony.calls.ringingAt(USER, 'call_unknown')).toBeUndefined();
  });

  it('an empty webhook URL or metadata is shown as the spec says: absent, and {}', () => {
    const s = setup();
    const agentId = s.telephony.agents.list(USER, {}).data[0]?.id ?? '';
    const call = s.telephony.calls.create(USER, '+15005550100', {
      to: HUMAN,
      agentId,
      webhookUrl: '',
      metadata: {},
    });
    expect('webhookUrl' in call).toBe(false);
    expect(call.metadata).toEqual({});
    const tagged = s.telephony.calls.create(USER, '+15005550100', {
      to: HUMAN,
      agentId,
      webhookUrl: 'https://app.example.com/hook',
      metadata: { orderId: '1' },
      from: '+15005550199',
    });
    expect(s.get(tagged.id)).toMatchObject({
      webhookUrl: 'https://app.example.com/hook',
      metadata: { orderId: '1' },
      from: '+15005550199',
    });
  });

  it('a step that throws ends the call failed, once, and frees its place', () => {
    const s = setup();
    const id = s.dial();
    s.telephony.agents.find = () => {
      throw new Error('greeting lost');
    };
    s.telephony.clock.advance(ANSWERED_AFTER);
    expect(s.get(id)).toMatchObject({ status: 'failed', endedReason: 'carrier-error' });
    expect(s.telephony.clock.pending).toBe(0);
    expect(s.telephony.clock.failures.latest[0]?.what).toBe(`call ${id} (user ${USER})`);
    expect(s.typesOf(id)).toEqual(['call.ringing', 'call.failed']);
  });

  it('resume stores an exported call in place of its namesake: a live one moves on, an ended one is kept', () => {
    const s = setup();
    const live = s.dial();
    const ended = s.dial();
    s.telephony.calls.hangUp(USER, ended);
    const exported = [...s.telephony.calls.all(USER)];
    const other = setup();
    for (const call of exported) other.telephony.calls.resume(USER, call);
    expect(other.telephony.calls.list(USER, {}).data.map((c) => c.id)).toEqual([ended, live]);
    other.telephony.calls.resume(USER, exported[0] as (typeof exported)[number]);
    expect(other.telephony.calls.list(USER, {}).data).toHaveLength(2);
    expect(other.telephony.clock.pending).toBe(1);
    other.telephony.clock.advance(TIMINGS.queuedToRinging);
    expect(other.get(live).status).toBe('ringing');
    expect(other.get(ended)).toStrictEqual(s.get(ended));
  });
});
