import { describe, expect, it } from 'vitest';
import { codeOf, domainErrorOf } from '../../../test/support/domain-error-code.js';
import { Telephony, type TelephonyOptions } from '../telephony.js';
import { type BrainRequest, MAX_SCENARIO_RUNS } from './scenario-book.js';
import type { Scenario } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const FROM = '+15005550100';
const NUMBER = '+15005550140';
const BUSY = '+15005550011';
const GREETING = 'Hello, this is the Bistro.';
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function setup(scenarios: Scenario[], options: TelephonyOptions = {}) {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0, ...options });
  telephony.scenarios.catalog.defineAll(scenarios);
  const agent = telephony.agents.create(USER, { name: 'Bistro', greeting: GREETING });
  const book = telephony.scenarios;
  const dial = (to = NUMBER) => telephony.calls.create(USER, FROM, { to, agentId: agent.id }).id;
  const advance = (seconds: number) => telephony.clock.advance(seconds * 1000);
  const call = (id: string) => telephony.calls.get(USER, id);
  const lines = (id: string) => call(id).transcript.map((e) => `${e.speaker}: ${e.text}`);
  const texts = () => telephony.texts.list(USER, {}).data.map((t) => t.body);
  const asked: BrainRequest[] = [];
  book.onBrainRequest((r) => asked.push(r));
  return { telephony, book, agent, dial, advance, call, lines, texts, asked };
}

const script = (
  name: string,
  to: string,
  steps: Scenario['steps'],
  answer?: Scenario['answer'],
): Scenario => ({
  name,
  match: { to },
  ...(answer ? { answer } : {}),
  steps,
});

describe('how a scenario’s callee picks up', () => {
  it.each<[string, Scenario['answer'], { answeredAt: number; by: string }]>([
    ['without answer: after the usual 3 s of ringing, by a human', undefined, { answeredAt: 4, by: 'human' }],
    ['after 0 s of ringing', { after: 0 }, { answeredAt: 1, by: 'human' }],
    ['after 5.5 s, a machine', { after: 5.5, by: 'machine' }, { answeredAt: 6.5, by: 'machine' }],
    ['by a human, named', { by: 'human' }, { answeredAt: 4, by: 'human' }],
  ])('on the magic busy number too: %s', (_name, answer, want) => {
    const s = setup([script('x', BUSY, [{ wait: 60 }], answer)]);
    const id = s.dial(BUSY);
    s.advance(want.answeredAt - 0.001);
    expect(s.call(id).status).not.toBe('in-progress');
    s.advance(0.001);
    expect(s.call(id)).toMatchObject({
      status: 'in-progress',
      answeredBy: want.by,
      answeredAt: at(want.answeredAt),
    });
  });

  it('a machine’s voicemail greeting is not the agent’s: a first expect waits for the agent', () => {
    const s = setup([script('x', NUMBER, [{ expect: { agent: { any: true } } }], { by: 'machine' })]);
    const id = s.dial();
    s.advance(4);
    expect(s.book.run(id).status).toBe('running');
    s.telephony.calls.respond(USER, id, 'Hi, leaving a message.');
    expect(s.book.run(id).steps[0]?.happened).toBe('the agent said "Hi, leaving a message." after 0 s');
  });
});

describe('what the agent does, as the callee hears it', () => {
  it.each<[string, Parameters<Telephony['calls']['injectAudio']>[2], string]>([
    [
      'audio from a URL, by its URL',
      { url: 'https://cdn.example.com/hold.mp3' },
      'the agent played https://cdn.example.com/hold.mp3',
    ],
    [
      'inline audio, by its format and size',
      { content: 'AAAAAA==', format: 'wav' },
      'the agent played inline wav audio (4 bytes)',
    ],
  ])('%s', (_name, audio, happened) => {
    const s = setup([script('x', NUMBER, [{ wait: 1 }, { expect: { agent: { audio: true } } }])]);
    const id = s.dial();
    s.advance(4 + 1 + 2);
    s.telephony.calls.injectAudio(USER, id, audio);
    expect(s.book.run(id).steps[1]).toMatchObject({ status: 'passed', happened: `${happened} after 2 s` });
  });

  it('each respond is judged by the expect that is listening, and only that one', () => {
    const s = setup([
      script('x', NUMBER, [
        { expect: { agent: { contains: 'bistro' } } },
        { say: 'A table?', pause: 2 },
        { expect: { agent: { contains: 'yes' } } },
      ]),
    ]);
    const id = s.dial();
    s.advance(4);
    // Said while the callee's say is still due: not judged.
    s.telephony.calls.respond(USER, id, 'One moment');
    s.advance(2);
    expect(s.lines(id).at(-1)).toBe('callee: A table?');
    s.telephony.calls.respond(USER, id, 'Yes, we have one');
    expect(s.book.run(id).steps.map((v) => v.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('the callee answers on the clock’s next move, after everyone has heard the agent', () => {
    const s = setup([
      script('x', NUMBER, [
        { wait: 1 },
        { expect: { agent: { any: true } } },
        { say: 'Hi {{call.from}}', pause: 0 },
      ]),
    ]);
    const heard: string[] = [];
    s.telephony.onEvent((e) => {
      if (e.kind === 'call') heard.push(e.type);
    });
    const id = s.dial();
    s.advance(5);
    s.telephony.calls.respond(USER, id, 'Anyone there?');
    expect(s.lines(id).at(-1)).toBe('agent: Anyone there?');
    s.advance(0);
    expect(s.lines(id).at(-1)).toBe(`callee: Hi ${FROM}`);
    expect(heard.slice(-2)).toEqual(['call.response.spoken', 'call.callee.spoke']);
    expect(s.book.run(id).status).toBe('passed');
  });
});

describe('what the callee does after the call has ended', () => {
  it('a call canceled while ringing runs its steps at once: an expect fails, a text is sent', () => {
    const s = setup([script('x', NUMBER, [{ text: 'Missed you' }, { expect: { agent: { any: true } } }])]);
    const id = s.dial();
    s.advance(2);
    s.telephony.calls.hangUp(USER, id);
    expect(s.call(id).status).toBe('canceled');
    s.advance(0);
    expect(s.texts()).toEqual(['Missed you']);
    expect(s.book.run(id)).toMatchObject({
      status: 'failed',
      reason: 'step /steps/1: the call had ended before the agent said anything',
      settledAt: at(2),
    });
  });

  it('a say that is due when the agent hangs up is skipped, saying why', () => {
    const s = setup([script('x', NUMBER, [{ say: 'Hi', pause: 3 }, { wait: 1 }])]);
    const id = s.dial();
    s.advance(5);
    s.telephony.calls.hangUp(USER, id);
    s.advance(3);
    expect(s.book.run(id).steps.map((v) => [v.status, v.happened])).toEqual([
      ['skipped', 'the call ended (agent-hangup)'],
      ['passed', 'waited'],
    ]);
    expect(s.lines(id)).toEqual([`agent: ${GREETING}`]);
  });

  it('a text is still sent; a say and a hangup are skipped; nothing throws on the clock', () => {
    const s = setup([
      script('x', NUMBER, [
        { wait: 10 },
        { say: 'Hello?' },
        { text: 'Call me, {{call.to}}' },
        { hangup: {} },
      ]),
    ]);
    const id = s.dial();
    s.advance(4);
    s.telephony.calls.hangUp(USER, id);
    s.advance(10);
    expect(s.texts()).toEqual([`Call me, ${NUMBER}`]);
    expect(s.book.run(id).steps.map((v) => v.status)).toEqual(['passed', 'skipped', 'passed', 'skipped']);
    expect(s.telephony.clock.failures.count).toBe(0);
  });

  it.each<[string, Scenario['steps']]>([
    ['a say', [{ say: 'Hi', pause: 5 }]],
    ['a hangup', [{ hangup: {}, pause: 5 }]],
  ])('%s due the instant the call reaches its longest duration is not done', (_name, steps) => {
    const s = setup([script('x', NUMBER, steps)]);
    const id = s.telephony.calls.create(USER, FROM, {
      to: NUMBER,
      agentId: s.agent.id,
      maxDurationSeconds: 5,
    }).id;
    s.advance(4 + 5);
    expect(s.call(id)).toMatchObject({ status: 'completed' });
    expect(s.call(id).endedReason).not.toBe('callee-hangup');
    expect(s.lines(id)).toEqual([`agent: ${GREETING}`]);
    expect(s.telephony.clock.failures.count).toBe(0);
  });

  it('onFail: hangup on a call the agent hangs up in the same instant does nothing more', () => {
    const s = setup([
      script('x', NUMBER, [{ wait: 1 }, { expect: { agent: { contains: 'no' }, onFail: 'hangup' } }]),
    ]);
    const id = s.dial();
    s.advance(5);
    s.telephony.calls.respond(USER, id, 'Yes');
    expect(s.book.run(id).status).toBe('failed');
    s.telephony.calls.hangUp(USER, id);
    s.advance(0);
    expect(s.call(id).endedReason).toBe('agent-hangup');
    expect(s.telephony.clock.failures.count).toBe(0);
  });

  it('a call the mock has forgotten gets nothing more from its script', () => {
    const s = setup([script('x', NUMBER, [{ hangup: {} }, { wait: 30 }, { text: 'late' }])], { retain: 1 });
    const id = s.dial();
    s.advance(4);
    expect(s.call(id).status).toBe('completed');
    // Two more finished calls push the first out of the user's space.
    for (const _ of [1, 2]) {
      const other = s.dial('+14155550123');
      s.advance(1);
      s.telephony.calls.hangUp(USER, other);
    }
    expect(codeOf(() => s.call(id))).toBe('not_found:call_not_found');
    s.advance(30);
    expect(s.texts()).toEqual([]);
    expect(s.book.run(id).status).toBe('passed');
    expect(s.telephony.clock.failures.count).toBe(0);
  });
});

describe('the runs', () => {
  it('a run shows its call, user, scenario, start and verdict, as a copy', () => {
    const s = setup([script('x', NUMBER, [{ say: 'Hi' }])]);
    s.advance(1);
    const id = s.dial();
    const run = s.book.run(id);
    expect(run).toEqual({
      callId: id,
      userId: USER,
      scenario: 'x',
      population: null,
      status: 'running',
      reason: null,
      startedAt: at(1),
      settledAt: null,
      steps: [expect.objectContaining({ path: '/steps/0', status: 'pending' })],
      brainTurns: [],
      doubleAnswer: null,
    });
    (run.steps[0] as { status: string }).status = 'failed';
    s.advance(5);
    expect(s.book.run(id)).toMatchObject({
      status: 'passed',
      settledAt: at(6),
      steps: [{ status: 'passed', at: at(6) }],
    });
  });

  it('a call that follows no scenario has no run: 404 naming it', () => {
    const s = setup([]);
    const id = s.dial();
    expect(domainErrorOf(() => s.book.run(id))).toMatchObject({
      kind: 'not_found',
      code: 'scenario_run_not_found',
      message: `Call ${id} follows no scenario.`,
    });
  });

  it('lists newest first, filtered by status and scenario, at most `limit`, and counts all that match', () => {
    const s = setup([
      script('pass', NUMBER, []),
      script('fail', '+15005550141', [{ expect: { agent: { contains: 'nope' } } }]),
    ]);
    const [p1, f1, p2, f2, p3] = [NUMBER, '+15005550141', NUMBER, '+15005550141', NUMBER].map((to) =>
      s.dial(to),
    );
    s.advance(4);
    const ids = (filter: Parameters<typeof s.book.runs>[0]) => {
      const { runs, count } = s.book.runs(filter);
      return { ids: runs.map((r) => r.callId), count };
    };
    expect(ids({})).toEqual({ ids: [p3, f2, p2, f1, p1], count: 5 });
    expect(ids({ status: 'failed' })).toEqual({ ids: [f2, f1], count: 2 });
    expect(ids({ scenario: 'pass' })).toEqual({ ids: [p3, p2, p1], count: 3 });
    expect(ids({ scenario: 'pass', status: 'failed' })).toEqual({ ids: [], count: 0 });
    expect(ids({ status: 'passed', limit: 2 })).toEqual({ ids: [p3, p2], count: 3 });
    expect(s.book.runs().runs[0]).toMatchObject({
      callId: p3,
      scenario: 'pass',
      status: 'passed',
      settledAt: at(4),
    });
  });

  it('lists 100 by default', () => {
    const s = setup([script('x', NUMBER, [])]);
    for (let i = 0; i < 101; i++) s.dial();
    expect(s.book.runs()).toMatchObject({ count: 101 });
    expect(s.book.runs().runs).toHaveLength(100);
  });

  it(`keeps the runs of the latest ${MAX_SCENARIO_RUNS} ended calls; the one ended first is forgotten with its timers`, () => {
    const s = setup([
      script('late-text', NUMBER, [{ wait: 60 }, { text: 'late' }], { outcome: 'failed', after: 0 }),
      script('quick', '+15005550141', [], { outcome: 'failed', after: 0 }),
    ]);
    const first = s.dial();
    const second = s.dial();
    s.advance(1);
    for (let i = 0; i < MAX_SCENARIO_RUNS - 2; i++) s.dial('+15005550141');
    // Live (not yet failed), the last one does not push a run out.
    const live = s.dial('+15005550141');
    expect(s.book.run(first).scenario).toBe('late-text');
    s.advance(1);
    expect(codeOf(() => s.book.run(first))).toBe('not_found:scenario_run_not_found');
    expect(s.book.run(second).scenario).toBe('late-text');
    expect(s.book.run(live).scenario).toBe('quick');
    expect(s.book.runs({ limit: 1 }).count).toBe(MAX_SCENARIO_RUNS);
    s.advance(61);
    // The forgotten run's text never comes; the kept one's does.
    expect(s.texts()).toEqual(['late']);
  });

  it('never forgets the run of a live call, however many are live; the report counts them all', () => {
    const s = setup([script('x', NUMBER, [{ say: 'Hi' }, { wait: 10 }, { hangup: {} }], { after: 5 })]);
    const ids = Array.from({ length: MAX_SCENARIO_RUNS + 10 }, () => s.dial());
    s.advance(7);
    const first = ids[0] as string;
    expect(s.lines(first)).toEqual([`agent: ${GREETING}`, 'callee: Hi']);
    expect(s.book.run(first).status).toBe('running');
    expect(s.book.runs({ limit: 1 }).count).toBe(MAX_SCENARIO_RUNS + 10);
    s.advance(10);
    // Every call was hung up by its script (no timer of the first was cancelled).
    expect(s.telephony.campaigns.report().runs).toMatchObject({
      runs: MAX_SCENARIO_RUNS + 10,
      passed: MAX_SCENARIO_RUNS + 10,
    });
    expect(s.telephony.campaigns.report().calls.byStatus).toEqual({ completed: MAX_SCENARIO_RUNS + 10 });
    expect(s.book.runs({ limit: 1 }).count).toBe(MAX_SCENARIO_RUNS);
  });

  it('clearRuns forgets every run and its timers; the scenarios stay', () => {
    const s = setup([script('x', NUMBER, [{ text: 'soon', pause: 5 }])]);
    const id = s.dial();
    s.advance(1);
    s.book.clearRuns();
    s.advance(10);
    expect(codeOf(() => s.book.run(id))).toBe('not_found:scenario_run_not_found');
    expect(s.texts()).toEqual([]);
    expect(s.book.catalog.list().map((x) => x.name)).toEqual(['x']);
  });
});

describe('a brain', () => {
  const brainy = (brain: Scenario['brain'], steps?: Scenario['steps']): Scenario => ({
    name: 'brainy',
    match: { to: NUMBER },
    brain,
    ...(steps ? { steps } : {}),
  });

  it('is asked with the scenario, the call, the utterance and its own timeout, turn by turn', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain', timeoutMs: 250 })]);
    const id = s.dial();
    s.advance(4);
    s.advance(1);
    s.telephony.calls.injectAudio(USER, id, { url: 'https://cdn.example.com/hold.mp3' });
    expect(
      s.asked.map(({ userId, callId, turn, url, timeoutMs }) => ({ userId, callId, turn, url, timeoutMs })),
    ).toEqual([
      { userId: USER, callId: id, turn: 0, url: 'http://127.0.0.1:9/brain', timeoutMs: 250 },
      { userId: USER, callId: id, turn: 1, url: 'http://127.0.0.1:9/brain', timeoutMs: 250 },
    ]);
    expect(s.asked[0]?.payload).toMatchObject({
      type: 'scenario.turn',
      scenario: 'brainy',
      utterance: { kind: 'speech', text: GREETING },
      call: { id, status: 'in-progress' },
    });
    expect(s.asked[1]?.payload.utterance).toEqual({
      kind: 'audio',
      text: 'https://cdn.example.com/hold.mp3',
    });
    expect(s.book.run(id).brainTurns).toEqual([
      { at: at(4), utterance: GREETING, say: null, hangup: false, error: null, latencyMs: null },
      {
        at: at(5),
        utterance: 'https://cdn.example.com/hold.mp3',
        say: null,
        hangup: false,
        error: null,
        latencyMs: null,
      },
    ]);
  });

  it('a listener that stopped listening is not asked', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })]);
    const late: BrainRequest[] = [];
    const stop = s.book.onBrainRequest((r) => late.push(r));
    const id = s.dial();
    s.advance(4);
    stop();
    s.telephony.calls.respond(USER, id, 'Anyone there?');
    expect(late).toHaveLength(1);
    expect(s.asked).toHaveLength(2);
  });

  it('keeps each answer with its latency; says and hangs up in one answer', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })]);
    const id = s.dial();
    s.advance(4);
    s.book.brainAnswered(id, 0, { ok: true, say: 'Bye then.', hangup: true, latencyMs: 12 });
    expect(s.lines(id).at(-1)).toBe('callee: Bye then.');
    expect(s.call(id)).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
    expect(s.book.run(id)).toMatchObject({
      status: 'passed',
      settledAt: at(4),
      brainTurns: [{ say: 'Bye then.', hangup: true, error: null, latencyMs: 12 }],
    });
  });

  it.each<[string, { say: string | null; hangup: boolean }, { line: string | null; status: string }]>([
    [
      'silence ({}) leaves the line as it was',
      { say: null, hangup: false },
      { line: null, status: 'in-progress' },
    ],
    ['a hang-up alone says nothing', { say: null, hangup: true }, { line: null, status: 'completed' }],
    [
      'words alone keep the call going',
      { say: 'Go on.', hangup: false },
      { line: 'callee: Go on.', status: 'in-progress' },
    ],
  ])('%s', (_name, answer, want) => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })]);
    const id = s.dial();
    s.advance(4);
    s.book.brainAnswered(id, 0, { ok: true, ...answer, latencyMs: 5 });
    expect(s.lines(id)).toEqual([`agent: ${GREETING}`, ...(want.line ? [want.line] : [])]);
    expect(s.call(id).status).toBe(want.status);
  });

  it('an answer for a call the mock no longer keeps is kept in the run and otherwise ignored', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })], { retain: 1 });
    const id = s.dial();
    s.advance(4);
    s.telephony.calls.hangUp(USER, id);
    for (const _ of [1, 2]) s.telephony.calls.hangUp(USER, s.dial('+14155550123'));
    expect(codeOf(() => s.call(id))).toBe('not_found:call_not_found');
    s.book.brainAnswered(id, 0, { ok: true, say: 'Hello?', hangup: false, latencyMs: 900 });
    expect(s.book.run(id).brainTurns[0]).toMatchObject({ say: 'Hello?', latencyMs: 900 });
  });

  it('an answer that comes after the call ended is kept but not acted on', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })]);
    const id = s.dial();
    s.advance(4);
    s.telephony.calls.hangUp(USER, id);
    s.book.brainAnswered(id, 0, { ok: true, say: 'Hello?', hangup: true, latencyMs: 40 });
    expect(s.call(id).endedReason).toBe('agent-hangup');
    expect(s.lines(id)).toEqual([`agent: ${GREETING}`]);
    expect(s.book.run(id)).toMatchObject({
      status: 'passed',
      brainTurns: [{ say: 'Hello?', hangup: true, latencyMs: 40 }],
    });
  });

  it('a failed turn keeps its error and latency, and fails the run', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })]);
    const id = s.dial();
    s.advance(4);
    s.advance(2);
    s.book.brainAnswered(id, 0, {
      ok: false,
      error: 'timeout: no complete answer within 5000 ms',
      latencyMs: null,
    });
    expect(s.book.run(id)).toMatchObject({
      status: 'failed',
      reason: 'brain turn 1: timeout: no complete answer within 5000 ms',
      settledAt: at(6),
      brainTurns: [{ error: 'timeout: no complete answer within 5000 ms', latencyMs: null, say: null }],
    });
    expect(s.call(id).status).toBe('in-progress');
  });

  it('answers to unknown calls or turns are ignored', () => {
    const s = setup([brainy({ url: 'http://127.0.0.1:9/brain' })]);
    const id = s.dial();
    s.advance(4);
    s.book.brainAnswered('call_unknown', 0, { ok: true, say: 'x', hangup: true, latencyMs: 1 });
    s.book.brainAnswered(id, 1, { ok: false, error: 'late', latencyMs: 1 });
    expect(s.book.run(id)).toMatchObject({ status: 'running', brainTurns: [{ latencyMs: null }] });
    expect(s.call(id).status).toBe('in-progress');
  });

  it('with steps too: the steps are judged and the brain is asked; the run settles when the call ends', () => {
    const s = setup([
      brainy({ url: 'http://127.0.0.1:9/brain' }, [{ expect: { agent: { contains: 'bistro' } } }]),
    ]);
    const id = s.dial();
    s.advance(4);
    expect(s.asked).toHaveLength(1);
    expect(s.book.run(id)).toMatchObject({ status: 'running', steps: [{ status: 'passed' }] });
    s.telephony.calls.hangUp(USER, id);
    expect(s.book.run(id)).toMatchObject({ status: 'passed', settledAt: at(4) });
  });

  it('a failed step stops the brain being asked', () => {
    const s = setup([
      brainy({ url: 'http://127.0.0.1:9/brain' }, [{ expect: { agent: { contains: 'nope' } } }]),
    ]);
    s.dial();
    s.advance(4);
    expect(s.asked).toHaveLength(0);
  });
});
