import { describe, expect, it } from 'vitest';
import { codeOf, domainErrorOf } from '../../test/support/domain-error-code.js';
import { AgentBook } from './agents.js';
import { CallBook } from './calls.js';
import { Clock } from './clock.js';
import { SeededFaker } from './ids.js';
import { Spaces } from './spaces.js';
import { type StateSnapshot, Telephony } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const HUMAN = '+14155550123';
const ANSWERED_AFTER = TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer;

const SAMPLES = ['https://cdn.example.com/voices/a.wav', 'https://cdn.example.com/voices/b.wav'];

/**
 * A mock with two users: demo has an agent with a persona, a call in progress, an ended one and
 * two received texts; other has an agent with a cloned voice (two samples, still processing).
 */
function exported() {
  const telephony = new Telephony({ timeScale: 'manual', seed: 3, startTime: T0 });
  const agent = telephony.agents.create('demo', { name: 'Desk' });
  telephony.agents.upsertPersona('demo', agent.id, { instructions: 'Be brief.' });
  telephony.agents.create('other', { name: 'Other desk', voice: { type: 'clone', sampleUrls: SAMPLES } });
  for (const body of ['one', 'two']) telephony.texts.receive('demo', '+15005550100', { from: HUMAN, body });
  const talking = telephony.calls.create('demo', '+15005550100', { to: HUMAN, agentId: agent.id }).id;
  const ended = telephony.calls.create('demo', '+15005550100', { to: HUMAN, agentId: agent.id }).id;
  telephony.clock.advance(ANSWERED_AFTER);
  telephony.calls.hangUp('demo', ended);
  return { telephony, snapshot: telephony.snapshot(), talking, ended };
}

type Snapshot = StateSnapshot;
type UserData = Snapshot['users'][string];
const userOf = (s: Snapshot, user: string) => s.users[user] as UserData;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
// The export's call, to spoil in place (the spec marks its fields read-only).
const callAt = (s: Snapshot, user: string, i: number) =>
  (userOf(s, user).calls[i] as UserData['calls'][number]).call as Mutable<UserData['calls'][number]['call']>;

type AgentEntry = Mutable<UserData['agents'][number]>;
const agentAt = (s: Snapshot, user: string, i: number) => userOf(s, user).agents[i] as AgentEntry;
const personaOf = (s: Snapshot, user: string, i: number) =>
  agentAt(s, user, i).persona as Mutable<NonNullable<AgentEntry['persona']>>;
const textAt = (s: Snapshot, user: string, i: number) =>
  userOf(s, user).texts[i] as Mutable<UserData['texts'][number]>;
const iso = (ms: number) => new Date(ms).toISOString();

// [name, how to spoil an export, the field the 400 names, what the reason names besides]
const spoiled: Array<[string, (s: Snapshot) => void, string, ...string[]]> = [
  [
    'the same call id twice in one user',
    (s) => {
      callAt(s, 'demo', 1).id = callAt(s, 'demo', 0).id;
    },
    '/body/users/demo/calls/1/call/id',
    // Where the id was used first, so the user finds both.
    '/users/demo/calls/0/call/id',
  ],
  [
    'the same call id in two users',
    (s) => {
      const other = s.users.other as Snapshot['users'][string];
      const copy = structuredClone(s.users.demo?.calls[0]) as Snapshot['users'][string]['calls'][number];
      copy.call.agentId = other.agents[0]?.agent.id as string;
      other.calls.push(copy);
    },
    '/body/users/other/calls/0/call/id',
  ],
  [
    'the same agent id in two users',
    (s) => {
      (userOf(s, 'other').agents[0] as UserData['agents'][number]).agent.id = userOf(s, 'demo').agents[0]
        ?.agent.id as string;
    },
    '/body/users/other/agents/0/agent/id',
  ],
  [
    'a call whose agent is missing',
    (s) => {
      callAt(s, 'demo', 0).agentId = 'agt_0000000000000000';
    },
    '/body/users/demo/calls/0/call/agentId',
    'agt_0000000000000000',
  ],
  [
    'a call with another user’s agent',
    (s) => {
      callAt(s, 'demo', 0).agentId = s.users.other?.agents[0]?.agent.id as string;
    },
    '/body/users/demo/calls/0/call/agentId',
  ],
  [
    'in progress but never answered',
    (s) => {
      Object.assign(callAt(s, 'demo', 0), { answeredAt: null, answeredBy: null });
    },
    '/body/users/demo/calls/0/call/answeredAt',
  ],
  [
    'answeredBy without answeredAt',
    (s) => {
      callAt(s, 'demo', 0).answeredAt = null;
    },
    '/body/users/demo/calls/0/call/answeredBy',
  ],
  [
    'a live call with an endedReason',
    (s) => {
      callAt(s, 'demo', 0).endedReason = 'busy';
    },
    '/body/users/demo/calls/0/call/endedReason',
  ],
  [
    'completed for the reason busy',
    (s) => {
      callAt(s, 'demo', 1).endedReason = 'busy';
    },
    '/body/users/demo/calls/1/call/endedReason',
  ],
  [
    'ended without endedAt',
    (s) => {
      callAt(s, 'demo', 1).endedAt = null;
    },
    '/body/users/demo/calls/1/call/endedAt',
  ],
  [
    'ended before it was answered',
    (s) => {
      callAt(s, 'demo', 1).endedAt = new Date(T0 - 1000).toISOString();
    },
    '/body/users/demo/calls/1/call/endedAt',
  ],
  [
    'updated before it was created',
    (s) => {
      callAt(s, 'demo', 0).updatedAt = new Date(T0 - 1).toISOString();
    },
    '/body/users/demo/calls/0/call/updatedAt',
  ],
  [
    'a duration on a live call',
    (s) => {
      callAt(s, 'demo', 0).durationSeconds = 3;
    },
    '/body/users/demo/calls/0/call/durationSeconds',
  ],
  [
    'answered though the outcome says busy',
    (s) => {
      (s.users.demo?.calls[0] as { outcome: unknown }).outcome = { kind: 'busy' };
    },
    '/body/users/demo/calls/0/outcome/kind',
  ],
  [
    'answered by a human, outcome says machine',
    (s) => {
      (s.users.demo?.calls[0] as { outcome: unknown }).outcome = { kind: 'answered', answeredBy: 'machine' };
    },
    '/body/users/demo/calls/0/outcome/answeredBy',
  ],
  [
    'ringing though it was answered',
    (s) => {
      callAt(s, 'demo', 0).status = 'ringing';
    },
    '/body/users/demo/calls/0/call/answeredAt',
    'ringing',
  ],
  [
    'answered before it was created',
    (s) => {
      callAt(s, 'demo', 0).answeredAt = iso(T0 - 1);
    },
    '/body/users/demo/calls/0/call/answeredAt',
  ],
  [
    'canceled (never answered) and ended before it was created',
    (s) => {
      Object.assign(callAt(s, 'demo', 1), {
        status: 'canceled',
        endedReason: 'canceled',
        answeredAt: null,
        answeredBy: null,
        durationSeconds: null,
        endedAt: iso(T0 - 1),
      });
    },
    '/body/users/demo/calls/1/call/endedAt',
  ],
  [
    'the same text id twice',
    (s) => {
      textAt(s, 'demo', 1).id = textAt(s, 'demo', 0).id;
    },
    '/body/users/demo/texts/1/id',
    '/users/demo/texts/0/id',
  ],
  [
    'a text with a call’s id',
    (s) => {
      textAt(s, 'demo', 0).id = callAt(s, 'demo', 0).id;
    },
    '/body/users/demo/texts/0/id',
  ],
  [
    'a persona with its agent’s id',
    (s) => {
      personaOf(s, 'demo', 0).id = agentAt(s, 'demo', 0).agent.id;
    },
    '/body/users/demo/agents/0/persona/id',
  ],
  [
    'a persona of another agent',
    (s) => {
      personaOf(s, 'demo', 0).agentId = agentAt(s, 'other', 0).agent.id;
    },
    '/body/users/demo/agents/0/persona/agentId',
  ],
  [
    'hasPersona false beside a persona',
    (s) => {
      (agentAt(s, 'demo', 0).agent as { hasPersona: boolean }).hasPersona = false;
    },
    '/body/users/demo/agents/0/agent/hasPersona',
    'there',
  ],
  [
    'hasPersona true without a persona',
    (s) => {
      (agentAt(s, 'other', 0).agent as { hasPersona: boolean }).hasPersona = true;
    },
    '/body/users/other/agents/0/agent/hasPersona',
    'null',
  ],
  [
    'a clone missing one of its samples',
    (s) => {
      agentAt(s, 'other', 0).sampleUrls.pop();
    },
    '/body/users/other/agents/0/sampleUrls',
  ],
  [
    'a clone with a sample more than it counts',
    (s) => {
      agentAt(s, 'other', 0).sampleUrls.push('https://cdn.example.com/voices/c.wav');
    },
    '/body/users/other/agents/0/sampleUrls',
  ],
  [
    'a stock voice with samples (even as many as it counts)',
    (s) => {
      const entry = agentAt(s, 'demo', 0);
      entry.sampleUrls = [SAMPLES[0] as string];
      entry.agent.voice.sampleCount = 1;
    },
    '/body/users/demo/agents/0/sampleUrls',
  ],
  [
    'a stock voice that counts samples it has not got',
    (s) => {
      agentAt(s, 'demo', 0).agent.voice.sampleCount = 1;
    },
    '/body/users/demo/agents/0/agent/voice/sampleCount',
    'stock voice',
  ],
  [
    'a user id with / and ~ (escaped in the JSON pointer)',
    (s) => {
      s.users['team/a~b'] = s.users.other as UserData;
      delete s.users.other;
      agentAt(s, 'team/a~b', 0).sampleUrls = [];
    },
    '/body/users/team~1a~0b/agents/0/sampleUrls',
  ],
];

describe('restore refuses a state that contradicts itself, and keeps the one it had', () => {
  for (const [name, spoil, field, ...mentions] of spoiled) {
    it(`${name} → invalid_state at ${field}`, () => {
      const { telephony, snapshot } = exported();
      const bad = structuredClone(snapshot);
      spoil(bad);
      expect(codeOf(() => telephony.restore(bad))).toBe('invalid:invalid_state');
      const error = (() => {
        try {
          telephony.restore(bad);
        } catch (e) {
          return e as { field?: string };
        }
      })();
      expect(error?.field).toBe(field);
      // The detail names the field and says why, in words (and what else helps find the fault).
      const why = (error as Error).message.split(`${field.slice('/body'.length)} `)[1];
      expect(why).toMatch(/\w+ \w+/);
      for (const mention of mentions) expect(why).toContain(mention);
      expect(telephony.snapshot()).toEqual(snapshot);
    });
  }

  it('takes the export as it was', () => {
    const { telephony, snapshot } = exported();
    expect(() => telephony.restore(snapshot)).not.toThrow();
  });

  // The edges the checks draw are inclusive: what happens in the same millisecond is in order.
  it.each<[string, (s: Snapshot) => void]>([
    [
      'answered the instant it was created',
      (s) => {
        callAt(s, 'demo', 0).answeredAt = callAt(s, 'demo', 0).createdAt;
      },
    ],
    [
      'ended the instant it was answered',
      (s) => {
        callAt(s, 'demo', 1).endedAt = callAt(s, 'demo', 1).answeredAt;
      },
    ],
    [
      'updated the instant it was created',
      (s) => {
        callAt(s, 'demo', 0).updatedAt = callAt(s, 'demo', 0).createdAt;
      },
    ],
    [
      'canceled the instant it was created',
      (s) => {
        const call = callAt(s, 'demo', 1);
        Object.assign(call, {
          status: 'canceled',
          endedReason: 'canceled',
          answeredAt: null,
          answeredBy: null,
          durationSeconds: null,
          endedAt: call.createdAt,
        });
      },
    ],
  ])('takes a call %s', (_, adjust) => {
    const { telephony, snapshot } = exported();
    const edge = structuredClone(snapshot);
    adjust(edge);
    expect(codeOf(() => telephony.restore(edge))).toBe('no error');
  });

  it.each([
    [1, 'invalid:invalid_state'],
    [2, 'no error'],
  ])('with maxAgents %s, a user holding two agents is %s', (maxAgents, want) => {
    const { telephony } = exported();
    telephony.agents.create('demo', { name: 'Second desk' });
    const snapshot = telephony.snapshot();
    const capped = new Telephony({ timeScale: 'manual', startTime: T0, maxAgents });
    expect(codeOf(() => capped.restore(snapshot))).toBe(want);
    if (want !== 'no error') {
      expect(domainErrorOf(() => capped.restore(snapshot))).toMatchObject({
        field: '/body/users/demo/agents',
        message: expect.stringMatching(/2 agents.* 1 /),
      });
    }
  });
});

describe('call timers are keyed by the call, not its id', () => {
  // Two users' calls with one id cannot come in through an import any more (state-check.ts refuses
  // them), so the other user's call is handed to the CallBook directly, as an import would.
  it('one user hanging up does not stop another user’s call with the same id', () => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const ctx = { clock, gen: new SeededFaker(1), spaces: new Spaces(1000), emit: () => {} };
    const agents = new AgentBook(ctx);
    const calls = new CallBook(ctx, agents);
    const id = calls.create('demo', '+15005550100', {
      to: HUMAN,
      agentId: agents.create('demo', { name: 'Desk' }).id,
    }).id;
    clock.advance(ANSWERED_AFTER);
    const demoCall = calls.get('demo', id);
    const record = {
      id,
      call: { ...structuredClone(demoCall), agentId: agents.create('other', { name: 'Desk' }).id },
      outcome: { kind: 'answered' as const, answeredBy: 'human' as const },
      statusSince: clock.now(),
    };
    calls.resume('other', record);
    calls.hangUp('demo', id);
    clock.advance(demoCall.maxDurationSeconds * 1000);
    expect(calls.get('demo', id)).toMatchObject({ status: 'completed', endedReason: 'agent-hangup' });
    expect(calls.get('other', id)).toMatchObject({ status: 'completed', endedReason: 'max-duration' });
  });
});
