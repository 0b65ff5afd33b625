import { describe, expect, it } from 'vitest';
import { PopulationCatalog, PopulationError } from './population-catalog.js';
import type { Population } from './types.js';

const known = new Set(['confirms', 'reschedules']);
const exists = (name: string) => known.has(name);

const morning: Population = {
  name: 'morning-reminders',
  match: { to: { prefix: '+1415555' } },
  mix: [
    { scenario: 'confirms', weight: 60 },
    { scenario: 'reschedules', weight: 20 },
    { outcome: 'voicemail', weight: 10 },
    { outcome: 'busy', weight: 5 },
    { outcome: 'no-answer', weight: 5 },
  ],
};

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);

function refusal(work: () => unknown): PopulationError {
  try {
    work();
  } catch (error) {
    if (error instanceof PopulationError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('a population assigns each number an entry', () => {
  it('deterministically from the seed, the name and the number', () => {
    const catalog = new PopulationCatalog();
    catalog.define(morning, exists);
    const again = new PopulationCatalog();
    again.define(morning, exists);
    const entries = (c: PopulationCatalog, seed: number) =>
      numbers(200).map((to) => c.assign(to, 'agt_x', seed)?.entryName);
    expect(entries(again, 7)).toEqual(entries(catalog, 7));
    expect(entries(catalog, 8)).not.toEqual(entries(catalog, 7));
    const renamed = new PopulationCatalog();
    renamed.define({ ...morning, name: 'evening' }, exists);
    expect(entries(renamed, 7)).not.toEqual(entries(catalog, 7));
  });

  it('in shares within 5 points of the weights over 1,000 numbers (a fair draw, for several seeds)', () => {
    const catalog = new PopulationCatalog();
    catalog.define(morning, exists);
    for (const seed of [1, 7, 42]) {
      const counts: Record<string, number> = {};
      for (const to of numbers(1000)) {
        const name = catalog.assign(to, 'agt_x', seed)?.entryName ?? 'none';
        counts[name] = (counts[name] ?? 0) + 1;
      }
      for (const entry of morning.mix) {
        const share = ((counts[entry.scenario ?? entry.outcome ?? ''] ?? 0) / 1000) * 100;
        expect(
          Math.abs(share - entry.weight),
          `${seed} ${JSON.stringify(entry)}: ${share} %`,
        ).toBeLessThanOrEqual(5);
      }
    }
  });

  it('only under its prefix, in its list, and for its agent when it names one', () => {
    const catalog = new PopulationCatalog();
    catalog.define(morning, exists);
    catalog.define(
      {
        name: 'listed',
        match: { to: ['+16505550000'], agentId: 'agt_aaaaaaaaaaaaaaaa' },
        mix: [{ outcome: 'busy', weight: 1 }],
      },
      exists,
    );
    expect(catalog.assign('+14155550123', 'agt_x', 1)?.population).toBe('morning-reminders');
    expect(catalog.assign('+14165550123', 'agt_x', 1)).toBeUndefined();
    expect(catalog.assign('+16505550000', 'agt_aaaaaaaaaaaaaaaa', 1)?.population).toBe('listed');
    expect(catalog.assign('+16505550000', 'agt_bbbbbbbbbbbbbbbb', 1)).toBeUndefined();
  });

  it('a listed number wins over a prefix, a longer prefix over a shorter, an agent’s over anyone’s', () => {
    const catalog = new PopulationCatalog();
    const only = (name: string, to: Population['match']['to'], agentId?: string): Population => ({
      name,
      match: { to, ...(agentId ? { agentId } : {}) },
      mix: [{ outcome: 'busy', weight: 1 }],
    });
    catalog.defineAll(
      [
        only('short', { prefix: '+1415' }),
        only('long', { prefix: '+1415555' }),
        only('long-agent', { prefix: '+1415555' }, 'agt_aaaaaaaaaaaaaaaa'),
        only('listed', ['+14155550001']),
      ],
      exists,
    );
    const who = (to: string, agent = 'agt_x') => catalog.assign(to, agent, 1)?.population;
    expect(who('+14155550001')).toBe('listed');
    expect(who('+14155550001', 'agt_aaaaaaaaaaaaaaaa')).toBe('listed');
    expect(who('+14155550002')).toBe('long');
    expect(who('+14155550002', 'agt_aaaaaaaaaaaaaaaa')).toBe('long-agent');
    expect(who('+14150000000')).toBe('short');
    expect(who('sip:desk@pbx.example.com')).toBeUndefined();
  });
});

describe('the catalog refuses, naming the population and the field', () => {
  const cases: Array<[string, { given: Population[]; code: string; path: string; says: string }]> = [
    [
      'a mix entry naming an unknown scenario',
      {
        given: [{ ...morning, mix: [{ scenario: 'ghost', weight: 1 }] }],
        code: 'invalid_population',
        path: '/mix/0/scenario',
        says: 'Population "morning-reminders": /mix/0/scenario names no scenario: define "ghost" first.',
      },
    ],
    [
      'a mix naming one entry twice',
      {
        given: [
          {
            ...morning,
            mix: [
              { outcome: 'busy', weight: 1 },
              { outcome: 'busy', weight: 2 },
            ],
          },
        ],
        code: 'invalid_population',
        path: '/mix/1',
        says: 'names "busy" twice',
      },
    ],
    [
      'two populations on one prefix',
      {
        given: [morning, { ...morning, name: 'twin' }],
        code: 'population_conflict',
        path: '/match/to/prefix',
        says: 'Population "twin": /match/to/prefix +1415555 is already claimed by "morning-reminders".',
      },
    ],
    [
      'one population defined twice in a list',
      { given: [morning, morning], code: 'invalid_population', path: '/name', says: 'is defined twice' },
    ],
  ];
  for (const [name, { given, code, path, says }] of cases)
    it(name, () => {
      const catalog = new PopulationCatalog();
      const error = refusal(() => catalog.defineAll(given, exists));
      expect([error.code, error.field]).toEqual([code, path]);
      expect(error.message).toContain(says);
      // All or none: nothing of a refused list is kept.
      expect(catalog.list()).toEqual([]);
    });

  it('replacing a population frees the numbers it no longer claims; removing frees them all', () => {
    const catalog = new PopulationCatalog();
    catalog.define(morning, exists);
    catalog.define({ ...morning, match: { to: { prefix: '+1650' } } }, exists);
    catalog.define({ ...morning, name: 'other' }, exists);
    expect(catalog.list().map((p) => p.name)).toEqual(['morning-reminders', 'other']);
    catalog.remove('other');
    expect(catalog.assign('+14155550001', 'agt_x', 1)).toBeUndefined();
    expect(() => catalog.get('other')).toThrow('No population other.');
    expect(catalog.using('confirms')).toBe('morning-reminders');
    expect(catalog.using('nobody')).toBeUndefined();
  });
});
