import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_RUNS } from '../scenarios/scenario-book.js';
import type { Scenario } from '../scenarios/types.js';
import { Telephony } from '../telephony.js';
import type { Population } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';

const confirms: Scenario = {
  name: 'confirms',
  steps: [{ say: 'Yes, I will be there.' }, { expect: { agent: { contains: 'great' } } }, { hangup: {} }],
};

function setup(populations: Population[], scenarios: Scenario[] = [confirms], seed = 7) {
  const telephony = new Telephony({ timeScale: 'manual', seed, startTime: T0 });
  telephony.scenarios.catalog.defineAll(scenarios);
  telephony.campaigns.populations.defineAll(populations, (name) => telephony.scenarios.catalog.has(name));
  const agent = telephony.agents.create(USER, { name: 'Reminders' });
  const dial = (to: string) => telephony.calls.create(USER, '+15005550100', { to, agentId: agent.id });
  return { telephony, dial, advance: (s: number) => telephony.clock.advance(s * 1000) };
}

const only = (
  name: string,
  to: Population['match']['to'],
  entry: Omit<Population['mix'][number], 'weight'>,
): Population => ({
  name,
  match: { to },
  mix: [{ ...entry, weight: 1 }],
});

describe('which behaviour a dialled number gets', () => {
  // A scenario's exact `match.to` > a population > a magic number > the default callee.
  const cases: Array<
    [string, { to: string; status: string; run: string | null; population: string | null }]
  > = [
    [
      'a scenario naming the number exactly',
      { to: '+15005550011', status: 'in-progress', run: 'exact', population: null },
    ],
    [
      'a population over a magic number',
      { to: '+15005550012', status: 'busy', run: null, population: 'magic' },
    ],
    [
      'a magic number, when no population claims it',
      { to: '+15005550013', status: 'failed', run: null, population: null },
    ],
    ['the default callee', { to: '+14165550000', status: 'in-progress', run: null, population: null }],
    [
      'a population sending the call to a scenario',
      { to: '+14155550000', status: 'in-progress', run: 'confirms', population: 'morning' },
    ],
  ];
  for (const [name, want] of cases)
    it(name, () => {
      const s = setup(
        [
          only('magic', ['+15005550012'], { outcome: 'busy' }),
          only('morning', { prefix: '+1415555' }, { scenario: 'confirms' }),
        ],
        [confirms, { ...confirms, name: 'exact', match: { to: '+15005550011' } }],
      );
      const call = s.dial(want.to);
      s.advance(30);
      expect(s.telephony.calls.get(USER, call.id).status).toBe(want.status);
      const runs = s.telephony.scenarios.runs().runs;
      expect(runs.map((r) => [r.scenario, r.population])).toEqual(
        want.run ? [[want.run, want.population]] : [],
      );
      const entry = s.telephony.campaigns.ledger.calls.get(call.id);
      expect(entry?.population ?? null).toBe(want.population);
    });

  const outcomes: Array<[Population['mix'][number]['outcome'], Record<string, unknown>]> = [
    ['voicemail', { status: 'in-progress', answeredBy: 'machine' }],
    ['busy', { status: 'busy' }],
    ['no-answer', { status: 'no-answer' }],
    ['failed', { status: 'failed' }],
  ];
  for (const [outcome, want] of outcomes)
    it(`an outcome entry: ${outcome}`, () => {
      const s = setup([only('p', { prefix: '+1415555' }, { outcome })]);
      const call = s.dial('+14155550000');
      s.advance(30);
      expect(s.telephony.calls.get(USER, call.id)).toMatchObject(want);
      expect(s.telephony.campaigns.report().populations).toMatchObject([
        { name: 'p', calls: 1, byEntry: { [outcome as string]: 1 }, runs: 0 },
      ]);
    });

  it('the same seed gives every number the same entry after a restart; runs say which population chose them', () => {
    const morning: Population = {
      name: 'morning',
      match: { to: { prefix: '+1415555' } },
      mix: [
        { scenario: 'confirms', weight: 50 },
        { outcome: 'busy', weight: 50 },
      ],
    };
    const play = () => {
      const s = setup([morning]);
      const ids = Array.from({ length: 20 }, (_, i) => s.dial(`+14155550${String(i).padStart(3, '0')}`).id);
      s.advance(30);
      return ids.map((id) => s.telephony.calls.get(USER, id).status);
    };
    const first = play();
    expect(play()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['busy', 'in-progress']));
  });

  it('a state import (what --state-file does at start) keeps every number’s entry', () => {
    const morning: Population = {
      name: 'morning',
      match: { to: { prefix: '+1415555' } },
      mix: [
        { outcome: 'busy', weight: 50 },
        { outcome: 'failed', weight: 50 },
      ],
    };
    const s = setup([morning]);
    const to = Array.from({ length: 12 }, (_, i) => `+14155550${String(i).padStart(3, '0')}`);
    const before = to.map(
      (n) => s.telephony.campaigns.populations.assign(n, 'agt_x', s.telephony.campaigns.seed)?.entryName,
    );
    s.telephony.restore(s.telephony.snapshot());
    const ids = to.map((n) => s.dial(n).id);
    s.advance(30);
    expect(ids.map((id) => s.telephony.calls.get(USER, id).status)).toEqual(before);
    expect(s.telephony.campaigns.report().populations[0]?.calls).toBe(12);
  });
});

describe('a day of 10,000 calls', () => {
  it('the report counts every run since the reset, though the scenario book keeps only its latest', () => {
    const hangsUp: Scenario = {
      name: 'confirms',
      steps: [
        { say: 'Yes, I will be there.' },
        { expect: { agent: { contains: 'great' }, within: 10, onFail: 'hangup' } },
        { hangup: {} },
      ],
    };
    const s = setup([only('everyone', { prefix: '+1415555' }, { scenario: 'confirms' })], [hangsUp]);
    const ids = Array.from({ length: 10_000 }, (_, i) => s.dial(`+1415555${String(i).padStart(4, '0')}`).id);
    s.advance(6);
    // The app answers every other call; the rest hear nothing and fail at the expect's timeout.
    ids.forEach((id, i) => {
      if (i % 2 === 0) s.telephony.calls.respond(USER, id, 'That is great, see you then.');
    });
    s.advance(20);
    const report = s.telephony.campaigns.report();
    expect(report.calls).toEqual({ total: 10_000, byStatus: { completed: 10_000 } });
    expect(report.runs).toMatchObject({
      runs: 10_000,
      passed: 5_000,
      failed: 5_000,
      running: 0,
      passRate: 50,
    });
    expect(report.runs.latencyMs.count).toBe(5_000);
    expect(report.runs.failures).toEqual([expect.objectContaining({ step: '/steps/1', count: 5_000 })]);
    expect(report.populations).toEqual([
      expect.objectContaining({
        name: 'everyone',
        calls: 10_000,
        runs: 10_000,
        byEntry: { confirms: 10_000 },
      }),
    ]);
    expect(s.telephony.scenarios.runs({ limit: 1 }).count).toBe(MAX_SCENARIO_RUNS);
  });
});
