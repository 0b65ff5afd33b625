import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/domain-error-code.js';
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

/** A mock with two users: demo has an agent, a call in progress and an ended one; other has an agent. */
function exported() {
  const telephony = new Telephony({ timeScale: 'manual', seed: 3, startTime: T0 });
  const agent = telephony.agents.create('demo', { name: 'Desk' });
  telephony.agents.create('other', { name: 'Other desk' });
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

// [name, how to spoil an export, the field the 400 names]
const spoiled: Array<[string, (s: Snapshot) => void, string]> = [
  [
    'the same call id twice in one user',
    (s) => {
      callAt(s, 'demo', 1).id = callAt(s, 'demo', 0).id;
    },
    '/body/users/demo/calls/1/call/id',
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
];

describe('restore refuses a state that contradicts itself, and keeps the one it had', () => {
  for (const [name, spoil, field] of spoiled) {
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
      expect(telephony.snapshot()).toEqual(snapshot);
    });
  }

  it('takes the export as it was', () => {
    const { telephony, snapshot } = exported();
    expect(() => telephony.restore(snapshot)).not.toThrow();
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
