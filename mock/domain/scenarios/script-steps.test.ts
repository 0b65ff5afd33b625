import { describe, expect, it } from 'vitest';
import { Clock } from '../clock.js';
import { compileScript } from './script.js';
import {
  initialState,
  nextScriptSteps,
  type ScriptEffect,
  type ScriptEvent,
  type ScriptState,
} from './script-steps.js';
import type { ScenarioStep, Utterance } from './types.js';

const clock = new Clock({ scale: 'manual', start: 0 });
const iso = (at: number) => clock.iso(at);
const said = (text: string): Utterance => ({ kind: 'speech', text });

/** A run of `steps` fed one event at a time, as the ScenarioBook feeds it. */
function runOf(steps: ScenarioStep[], holdUntilCallEnds = false) {
  const { script } = compileScript({ name: 'x', match: { to: '+15005550140' }, steps });
  let state: ScriptState = initialState(script, holdUntilCallEnds);
  const feed = (event: ScriptEvent): ScriptEffect[] => {
    const next = nextScriptSteps(script, state, event, iso);
    state = next.state;
    return next.effects;
  };
  return {
    script,
    get state() {
      return state;
    },
    feed,
    start: (now = 0, callEnded = false) => feed({ kind: 'start', now, callEnded }),
    /** The current timer falls due at `now`. */
    due: (now: number) => feed({ kind: 'timer', now, timer: state.timer }),
    hear: (now: number, utterance: Utterance, latencyMs: number | null = null) =>
      feed({ kind: 'heard', now, utterance, latencyMs }),
    end: (now: number, why = 'agent-hangup') => feed({ kind: 'call-ended', now, why }),
    statuses: () => state.steps.map((v) => v.status),
    happened: () => state.steps.map((v) => v.happened),
  };
}

describe('a script’s run before its call is answered', () => {
  it('has every step pending and the run running', () => {
    const run = runOf([
      { say: 'Hi' },
      { expect: { branches: [{ agent: { any: true }, steps: [{ wait: 1 }] }] } },
    ]);
    expect(run.state).toEqual({
      current: null,
      phase: 'not-started',
      since: 0,
      timer: 0,
      captures: [],
      callEnded: false,
      holdUntilCallEnds: false,
      failure: null,
      steps: [
        {
          path: '/steps/0',
          depth: 0,
          kind: 'say',
          status: 'pending',
          expected: 'the callee says "Hi"',
          happened: null,
          at: null,
          branch: null,
          latencyMs: null,
        },
        {
          path: '/steps/1',
          depth: 0,
          kind: 'expect',
          status: 'pending',
          expected: 'the agent, within 10 s: (1) says or plays anything',
          happened: null,
          at: null,
          branch: null,
          latencyMs: null,
        },
        {
          path: '/steps/1/expect/branches/0/steps/0',
          depth: 1,
          kind: 'wait',
          status: 'pending',
          expected: '1 s of silence',
          happened: null,
          at: null,
          branch: null,
          latencyMs: null,
        },
      ],
      status: 'running',
      reason: null,
      settledAt: null,
    });
    expect(initialState(run.script, true).holdUntilCallEnds).toBe(true);
  });

  it('ignores what the agent says, timers and a second start', () => {
    const run = runOf([{ expect: { agent: { any: true } } }]);
    expect(run.hear(0, said('too early'))).toEqual([]);
    expect(run.feed({ kind: 'timer', now: 0, timer: 0 })).toEqual([]);
    expect(run.state.phase).toBe('not-started');
    expect(run.start(1000)).toEqual([{ kind: 'schedule', at: 11_000, timer: 1 }]);
    expect(run.start(2000)).toEqual([]);
    expect(run.state).toMatchObject({ since: 1000, timer: 1, phase: 'listening' });
  });

  it('never changes the state it is given', () => {
    const run = runOf([{ say: 'Hi' }]);
    const before = run.state;
    const copy = structuredClone(before);
    run.start();
    run.due(1000);
    expect(before).toEqual(copy);
    expect(run.state.status).toBe('passed');
  });
});

describe('when each step happens', () => {
  it.each<[string, ScenarioStep, number]>([
    ['a say, 1 s after the step before', { say: 'Hi' }, 1000],
    ['a say with pause 3', { say: 'Hi', pause: 3 }, 3000],
    ['a say with pause 0, at once', { say: 'Hi', pause: 0 }, 0],
    ['a hangup, at once', { hangup: {} }, 0],
    ['a hangup with pause 2', { hangup: {}, pause: 2 }, 2000],
    ['a text, at once', { text: 'hi' }, 0],
    ['a text with pause 0.5', { text: 'hi', pause: 0.5 }, 500],
    ['a wait of 5 s', { wait: 5 }, 5000],
    ['an expect, given up after 10 s', { expect: { agent: { any: true } } }, 10_000],
    ['an expect within 2 s', { expect: { agent: { any: true }, within: 2 } }, 2000],
  ])('%s', (_name, step, delay) => {
    const run = runOf([step]);
    expect(run.start(500)).toEqual([{ kind: 'schedule', at: 500 + delay, timer: 1 }]);
    expect(run.state).toMatchObject({ current: 0, since: 500, phase: step.expect ? 'listening' : 'due' });
  });

  it.each<[string, ScenarioStep, ScriptEffect[], string]>([
    ['say', { say: 'Hi {{call.to}}' }, [{ kind: 'say', template: 'Hi {{call.to}}' }], 'said'],
    ['hangup', { hangup: {}, pause: 1 }, [{ kind: 'hangup' }], 'hung up'],
    [
      'text',
      { text: 'Bye {{match.1}}', pause: 1 },
      [{ kind: 'text', template: 'Bye {{match.1}}' }],
      'sent the SMS',
    ],
    ['wait', { wait: 1 }, [], 'waited'],
  ])(
    'a %s acts when its timer falls due (1 s here), then the next step begins',
    (_kind, step, acts, happened) => {
      const run = runOf([step, { wait: 2 }]);
      run.start(0);
      const at = 1000;
      expect(run.due(at)).toEqual([...acts, { kind: 'schedule', at: at + 2000, timer: 2 }]);
      expect(run.state.steps[0]).toMatchObject({ status: 'passed', happened, at: iso(at) });
      expect(run.state).toMatchObject({ current: 1, since: at, phase: 'due', status: 'running' });
      expect(run.due(at + 2000)).toEqual([]);
      expect(run.state).toMatchObject({
        current: null,
        phase: 'over',
        status: 'passed',
        settledAt: at + 2000,
      });
    },
  );

  it('a timer that is no longer the current one is ignored', () => {
    const run = runOf([{ say: 'Hi' }, { say: 'Again' }]);
    run.start(0);
    run.due(1000);
    expect(run.feed({ kind: 'timer', now: 1500, timer: 1 })).toEqual([]);
    expect(run.statuses()).toEqual(['passed', 'pending']);
    expect(run.due(2000)).toEqual([{ kind: 'say', template: 'Again' }]);
  });

  it('a timer after the run is over does nothing', () => {
    const run = runOf([{ wait: 1 }]);
    run.start(0);
    run.due(1000);
    const over = run.state;
    expect(run.due(5000)).toEqual([]);
    expect(run.state).toEqual(over);
  });

  it('an empty script passes at once', () => {
    const run = runOf([]);
    expect(run.start(700)).toEqual([]);
    expect(run.state).toMatchObject({ status: 'passed', phase: 'over', settledAt: 700, current: null });
  });
});

describe('an expect judges the agent’s next utterance', () => {
  const script: ScenarioStep[] = [
    { expect: { agent: { regex: 'at (\\d+)' }, within: 5 } },
    { say: '{{match.1}} it is' },
  ];

  it('a match passes, with what the agent said and how long it took, and keeps the captures', () => {
    const run = runOf(script);
    run.start(1000);
    expect(run.hear(2250, said('A table at 8?'))).toEqual([{ kind: 'schedule', at: 3250, timer: 2 }]);
    expect(run.state.steps[0]).toMatchObject({
      status: 'passed',
      happened: 'the agent said "A table at 8?" after 1.3 s',
      at: iso(2250),
    });
    expect(run.state.captures).toEqual(['at 8', '8']);
    expect(run.state).toMatchObject({ current: 1, since: 2250, phase: 'due' });
    // The expect's own timer, now stale, does nothing.
    expect(run.feed({ kind: 'timer', now: 6000, timer: 1 })).toEqual([]);
  });

  it('words while a say is still due are not judged', () => {
    const run = runOf([{ say: 'Hi' }, { expect: { agent: { any: true } } }]);
    run.start(0);
    expect(run.hear(500, said('Hello'))).toEqual([]);
    expect(run.statuses()).toEqual(['pending', 'pending']);
  });

  it('a wrong answer fails the run at once and skips the rest', () => {
    const run = runOf(script);
    run.start(0);
    expect(run.hear(400, said('Please hold.'))).toEqual([]);
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/0: the agent said "Please hold." after 0.4 s',
      settledAt: 400,
      phase: 'over',
      current: null,
    });
    expect(run.state.steps.map((v) => [v.status, v.happened, v.at])).toEqual([
      ['failed', 'the agent said "Please hold." after 0.4 s', iso(400)],
      ['skipped', 'not reached', iso(400)],
    ]);
    // Once over, nothing is judged again.
    expect(run.hear(500, said('at 8'))).toEqual([]);
    expect(run.state.status).toBe('failed');
  });

  it('silence fails it when `within` runs out', () => {
    const run = runOf(script);
    run.start(0);
    expect(run.due(5000)).toEqual([]);
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/0: the agent said nothing within 5 s',
      settledAt: 5000,
    });
  });

  it('silence with the default `within` says 10 s', () => {
    const run = runOf([{ expect: { agent: { any: true } } }]);
    run.start(0);
    run.due(10_000);
    expect(run.state.reason).toBe('step /steps/0: the agent said nothing within 10 s');
  });

  it('audio played is judged too', () => {
    const run = runOf([{ expect: { agent: { audio: 'hold' } } }]);
    run.start(0);
    run.hear(0, { kind: 'audio', text: 'https://x.example/hold.mp3' });
    expect(run.state.steps[0]).toMatchObject({
      status: 'passed',
      happened: 'the agent played https://x.example/hold.mp3 after 0 s',
    });
  });
});

describe('branches', () => {
  const offer: ScenarioStep[] = [
    {
      expect: {
        branches: [
          { agent: { regex: 'at (\\d+) pm' }, steps: [{ say: '{{match.1}} pm works' }] },
          { agent: { contains: 'booked' }, steps: [{ say: 'Oh well' }, { hangup: {} }] },
          { agent: { any: true }, steps: [{ text: 'Call me' }] },
        ],
      },
    },
    { wait: 1 },
  ];

  it.each<[string, string, number, string[], Array<string | null>]>([
    [
      'the first branch that matches runs',
      'We are fully booked at 8 pm',
      0,
      ['passed', 'pending', 'skipped', 'skipped', 'skipped', 'pending'],
      [
        'the agent said "We are fully booked at 8 pm" after 0 s (branch 1)',
        null,
        'branch 2 not taken',
        'branch 2 not taken',
        'branch 3 not taken',
        null,
      ],
    ],
    [
      'a later branch when the first does not match',
      'Sorry, fully booked',
      1,
      ['passed', 'skipped', 'pending', 'pending', 'skipped', 'pending'],
      [
        'the agent said "Sorry, fully booked" after 0 s (branch 2)',
        'branch 1 not taken',
        null,
        null,
        'branch 3 not taken',
        null,
      ],
    ],
  ])('%s; the others are skipped', (_name, words, branch, statuses, happened) => {
    const run = runOf(offer);
    run.start(0);
    run.hear(0, said(words));
    expect(run.state.steps[0]?.branch).toBe(branch);
    expect(run.statuses()).toEqual(statuses);
    expect(run.happened()).toEqual(happened);
    expect(run.state.current).toBe(branch === 0 ? 1 : 2);
  });

  it('the chosen branch’s captures fill its steps, then the script goes on after the expect', () => {
    const run = runOf(offer);
    run.start(0);
    run.hear(0, said('A table at 8 PM'));
    expect(run.state.captures).toEqual(['at 8 PM', '8']);
    expect(run.due(1000)).toEqual([
      { kind: 'say', template: '{{match.1}} pm works' },
      { kind: 'schedule', at: 2000, timer: 3 },
    ]);
    expect(run.state.current).toBe(5);
    run.due(2000);
    expect(run.state.status).toBe('passed');
  });

  it('an answer no branch expects fails the expect', () => {
    const run = runOf([{ expect: { branches: [{ agent: { contains: 'yes' }, steps: [{ say: 'Good' }] }] } }]);
    run.start(0);
    run.hear(1000, said('No.'));
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/0: the agent said "No." after 1 s, which no branch expects',
    });
    expect(run.state.steps[0]?.branch).toBeNull();
    expect(run.happened()).toEqual([
      'the agent said "No." after 1 s, which no branch expects',
      'not reached',
    ]);
  });

  it('an empty branch goes straight on to the step after the expect', () => {
    const run = runOf([
      {
        expect: {
          branches: [
            { agent: { contains: 'no' }, steps: [] },
            { agent: { any: true }, steps: [{ say: 'x' }] },
          ],
        },
      },
      { hangup: {} },
    ]);
    run.start(0);
    expect(run.hear(0, said('no'))).toEqual([{ kind: 'schedule', at: 0, timer: 2 }]);
    expect(run.state.current).toBe(2);
    expect(run.due(0)).toEqual([{ kind: 'hangup' }]);
    expect(run.statuses()).toEqual(['passed', 'skipped', 'passed']);
  });
});

describe('onFail', () => {
  const script = (onFail?: 'stop' | 'continue' | 'hangup'): ScenarioStep[] => [
    { expect: { agent: { contains: 'sorry' }, ...(onFail ? { onFail } : {}) } },
    { say: 'Thanks' },
  ];

  it.each<[string, 'stop' | 'hangup' | undefined, ScriptEffect[]]>([
    ['stop (the default) ends the script', undefined, []],
    ['stop ends the script', 'stop', []],
    ['hangup ends it and the callee hangs up', 'hangup', [{ kind: 'hangup' }]],
  ])('%s', (_name, onFail, effects) => {
    const run = runOf(script(onFail));
    run.start(0);
    expect(run.hear(0, said('Hold on'))).toEqual(effects);
    expect(run.statuses()).toEqual(['failed', 'skipped']);
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/0: the agent said "Hold on" after 0 s',
    });
  });

  it('hangup does not hang up a call that has already ended', () => {
    const run = runOf(script('hangup'));
    run.start(0);
    expect(run.end(100)).toEqual([]);
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/0: the call ended (agent-hangup) before the agent said anything',
    });
  });

  it('continue goes on with the next step; the run fails at the end, naming the failed step', () => {
    const run = runOf(script('continue'));
    run.start(0);
    expect(run.hear(0, said('Hold on'))).toEqual([{ kind: 'schedule', at: 1000, timer: 2 }]);
    expect(run.state).toMatchObject({ status: 'running', reason: null, current: 1 });
    expect(run.due(1000)).toEqual([{ kind: 'say', template: 'Thanks' }]);
    expect(run.statuses()).toEqual(['failed', 'passed']);
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/0: the agent said "Hold on" after 0 s',
      settledAt: 1000,
    });
  });

  it('a later stop names its own step', () => {
    const run = runOf([
      { expect: { agent: { contains: 'a' }, onFail: 'continue' } },
      { expect: { agent: { contains: 'b' } } },
      { say: 'never' },
    ]);
    run.start(0);
    run.hear(0, said('x'));
    run.hear(0, said('y'));
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'step /steps/1: the agent said "y" after 0 s',
    });
    expect(run.statuses()).toEqual(['failed', 'failed', 'skipped']);
  });
});

describe('the call ending', () => {
  it('while an expect waits fails it', () => {
    const run = runOf([{ expect: { agent: { any: true } } }, { say: 'x' }]);
    run.start(0);
    expect(run.end(3000, 'agent-hangup')).toEqual([]);
    expect(run.state).toMatchObject({
      status: 'failed',
      callEnded: true,
      settledAt: 3000,
      reason: 'step /steps/0: the call ended (agent-hangup) before the agent said anything',
    });
  });

  it.each<[string, ScenarioStep]>([
    ['say', { say: 'Hi' }],
    ['hangup', { hangup: {} }],
  ])('skips a %s that is due and goes on with the next step', (_kind, step) => {
    const run = runOf([step, { text: 'Call me back' }]);
    run.start(0);
    expect(run.end(200, 'timeout')).toEqual([{ kind: 'schedule', at: 200, timer: 3 }]);
    expect(run.state.steps[0]).toMatchObject({
      status: 'skipped',
      happened: 'the call ended (timeout)',
      at: iso(200),
    });
    // The skipped step's own timer is stale now.
    expect(run.feed({ kind: 'timer', now: 1000, timer: 1 })).toEqual([]);
    expect(run.due(200)).toEqual([{ kind: 'text', template: 'Call me back' }]);
    expect(run.state.status).toBe('passed');
  });

  it.each<[string, ScenarioStep, ScriptEffect[]]>([
    ['wait goes on', { wait: 2 }, []],
    ['text is still sent', { text: 'hi' }, [{ kind: 'text', template: 'hi' }]],
  ])('a %s', (_kind, step, effects) => {
    const run = runOf([step, { say: 'after the end' }, { hangup: {} }]);
    run.start(0);
    expect(run.end(100)).toEqual([]);
    expect(run.statuses()).toEqual(['pending', 'pending', 'pending']);
    expect(run.due(step.wait ? 2000 : 0)).toEqual(effects);
    // Once the call has ended, a say and a hangup are skipped as they are reached.
    expect(run.state.steps.map((v) => [v.status, v.happened])).toEqual([
      ['passed', step.wait ? 'waited' : 'sent the SMS'],
      ['skipped', 'the call had ended'],
      ['skipped', 'the call had ended'],
    ]);
    expect(run.state.status).toBe('passed');
  });

  it('after the script is over changes nothing', () => {
    const run = runOf([{ wait: 1 }]);
    run.start(0);
    run.due(1000);
    expect(run.end(5000)).toEqual([]);
    expect(run.state).toMatchObject({ status: 'passed', settledAt: 1000, callEnded: true });
  });

  describe('before it was answered (the steps start when the call ends)', () => {
    it('skips says and hangups, fails an expect, still waits and texts', () => {
      const run = runOf([
        { say: 'Hi' },
        { hangup: {} },
        { text: 'Missed you' },
        { expect: { agent: { any: true } } },
      ]);
      expect(run.end(8000, 'no-answer')).toEqual([]);
      expect(run.state).toMatchObject({ phase: 'not-started', callEnded: true, status: 'running' });
      expect(run.start(8000, true)).toEqual([{ kind: 'schedule', at: 8000, timer: 1 }]);
      expect(run.state.current).toBe(2);
      expect(run.due(8000)).toEqual([{ kind: 'text', template: 'Missed you' }]);
      expect(run.state.steps.map((v) => [v.status, v.happened])).toEqual([
        ['skipped', 'the call had ended'],
        ['skipped', 'the call had ended'],
        ['passed', 'sent the SMS'],
        ['failed', 'the call had ended before the agent said anything'],
      ]);
      expect(run.state).toMatchObject({
        status: 'failed',
        reason: 'step /steps/3: the call had ended before the agent said anything',
      });
    });

    it('a failing expect with onFail: hangup does not hang up', () => {
      const run = runOf([{ expect: { agent: { any: true }, onFail: 'hangup' } }]);
      run.end(0);
      expect(run.start(0, true)).toEqual([]);
      expect(run.state.status).toBe('failed');
    });
  });
});

describe('a run with a brain is settled when the call ends', () => {
  it('passes only at the call’s end, though its steps are done', () => {
    const run = runOf([{ say: 'Hi' }], true);
    run.start(0);
    run.due(1000);
    expect(run.state).toMatchObject({ phase: 'over', status: 'running', settledAt: null });
    expect(run.end(9000)).toEqual([]);
    expect(run.state).toMatchObject({ status: 'passed', settledAt: 9000 });
  });

  it('passes at once when the call had already ended', () => {
    const run = runOf([], true);
    run.end(500);
    run.start(500, true);
    expect(run.state).toMatchObject({ status: 'passed', settledAt: 500 });
  });

  it('fails at once when a step fails', () => {
    const run = runOf([{ expect: { agent: { contains: 'x' } } }], true);
    run.start(0);
    run.hear(100, said('y'));
    expect(run.state).toMatchObject({ status: 'failed', settledAt: 100 });
  });

  it('a failed turn fails the run; nothing settles it again', () => {
    const run = runOf([], true);
    run.start(0);
    expect(
      run.feed({ kind: 'fail', now: 300, reason: 'brain turn 1: timeout', why: 'the brain failed' }),
    ).toEqual([]);
    expect(run.state).toMatchObject({ status: 'failed', reason: 'brain turn 1: timeout', settledAt: 300 });
    run.feed({ kind: 'fail', now: 400, reason: 'brain turn 2: 500', why: 'the brain failed' });
    run.end(900);
    expect(run.state).toMatchObject({ status: 'failed', reason: 'brain turn 1: timeout', settledAt: 300 });
  });

  it('a failed turn does not undo a passed run', () => {
    const run = runOf([]);
    run.start(0);
    run.feed({ kind: 'fail', now: 300, reason: 'late', why: 'the brain failed' });
    expect(run.state).toMatchObject({ status: 'passed', reason: null, settledAt: 0 });
  });
});

describe('the app’s latency on the steps that judge its utterances', () => {
  it('is kept on the expect that judged the utterance, passed or failed; other steps have none', () => {
    const run = runOf([
      { expect: { agent: { contains: 'hi' } } },
      { expect: { agent: { contains: 'bye' } } },
    ]);
    run.start(0);
    run.hear(100, said('hi there'), 240);
    run.hear(200, said('what?'), 90);
    expect(run.state.steps.map((v) => [v.status, v.latencyMs])).toEqual([
      ['passed', 240],
      ['failed', 90],
    ]);
    expect(run.state.failure).toEqual({
      path: '/steps/1',
      expected: 'the agent says something containing "bye" within 10 s',
      why: 'the agent said something else',
      happened: 'the agent said "what?" after 0.1 s',
    });
  });

  const slow: Array<[string, ScenarioStep]> = [
    ['an expect', { expect: { agent: { contains: 'hi' }, maxLatencyMs: 500 } }],
    [
      'an expect with branches',
      { expect: { branches: [{ agent: { contains: 'hi' }, steps: [] }], maxLatencyMs: 500 } },
    ],
  ];
  for (const [name, step] of slow)
    it(`maxLatencyMs fails ${name} answered slower, and passes one at the limit`, () => {
      const late = runOf([step]);
      late.start(0);
      late.hear(100, said('hi'), 501);
      expect(late.state).toMatchObject({
        status: 'failed',
        failure: { why: 'the agent answered too slowly (maxLatencyMs)' },
      });
      const onTime = runOf([step]);
      onTime.start(0);
      onTime.hear(100, said('hi'), 500);
      expect(onTime.state.status).toBe('passed');
    });

  it('fail-late fails a passed run (a double answer after the script ended); fail does not', () => {
    const run = runOf([{ expect: { agent: { any: true } } }]);
    run.start(0);
    run.hear(100, said('hi'), 10);
    expect(run.state.status).toBe('passed');
    run.feed({ kind: 'fail-late', now: 400, reason: 'twice', why: 'double' });
    expect(run.state).toMatchObject({
      status: 'failed',
      reason: 'twice',
      settledAt: 400,
      failure: { path: null, why: 'double' },
    });
  });
});
