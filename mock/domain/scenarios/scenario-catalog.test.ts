import { describe, expect, it } from 'vitest';
import { codeOf, domainErrorOf } from '../../../test/support/domain-error-code.js';
import { ScenarioCatalog, ScenarioError } from './scenario-catalog.js';
import type { Scenario } from './types.js';

const A = '+15005550140';
const B = '+15005550141';
const C = '+15005550142';
const SIP = 'sip:desk@pbx.example.com';

const scenario = (
  name: string,
  to: NonNullable<Scenario['match']>['to'],
  more: Partial<Scenario> = {},
): Scenario => ({
  name,
  match: { to },
  steps: [],
  ...more,
});

/** The refusal a command throws, as the admin API shows it. */
function refusal(run: () => unknown) {
  const error = domainErrorOf(run);
  expect(error).toBeInstanceOf(ScenarioError);
  const { kind, code, field, message } = error;
  return {
    kind,
    code,
    field,
    message,
    scenario: (error as ScenarioError).scenario,
    errors: (error as ScenarioError).errors,
  };
}

describe('ScenarioError: the scenario, the step and the field', () => {
  it('names where each wrong field sits, steps and branches counted from 0', () => {
    const error = new ScenarioError('booking', [
      { path: '/steps/2/expect/branches/1/steps/0/say', message: 'has {{x}}' },
      { path: '/match/to/1', message: 'is taken' },
      { path: '', message: 'is not an object' },
    ]);
    expect(error.message).toBe(
      'Scenario "booking": step 2, branch 1, step 0: /steps/2/expect/branches/1/steps/0/say has {{x}}; /match/to/1 is taken; / is not an object.',
    );
    expect(error).toMatchObject({
      name: 'ScenarioError',
      kind: 'invalid',
      code: 'invalid_scenario',
      scenario: 'booking',
    });
    expect(error.field).toBe('/steps/2/expect/branches/1/steps/0/say');
    expect(error).toBeInstanceOf(Error);
  });

  it('counts steps past 9', () => {
    const error = new ScenarioError('long', [
      { path: '/steps/12/expect/branches/10/agent/regex', message: 'is wrong' },
    ]);
    expect(error.message).toBe(
      'Scenario "long": step 12, branch 10: /steps/12/expect/branches/10/agent/regex is wrong.',
    );
  });

  it('a conflict is its own kind', () => {
    const error = new ScenarioError('x', [{ path: '/match/to', message: 'is claimed' }], 'conflict');
    expect(error).toMatchObject({ kind: 'conflict', code: 'scenario_conflict', field: '/match/to' });
    expect(error.message).toBe('Scenario "x": /match/to is claimed.');
  });
});

describe('what the catalog refuses', () => {
  it.each<[string, Scenario, Array<{ path: string; message: string }>]>([
    [
      'neither steps nor a brain',
      { name: 'x', match: { to: A } },
      [{ path: '/steps', message: 'is required when there is no brain' }],
    ],
    [
      'a text from a sip: callee',
      scenario('x', SIP, { steps: [{ say: 'hi' }, { text: 'hi' }, { text: 'again' }] }),
      [{ path: '/steps/1/text', message: 'cannot be sent: a sip: callee has no number to text from' }],
    ],
    [
      'a text inside a branch, when one of the numbers is sip:',
      scenario('x', [A, SIP], {
        steps: [{ expect: { branches: [{ agent: { any: true }, steps: [{ wait: 1 }, { text: 'hi' }] }] } }],
      }),
      [
        {
          path: '/steps/0/expect/branches/0/steps/1/text',
          message: 'cannot be sent: a sip: callee has no number to text from',
        },
      ],
    ],
    [
      'a placeholder and a pattern, all reported at once',
      scenario('x', A, { steps: [{ say: '{{nope}}' }, { expect: { agent: { regex: '(' } } }] }),
      [
        { path: '/steps/0/say', message: 'has {{nope}}; use {{match.N}} or {{call.to}}' },
        {
          path: '/steps/1/expect/agent/regex',
          message: expect.stringMatching(/^is not a JavaScript pattern/),
        },
      ],
    ],
  ])('%s', (_name, given, errors) => {
    const catalog = new ScenarioCatalog();
    expect(refusal(() => catalog.define(given))).toMatchObject({
      kind: 'invalid',
      code: 'invalid_scenario',
      scenario: 'x',
      field: errors[0]?.path,
      errors,
    });
    expect(catalog.list()).toEqual([]);
  });

  it.each<[string, Scenario]>([
    ['a brain without steps', { name: 'x', match: { to: A }, brain: { url: 'http://127.0.0.1:9/brain' } }],
    ['no steps at all', scenario('x', A)],
    ['a text from an E.164 callee', scenario('x', A, { steps: [{ text: 'hi' }] })],
    ['a sip: callee that only talks', scenario('x', SIP, { steps: [{ say: 'hi' }, { hangup: {} }] })],
  ])('takes %s', (_name, given) => {
    const catalog = new ScenarioCatalog();
    expect(catalog.define(given)).toEqual(given);
  });
});

describe('claims: one scenario per number and agent', () => {
  it.each<[string, Scenario, string | null]>([
    ['the same number, no agent named', scenario('second', A), '/match/to'],
    ['the same number in a list', scenario('second', [C, A]), '/match/to/1'],
    ['another number', scenario('second', [B, C]), null],
    ['the same number for one agent', scenario('second', A, { match: { to: A, agentId: 'agt_1' } }), null],
  ])('%s', (_name, second, conflict) => {
    const catalog = new ScenarioCatalog();
    catalog.define(scenario('first', A));
    if (conflict === null) {
      expect(catalog.define(second).name).toBe('second');
      return;
    }
    expect(refusal(() => catalog.define(second))).toMatchObject({
      kind: 'conflict',
      code: 'scenario_conflict',
      field: conflict,
      errors: [{ path: conflict, message: `${A} is already claimed by "first"` }],
    });
    expect(catalog.list().map((s) => s.name)).toEqual(['first']);
  });

  it('two agents’ scenarios share a number; the same agent’s do not', () => {
    const catalog = new ScenarioCatalog();
    catalog.define(scenario('one', A, { match: { to: A, agentId: 'agt_1' } }));
    catalog.define(scenario('two', A, { match: { to: A, agentId: 'agt_2' } }));
    expect(codeOf(() => catalog.define(scenario('three', A, { match: { to: A, agentId: 'agt_2' } })))).toBe(
      'conflict:scenario_conflict',
    );
  });

  it('lists every number that is taken', () => {
    const catalog = new ScenarioCatalog();
    catalog.defineAll([scenario('first', A), scenario('other', B)]);
    expect(refusal(() => catalog.define(scenario('x', [A, C, B]))).errors).toEqual([
      { path: '/match/to/0', message: `${A} is already claimed by "first"` },
      { path: '/match/to/2', message: `${B} is already claimed by "other"` },
    ]);
  });

  it('a scenario may claim its own numbers again', () => {
    const catalog = new ScenarioCatalog();
    catalog.define(scenario('first', [A, B]));
    catalog.define(scenario('first', [B, A], { description: 'again' }));
    expect(catalog.get('first')).toMatchObject({ match: { to: [B, A] }, description: 'again' });
  });

  it('the call finds its scenario: one naming the agent wins, the others fall back', () => {
    const catalog = new ScenarioCatalog();
    catalog.defineAll([
      scenario('any-agent', [A, B]),
      scenario('agent-1', A, { match: { to: A, agentId: 'agt_1' } }),
    ]);
    expect(catalog.claim(A, 'agt_1')?.scenario.name).toBe('agent-1');
    expect(catalog.claim(A, 'agt_2')?.scenario.name).toBe('any-agent');
    expect(catalog.claim(B, 'agt_1')?.scenario.name).toBe('any-agent');
    expect(catalog.claim(C, 'agt_1')).toBeUndefined();
  });

  it('the claimed entry carries the compiled script', () => {
    const catalog = new ScenarioCatalog();
    catalog.define(scenario('x', A, { steps: [{ say: 'Hi' }, { hangup: {} }] }));
    expect(catalog.claim(A, 'agt_1')?.script.nodes.map((n) => n.kind)).toEqual(['say', 'hangup']);
  });
});

describe('defining, replacing and removing', () => {
  it('loads several at once or none: a bad one, a name twice or a clash inside the batch', () => {
    const catalog = new ScenarioCatalog();
    catalog.define(scenario('kept', C));
    const good = scenario('good', A);
    expect(codeOf(() => catalog.defineAll([good, scenario('bad', B, { steps: [{ say: '{{x}}' }] })]))).toBe(
      'invalid:invalid_scenario',
    );
    expect(refusal(() => catalog.defineAll([good, scenario('other', B), scenario('good', B)]))).toMatchObject(
      {
        kind: 'invalid',
        scenario: 'good',
        errors: [{ path: '/name', message: 'is defined twice' }],
      },
    );
    expect(refusal(() => catalog.defineAll([good, scenario('twin', A)]))).toMatchObject({
      kind: 'conflict',
      scenario: 'twin',
    });
    expect(catalog.list().map((s) => s.name)).toEqual(['kept']);
    // The refused batches claimed nothing.
    expect(catalog.claim(A, 'agt_1')).toBeUndefined();
    expect(catalog.define(scenario('twin', [A, B])).name).toBe('twin');
  });

  it('a batch may move a number from one scenario to another', () => {
    const catalog = new ScenarioCatalog();
    catalog.defineAll([scenario('first', A), scenario('second', B)]);
    catalog.defineAll([scenario('first', C), scenario('second', A)]);
    expect(catalog.claim(A, 'agt_1')?.scenario.name).toBe('second');
    expect(catalog.claim(B, 'agt_1')).toBeUndefined();
    expect(catalog.claim(C, 'agt_1')?.scenario.name).toBe('first');
  });

  it('replaces in place, forgetting the numbers it no longer claims', () => {
    const catalog = new ScenarioCatalog();
    catalog.defineAll([scenario('first', [A, B]), scenario('later', C)]);
    catalog.define(scenario('first', B));
    expect(catalog.list().map((s) => [s.name, s.match?.to])).toEqual([
      ['first', B],
      ['later', C],
    ]);
    expect(catalog.claim(A, 'agt_1')).toBeUndefined();
    expect(catalog.define(scenario('new', A)).name).toBe('new');
  });

  it('removes a scenario and frees its numbers, and only its', () => {
    const catalog = new ScenarioCatalog();
    catalog.defineAll([scenario('first', [A, B]), scenario('later', C)]);
    catalog.remove('first');
    expect(catalog.list().map((s) => s.name)).toEqual(['later']);
    expect(catalog.claim(A, 'agt_1')).toBeUndefined();
    expect(catalog.claim(C, 'agt_1')?.scenario.name).toBe('later');
    expect(catalog.define(scenario('again', [A, B])).name).toBe('again');
    expect(codeOf(() => catalog.remove('first'))).toBe('not_found:scenario_not_found');
  });

  it('get and remove of an unknown name are 404s naming it', () => {
    const catalog = new ScenarioCatalog();
    expect(domainErrorOf(() => catalog.get('nope'))).toMatchObject({
      kind: 'not_found',
      code: 'scenario_not_found',
      message: 'No scenario nope.',
    });
    expect(domainErrorOf(() => catalog.remove('nope')).message).toBe('No scenario nope.');
  });

  it('keeps its own copies: changing what was given or what was read changes nothing', () => {
    const catalog = new ScenarioCatalog();
    const given = scenario('x', A, { steps: [{ say: 'Hi' }] });
    const defined = catalog.define(given);
    (given.steps?.[0] as { say: string }).say = 'changed';
    (defined.steps?.[0] as { say: string }).say = 'changed';
    (catalog.get('x').steps?.[0] as { say: string }).say = 'changed';
    (catalog.list()[0]?.steps?.[0] as { say: string }).say = 'changed';
    expect(catalog.get('x').steps).toEqual([{ say: 'Hi' }]);
    expect(catalog.claim(A, 'agt_1')?.scenario.steps).toEqual([{ say: 'Hi' }]);
  });

  it('check judges against the claims it is given, and stores nothing', () => {
    const catalog = new ScenarioCatalog();
    expect(catalog.check(scenario('x', A, { steps: [{ wait: 1 }] })).script.nodes).toHaveLength(1);
    catalog.define(scenario('y', A));
    expect(codeOf(() => catalog.check(scenario('x', A)))).toBe('conflict:scenario_conflict');
    expect(codeOf(() => catalog.check(scenario('x', A), new Map()))).toBe('no error');
    // A new definition of a scenario does not clash with the numbers it claims already.
    expect(codeOf(() => catalog.check(scenario('y', [A, B])))).toBe('no error');
    expect(catalog.list().map((s) => s.name)).toEqual(['y']);
  });
});
