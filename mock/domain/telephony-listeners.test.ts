import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './events.js';
import { Telephony } from './telephony.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const FRIEND = '+14155550123';

/** A telephony whose first listener throws on one event type; the second records what it heard. */
function withFaultyListener(throwsOn: DomainEvent['type']) {
  const reported: string[] = [];
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  telephony.clock.onTimerFailure = (failure) => reported.push(failure.what);
  telephony.onEvent((event) => {
    if (event.type === throwsOn) throw new Error('listener bug');
  });
  const heard: string[] = [];
  telephony.onEvent((event) => heard.push(event.type));
  return { telephony, heard, reported };
}

describe('a listener of the domain’s events that throws', () => {
  it('does not stop a text moving on, nor the listeners after it hearing each step', () => {
    const { telephony, heard, reported } = withFaultyListener('text.sent');
    const text = telephony.texts.send('demo', '+15005550100', { to: FRIEND, body: 'Your table is ready.' });
    telephony.clock.advance(60_000);
    expect(telephony.texts.get('demo', text.id).status).toBe('delivered');
    expect(heard).toEqual(['text.sent', 'text.delivered']);
    expect(reported).toEqual([`a listener of text.sent (${text.id}, user demo)`]);
    expect(telephony.clock.failures.count).toBe(1);
  });

  it('does not stop a call moving on from ringing', () => {
    const { telephony, heard, reported } = withFaultyListener('call.ringing');
    const agentId = telephony.agents.create('demo', { name: 'Desk' }).id;
    const call = telephony.calls.create('demo', '+15005550100', { to: FRIEND, agentId });
    telephony.clock.advance(60_000);
    // The call went on past ringing, and the second listener heard ringing and what came after.
    expect(telephony.calls.get('demo', call.id).status).not.toBe('queued');
    expect(heard[0]).toBe('call.ringing');
    expect(heard.length).toBeGreaterThan(1);
    expect(reported).toEqual([`a listener of call.ringing (${call.id}, user demo)`]);
  });

  it('does not fail the request that emitted, and a reporter that throws loses nothing', () => {
    const { telephony } = withFaultyListener('text.received');
    telephony.clock.onTimerFailure = () => {
      throw new Error('reporter bug');
    };
    // An inbound text is emitted inside the request that brought it: the request still succeeds.
    const text = telephony.texts.receive('demo', '+15005550100', { from: FRIEND, body: 'x' });
    expect(telephony.texts.get('demo', text.id).body).toBe('x');
    expect(telephony.clock.failures.latest.map((f) => (f.error as Error).message)).toEqual(['listener bug']);
  });
});
