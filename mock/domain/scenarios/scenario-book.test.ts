import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/domain-error-code.js';
import type { DomainEvent } from '../events.js';
import { Telephony } from '../telephony.js';
import type { BrainRequest } from './scenario-book.js';
import type { Scenario } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const NUMBER = '+15005550140';
const GREETING = 'Hello, this is the Bistro. How can I help?';

const booking: Scenario = {
  name: 'booking',
  match: { to: [NUMBER] },
  answer: { after: 2, by: 'human' },
  steps: [
    { say: "Hi, I'd like to book a table." },
    { expect: { agent: { contains: 'what time' }, within: 10 } },
    { say: 'Seven tonight.' },
    { expect: { agent: { regex: 'booked|confirm' }, within: 10 } },
    { hangup: {} },
  ],
};

function setup(scenarios: Scenario[], seed = 1) {
  const telephony = new Telephony({ timeScale: 'manual', seed, startTime: T0 });
  telephony.scenarios.catalog.defineAll(scenarios);
  const events: DomainEvent[] = [];
  telephony.onEvent((event) => events.push(event));
  const agent = telephony.agents.create(USER, { name: 'Bistro', greeting: GREETING });
  const dial = (to = NUMBER) => telephony.calls.create(USER, '+15005550100', { to, agentId: agent.id }).id;
  const advance = (seconds: number) => telephony.clock.advance(seconds * 1000);
  const call = (id: string) => telephony.calls.get(USER, id);
  const run = (id: string) => telephony.scenarios.run(id);
  const say = (id: string, text: string) => telephony.calls.respond(USER, id, text);
  const lines = (id: string) => call(id).transcript.map((e) => `${e.speaker}: ${e.text}`);
  return { telephony, events, agent, dial, advance, call, run, say, lines };
}

describe('a scenario run on the manual clock', () => {
  it('plays the booking script: answer after 2 s, greeting first, says, expects and hangs up', () => {
    const s = setup([booking]);
    const id = s.dial();
    expect(s.run(id)).toMatchObject({ scenario: 'booking', status: 'running', callId: id });
    s.advance(1 + 2);
    expect(s.call(id)).toMatchObject({ status: 'in-progress', answeredBy: 'human' });
    expect(s.lines(id)).toEqual([`agent: ${GREETING}`]);
    s.advance(1);
    expect(s.lines(id).at(-1)).toBe("callee: Hi, I'd like to book a table.");
    s.say(id, 'Of course! What time would you like?');
    s.advance(1);
    expect(s.lines(id).at(-1)).toBe('callee: Seven tonight.');
    s.say(id, 'You are booked for seven.');
    expect(s.run(id).status).toBe('running');
    s.advance(0);
    expect(s.call(id)).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
    const run = s.run(id);
    expect(run.status).toBe('passed');
    expect(run.reason).toBeNull();
    expect(run.steps.map((v) => [v.kind, v.status])).toEqual([
      ['say', 'passed'],
      ['expect', 'passed'],
      ['say', 'passed'],
      ['expect', 'passed'],
      ['hangup', 'passed'],
    ]);
    expect(run.steps[1]).toMatchObject({
      path: '/steps/1',
      expected: 'the agent says something containing "what time" within 10 s',
      happened: 'the agent said "Of course! What time would you like?" after 0 s',
      at: '2026-01-01T00:00:04.000Z',
    });
    expect(run.settledAt).toBe('2026-01-01T00:00:05.000Z');
    // No generated callee line: the script said everything the callee said.
    expect(s.lines(id).filter((l) => l.startsWith('callee:'))).toEqual([
      "callee: Hi, I'd like to book a table.",
      'callee: Seven tonight.',
    ]);
  });

  it('leaves calls that match no scenario as they were (the generated callee line at 2 s)', () => {
    const s = setup([booking]);
    const id = s.dial('+14155550123');
    s.advance(1 + 3 + 2);
    expect(s.call(id).transcript.map((e) => e.speaker)).toEqual(['agent', 'callee']);
    expect(() => s.run(id)).toThrow(/follows no scenario/);
    expect(codeOf(() => s.run(id))).toBe('not_found:scenario_run_not_found');
  });

  it('judges the greeting with a first expect', () => {
    const s = setup([
      {
        name: 'greet',
        match: { to: NUMBER },
        steps: [{ expect: { agent: { contains: 'bistro' }, within: 5 } }],
      },
    ]);
    const id = s.dial();
    s.advance(1 + 3);
    expect(s.run(id)).toMatchObject({ status: 'passed', settledAt: '2026-01-01T00:00:04.000Z' });
  });

  describe('failures', () => {
    const script = (onFail?: 'stop' | 'continue' | 'hangup'): Scenario => ({
      name: 'strict',
      match: { to: NUMBER },
      steps: [
        { say: 'Hello?' },
        { expect: { agent: { contains: 'sorry' }, within: 10, ...(onFail ? { onFail } : {}) } },
        { say: 'Thanks.' },
        { text: 'Bye' },
      ],
    });

    it('an expect that times out fails the run at once; the call goes on; the rest is skipped', () => {
      const s = setup([script()]);
      const id = s.dial();
      s.advance(4 + 1 + 9.9);
      expect(s.run(id).status).toBe('running');
      s.advance(0.1);
      const run = s.run(id);
      expect(run).toMatchObject({
        status: 'failed',
        reason: 'step /steps/1: the agent said nothing within 10 s',
        settledAt: '2026-01-01T00:00:15.000Z',
      });
      expect(run.steps.map((v) => v.status)).toEqual(['passed', 'failed', 'skipped', 'skipped']);
      expect(s.call(id).status).toBe('in-progress');
    });

    it('a wrong answer fails at once, saying what the agent said', () => {
      const s = setup([script()]);
      const id = s.dial();
      s.advance(5);
      s.say(id, 'Please hold.');
      const run = s.run(id);
      expect(run.status).toBe('failed');
      expect(run.steps[1]).toMatchObject({
        status: 'failed',
        happened: 'the agent said "Please hold." after 0 s',
      });
    });

    it('onFail: continue goes on with the next step and fails the run at the end', () => {
      const s = setup([script('continue')]);
      const id = s.dial();
      s.advance(5);
      s.say(id, 'Please hold.');
      expect(s.run(id).status).toBe('running');
      s.advance(1);
      expect(s.lines(id).at(-1)).toBe('callee: Thanks.');
      const run = s.run(id);
      expect(run.steps.map((v) => v.status)).toEqual(['passed', 'failed', 'passed', 'passed']);
      expect(run).toMatchObject({
        status: 'failed',
        reason: 'step /steps/1: the agent said "Please hold." after 0 s',
      });
    });

    it('onFail: hangup makes the callee hang up', () => {
      const s = setup([script('hangup')]);
      const id = s.dial();
      s.advance(5);
      s.say(id, 'Please hold.');
      s.advance(0);
      expect(s.call(id)).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
      expect(s.run(id).status).toBe('failed');
    });

    it('the call ending while an expect waits fails it', () => {
      const s = setup([script()]);
      const id = s.dial();
      s.advance(5);
      s.telephony.calls.hangUp(USER, id);
      expect(s.run(id)).toMatchObject({
        status: 'failed',
        reason: 'step /steps/1: the call ended (agent-hangup) before the agent said anything',
      });
    });
  });

  it('branches on which pattern matched, skips the other branch and fills {{match.1}} and {{call.to}}', () => {
    const s = setup([
      {
        name: 'offer',
        match: { to: NUMBER },
        steps: [
          { say: 'Any table tonight?' },
          {
            expect: {
              within: 10,
              branches: [
                {
                  agent: { regex: 'at (\\d+) ?pm' },
                  steps: [{ say: '{{match.1}} pm works, this is {{call.to}}.' }],
                },
                { agent: { contains: 'fully booked' }, steps: [{ say: 'Oh well.' }, { hangup: {} }] },
              ],
            },
          },
          { expect: { agent: { any: true } } },
        ],
      },
    ]);
    const id = s.dial();
    s.advance(4 + 1);
    s.say(id, 'We have a table at 8 PM.');
    s.advance(1);
    expect(s.lines(id).at(-1)).toBe(`callee: 8 pm works, this is ${NUMBER}.`);
    s.say(id, 'Great, see you.');
    const run = s.run(id);
    expect(run.steps.map((v) => [v.path, v.depth, v.status])).toEqual([
      ['/steps/0', 0, 'passed'],
      ['/steps/1', 0, 'passed'],
      ['/steps/1/expect/branches/0/steps/0', 1, 'passed'],
      ['/steps/1/expect/branches/1/steps/0', 1, 'skipped'],
      ['/steps/1/expect/branches/1/steps/1', 1, 'skipped'],
      ['/steps/2', 0, 'passed'],
    ]);
    expect(run.steps[1]?.branch).toBe(0);
    expect(run.status).toBe('passed');
  });

  it('an answer no branch expects fails the expect', () => {
    const s = setup([
      {
        name: 'offer',
        match: { to: NUMBER },
        steps: [{ wait: 1 }, { expect: { branches: [{ agent: { contains: 'yes' }, steps: [] }] } }],
      },
    ]);
    const id = s.dial();
    s.advance(4 + 1);
    s.say(id, 'No.');
    expect(s.run(id).steps[1]?.happened).toBe('the agent said "No." after 0 s, which no branch expects');
  });

  it('waits, texts during and after the call, and expects audio', () => {
    const s = setup([
      {
        name: 'texter',
        match: { to: NUMBER },
        steps: [
          { wait: 5 },
          { expect: { agent: { audio: 'hold' }, within: 30 } },
          { text: 'I am on hold for {{call.id}}' },
          { hangup: {}, pause: 2 },
          { wait: 60 },
          { text: 'Call me back.' },
        ],
      },
    ]);
    const id = s.dial();
    s.advance(4);
    // Audio during the wait is not judged: the expect has not begun.
    s.telephony.calls.injectAudio(USER, id, { url: 'https://cdn.example.com/intro.mp3' });
    s.advance(5);
    s.telephony.calls.injectAudio(USER, id, { url: 'https://cdn.example.com/HOLD-music.mp3' });
    s.advance(0);
    const texts = () => s.telephony.texts.list(USER, {}).data.map((t) => [t.from, t.to, t.body]);
    expect(texts()).toEqual([[NUMBER, '+15005550100', `I am on hold for ${id}`]]);
    s.advance(2);
    expect(s.call(id).status).toBe('completed');
    s.advance(60);
    expect(texts()[0]).toEqual([NUMBER, '+15005550100', 'Call me back.']);
    expect(s.run(id).status).toBe('passed');
    expect(s.run(id).steps[1]?.happened).toBe(
      'the agent played https://cdn.example.com/HOLD-music.mp3 after 0 s',
    );
  });

  const outcomes: Array<[string, Scenario['answer'], { status: string; at: number }]> = [
    ['busy', { outcome: 'busy', after: 2 }, { status: 'busy', at: 3 }],
    ['no-answer', { outcome: 'no-answer', after: 7 }, { status: 'no-answer', at: 8 }],
    ['failed', { outcome: 'failed', after: 1 }, { status: 'failed', at: 1 }],
  ];
  for (const [name, answer, want] of outcomes) {
    it(`answer.outcome ${name} ends the call that way, even on an ordinary number`, () => {
      const s = setup([
        { name, match: { to: '+14155550123' }, answer, steps: [{ text: 'Sorry I missed you' }] },
      ]);
      const id = s.dial('+14155550123');
      s.advance(want.at - 0.001);
      expect(s.call(id).status).not.toBe(want.status);
      s.advance(0.001);
      expect(s.call(id).status).toBe(want.status);
      // The steps start when the call ends unanswered: the text is sent.
      expect(s.telephony.texts.list(USER, {}).data.map((t) => t.body)).toEqual(['Sorry I missed you']);
      expect(s.run(id).status).toBe('passed');
    });
  }

  it('a scenario may claim a magic number: answered by a machine, the voicemail greets', () => {
    const s = setup([
      {
        name: 'voicemail',
        match: { to: '+15005550001' },
        answer: { by: 'machine' },
        steps: [{ expect: { agent: { contains: 'call back' }, within: 30 } }, { say: 'never spoken' }],
      },
    ]);
    const id = s.dial('+15005550001');
    s.advance(4);
    expect(s.call(id)).toMatchObject({ answeredBy: 'machine' });
    s.say(id, 'Hi, please call back at your convenience.');
    s.advance(1);
    expect(s.run(id).status).toBe('passed');
  });

  it('a scenario naming the agent wins over one that does not', () => {
    const s = setup([]);
    const other = s.telephony.agents.create(USER, { name: 'Other' });
    s.telephony.scenarios.catalog.defineAll([
      { name: 'any-agent', match: { to: NUMBER }, steps: [] },
      { name: 'this-agent', match: { to: NUMBER, agentId: s.agent.id }, steps: [] },
    ]);
    expect(s.run(s.dial()).scenario).toBe('this-agent');
    const id = s.telephony.calls.create(USER, '+15005550100', { to: NUMBER, agentId: other.id }).id;
    expect(s.run(id).scenario).toBe('any-agent');
  });

  it('is deterministic: same seed, script and clock steps give the same calls, events and runs', () => {
    const play = () => {
      const s = setup([booking], 42);
      const id = s.dial();
      s.advance(4);
      s.advance(1);
      s.say(id, 'What time suits you?');
      s.advance(1);
      s.say(id, 'Confirmed.');
      s.advance(1);
      // latencyMs is the app's answer time in real milliseconds: the one field the clock does not set.
      const run = s.run(id);
      return {
        call: s.call(id),
        run: { ...run, steps: run.steps.map((step) => ({ ...step, latencyMs: null })) },
        events: s.events.map((e) => (e.kind === 'call' ? [e.type, e.at] : [])),
      };
    };
    const first = play();
    expect(first.run.status).toBe('passed');
    expect(play()).toEqual(first);
  });

  describe('a brain', () => {
    it('is asked on every agent utterance, the greeting included; its say and hangup are done', () => {
      const s = setup([
        { name: 'brainy', match: { to: NUMBER }, brain: { url: 'http://127.0.0.1:9/brain' } },
      ]);
      const asked: BrainRequest[] = [];
      s.telephony.scenarios.onBrainRequest((r) => asked.push(r));
      const id = s.dial();
      s.advance(4);
      expect(asked.map((r) => r.payload.utterance.text)).toEqual([GREETING]);
      expect(asked[0]).toMatchObject({ url: 'http://127.0.0.1:9/brain', timeoutMs: 5000, turn: 0 });
      s.telephony.scenarios.brainAnswered(id, 0, {
        ok: true,
        say: 'Who is this?',
        hangup: false,
        latencyMs: 3,
      });
      expect(s.lines(id).at(-1)).toBe('callee: Who is this?');
      s.say(id, 'The Bistro.');
      s.telephony.scenarios.brainAnswered(id, 1, { ok: true, say: null, hangup: true, latencyMs: 3 });
      expect(s.call(id).endedReason).toBe('callee-hangup');
      const run = s.run(id);
      expect(run.status).toBe('passed');
      expect(run.brainTurns.map((t) => [t.utterance, t.say, t.hangup, t.error])).toEqual([
        [GREETING, 'Who is this?', false, null],
        ['The Bistro.', null, true, null],
      ]);
    });

    it('a failed turn fails the run with the reason, and the brain is not asked again', () => {
      const s = setup([
        { name: 'brainy', match: { to: NUMBER }, brain: { url: 'http://127.0.0.1:9/brain' } },
      ]);
      const asked: BrainRequest[] = [];
      s.telephony.scenarios.onBrainRequest((r) => asked.push(r));
      const id = s.dial();
      s.advance(4);
      s.telephony.scenarios.brainAnswered(id, 0, {
        ok: false,
        error: 'the brain answered 500',
        latencyMs: 2,
      });
      expect(s.run(id)).toMatchObject({ status: 'failed', reason: 'brain turn 1: the brain answered 500' });
      s.say(id, 'Hello?');
      expect(asked).toHaveLength(1);
      expect(s.call(id).status).toBe('in-progress');
    });
  });
});

describe('the scenario catalog', () => {
  const cases: Array<[string, { given: Scenario; path: string; code: string }]> = [
    [
      'a pattern that does not compile',
      {
        given: {
          name: 'x',
          match: { to: NUMBER },
          steps: [{ say: 'hi' }, { expect: { agent: { regex: '(' } } }],
        },
        path: '/steps/1/expect/agent/regex',
        code: 'invalid_scenario',
      },
    ],
    [
      'a placeholder the mock cannot fill',
      {
        given: { name: 'x', match: { to: NUMBER }, steps: [{ say: 'I am {{caller.name}}' }] },
        path: '/steps/0/say',
        code: 'invalid_scenario',
      },
    ],
    [
      'neither steps nor a brain',
      { given: { name: 'x', match: { to: NUMBER } }, path: '/steps', code: 'invalid_scenario' },
    ],
    [
      'an SMS from a sip: callee',
      {
        given: { name: 'x', match: { to: 'sip:desk@pbx.example.com' }, steps: [{ text: 'hi' }] },
        path: '/steps/0/text',
        code: 'invalid_scenario',
      },
    ],
    [
      'a number another scenario claims for the same agent',
      {
        given: { name: 'second', match: { to: ['+14155550999', NUMBER] }, steps: [] },
        path: '/match/to/1',
        code: 'scenario_conflict',
      },
    ],
  ];
  for (const [name, { given, path, code }] of cases) {
    it(`refuses ${name}, naming the scenario and the field`, () => {
      const s = setup([booking]);
      let error: unknown;
      try {
        s.telephony.scenarios.catalog.define(given);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code, field: path, scenario: given.name });
      expect(String((error as Error).message)).toMatch(new RegExp(`^Scenario "${given.name}": .*${path} `));
    });
  }

  it('loads several at once or none', () => {
    const s = setup([]);
    const good: Scenario = { name: 'good', match: { to: '+14155550999' }, steps: [] };
    const bad: Scenario = { name: 'bad', match: { to: NUMBER }, steps: [{ say: '{{nope}}' }] };
    expect(() => s.telephony.scenarios.catalog.defineAll([good, bad])).toThrow(/Scenario "bad"/);
    expect(s.telephony.scenarios.catalog.list()).toEqual([]);
    expect(() => s.telephony.scenarios.catalog.defineAll([good, { ...good, name: 'twin' }])).toThrow(
      /already claimed by "good"/,
    );
    expect(s.telephony.scenarios.catalog.list()).toEqual([]);
  });

  it('replaces a scenario of the same name in place and forgets the numbers it no longer claims', () => {
    const s = setup([booking, { name: 'later', match: { to: '+14155550999' }, steps: [] }]);
    s.telephony.scenarios.catalog.define({ ...booking, match: { to: '+14155550888' } });
    expect(s.telephony.scenarios.catalog.list().map((x) => x.name)).toEqual(['booking', 'later']);
    expect(() => s.run(s.dial(NUMBER))).toThrow(/follows no scenario/);
    s.telephony.scenarios.catalog.remove('booking');
    expect(codeOf(() => s.telephony.scenarios.catalog.get('booking'))).toBe('not_found:scenario_not_found');
  });
});
