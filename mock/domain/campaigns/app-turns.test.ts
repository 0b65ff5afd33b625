import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/types.js';
import { Telephony } from '../telephony.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const NUMBER = '+15005550140';

const script = (
  more: Partial<Scenario> = {},
  expect: NonNullable<Scenario['steps']>[number]['expect'] = { agent: { contains: 'great' } },
): Scenario => ({
  name: 'confirms',
  match: { to: NUMBER },
  steps: [{ say: 'Yes, I will be there.' }, { expect }, { wait: 30 }],
  ...more,
});

// Real time is the test's to move: latencies are real milliseconds, whatever the mock's clock does.
function setup(scenario: Scenario) {
  let real = 1_000;
  const telephony = new Telephony({ timeScale: 'manual', seed: 3, startTime: T0, realNow: () => real });
  telephony.scenarios.catalog.defineAll([scenario]);
  const agent = telephony.agents.create(USER, { name: 'Reminders' });
  const id = telephony.calls.create(USER, '+15005550100', { to: NUMBER, agentId: agent.id }).id;
  telephony.clock.advance(5_000); // answered at 4 s, the callee speaks at 5 s
  return {
    telephony,
    id,
    wait: (ms: number) => {
      real += ms;
    },
    respond: (text: string) => telephony.calls.respond(USER, id, text),
    run: () => telephony.scenarios.run(id),
  };
}

describe('turn latency', () => {
  it('is the real ms from the event to the app’s request when the event had no delivery', () => {
    const s = setup(script());
    s.wait(420);
    s.respond('Great, see you then.');
    const step = s.run().steps[1];
    expect(step).toMatchObject({ kind: 'expect', status: 'passed', latencyMs: 420 });
    // The greeting and the callee's lines have none.
    expect(s.run().steps.map((v) => v.latencyMs)).toEqual([null, 420, null]);
  });

  it('counts from the first delivery attempt of the event when there was one', () => {
    const s = setup(script());
    s.wait(300);
    const callee = s.telephony.calls.get(USER, s.id);
    s.telephony.campaigns.turns.delivered(s.id, callee.sequence);
    s.wait(250);
    s.respond('Great!');
    expect(s.run().steps[1]?.latencyMs).toBe(250);
  });

  it('never counts the wait before the first attempt: a delayed webhook, the manual clock stepped meanwhile', () => {
    const s = setup(script());
    const sequence = s.telephony.calls.get(USER, s.id).sequence;
    s.telephony.campaigns.turns.queued(s.id, sequence);
    // The webhook waits for its delay on the manual clock: 3 s of real time pass as the test steps it.
    s.wait(3_000);
    s.telephony.clock.advance(1_000);
    s.telephony.campaigns.turns.delivered(s.id, sequence);
    s.wait(120);
    s.respond('Great!');
    expect(s.run().steps[1]?.latencyMs).toBe(120);
  });

  it('is not measured when the app answered before the webhook of its turn was first attempted', () => {
    const s = setup(script({}, { agent: { contains: 'great' }, maxLatencyMs: 500 }));
    s.telephony.campaigns.turns.queued(s.id, s.telephony.calls.get(USER, s.id).sequence);
    // The app read the call (polling) while the webhook waited: 2 s that are not the app's.
    s.wait(2_000);
    s.respond('Great, see you then.');
    expect(s.run().steps[1]).toMatchObject({ status: 'passed', latencyMs: null });
    expect(s.telephony.campaigns.report().runs.latencyMs.count).toBe(0);
  });

  it('expect.maxLatencyMs fails a slower answer that matched', () => {
    const s = setup(script({}, { agent: { contains: 'great' }, maxLatencyMs: 500 }));
    s.wait(800);
    s.respond('Great, see you then.');
    expect(s.run()).toMatchObject({
      status: 'failed',
      reason:
        'step /steps/1: the agent said "Great, see you then." after 0 s, 800 ms after its turn (at most 500 ms)',
    });
    expect(s.run().steps[1]).toMatchObject({ status: 'failed', latencyMs: 800 });
    expect(s.telephony.campaigns.report().scenarios[0]?.failures).toEqual([
      expect.objectContaining({
        step: '/steps/1',
        reason: 'the agent answered too slowly (maxLatencyMs)',
        count: 1,
      }),
    ]);
  });
});

describe('double answers', () => {
  it('two utterances for one callee turn fail the run, even one that had passed', () => {
    const s = setup({
      ...script(),
      steps: [{ say: 'Yes, I will be there.' }, { expect: { agent: { contains: 'great' } } }],
    });
    s.respond('Great, see you then.');
    expect(s.run().status).toBe('passed');
    s.respond('Great, see you then.');
    expect(s.run()).toMatchObject({
      status: 'failed',
      reason: 'the agent answered "Yes, I will be there." twice (a double answer)',
      doubleAnswer: { count: 1, turn: 'Yes, I will be there.', at: '2026-01-01T00:00:05.000Z' },
    });
    expect(s.telephony.campaigns.report()).toMatchObject({
      doubleAnswers: 1,
      runs: {
        failed: 1,
        failures: [{ step: null, reason: 'the agent answered one turn twice (doubleAnswer)' }],
      },
    });
  });

  it('judge.doubleAnswer: warn notes it and keeps the verdict', () => {
    const s = setup(script({ judge: { doubleAnswer: 'warn' } }));
    s.respond('Great, see you then.');
    s.respond('Great, see you then.');
    s.respond('Great!');
    expect(s.run()).toMatchObject({ status: 'running', doubleAnswer: { count: 2 } });
    expect(s.telephony.campaigns.report().doubleAnswers).toBe(1);
  });

  it('one answer per callee turn is not one; what the agent says before the callee speaks is not counted', () => {
    const telephony = new Telephony({ timeScale: 'manual', seed: 3, startTime: T0 });
    telephony.scenarios.catalog.defineAll([
      {
        name: 'two-turns',
        match: { to: NUMBER },
        steps: [
          { wait: 2 },
          { say: 'Hello?' },
          { expect: { agent: { any: true } } },
          { say: 'Tuesday then.' },
          { expect: { agent: { any: true } } },
          { wait: 10 },
        ],
      },
    ]);
    const agent = telephony.agents.create(USER, { name: 'Reminders' });
    const id = telephony.calls.create(USER, '+15005550100', { to: NUMBER, agentId: agent.id }).id;
    telephony.clock.advance(4_000);
    telephony.calls.respond(USER, id, 'Hi, this is the clinic.');
    telephony.calls.respond(USER, id, 'Calling about your appointment.');
    telephony.clock.advance(3_000);
    telephony.calls.respond(USER, id, 'Is Tuesday fine?');
    telephony.clock.advance(1_000);
    telephony.calls.respond(USER, id, 'Booked.');
    expect(telephony.scenarios.run(id)).toMatchObject({ status: 'running', doubleAnswer: null });
    telephony.calls.respond(USER, id, 'Booked.');
    expect(telephony.scenarios.run(id).doubleAnswer).toMatchObject({ count: 1, turn: 'Tuesday then.' });
  });
});
