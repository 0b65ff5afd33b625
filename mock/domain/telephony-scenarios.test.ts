import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/domain-error-code.js';
import { Telephony } from './telephony.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const SCRIPTED = '+15005550140';

describe('the scenarios see the calls the mock keeps', () => {
  it('a brain answering late, for a call evicted since, changes nothing and throws nothing', () => {
    const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0, retain: 1 });
    telephony.scenarios.catalog.defineAll([
      { name: 'brainy', match: { to: SCRIPTED }, brain: { url: 'http://127.0.0.1:9/brain' } },
    ]);
    const turns: number[] = [];
    telephony.scenarios.onBrainRequest((request) => turns.push(request.turn));
    const agentId = telephony.agents.create(USER, { name: 'Desk' }).id;
    const dial = (to: string) => telephony.calls.create(USER, '+15005550100', { to, agentId }).id;
    const scripted = dial(SCRIPTED);
    telephony.clock.advance(4_000);
    expect(turns).toEqual([0]); // the brain was asked about the greeting
    telephony.calls.hangUp(USER, scripted);
    // Another ended call pushes the scripted one out (retain 1).
    telephony.calls.hangUp(USER, dial('+14155550123'));
    expect(codeOf(() => telephony.calls.get(USER, scripted))).toBe('not_found:call_not_found');
    const answer = { ok: true, say: 'Who is this?', hangup: true, latencyMs: 3 } as const;
    expect(() => telephony.scenarios.brainAnswered(scripted, 0, answer)).not.toThrow();
    expect(telephony.calls.list(USER, {}).data).toHaveLength(1);
  });
});
