import { describe, expect, it } from 'vitest';
import { compileScript } from './script.js';
import type { Scenario, ScenarioStep } from './types.js';

const scenario = (steps?: ScenarioStep[]): Scenario => ({
  name: 'x',
  match: { to: '+15005550140' },
  ...(steps ? { steps } : {}),
});
const compile = (steps?: ScenarioStep[]) => compileScript(scenario(steps));

describe('compileScript: the steps as a flat list with jumps', () => {
  it('has nothing to run without steps (a brain-only scenario) or with none', () => {
    expect(compile().script).toEqual({ nodes: [], first: null });
    expect(compile([]).script).toEqual({ nodes: [], first: null });
  });

  it('runs top-level steps in order and ends after the last', () => {
    const { script, errors } = compile([{ say: 'Hi' }, { wait: 2 }, { hangup: {} }]);
    expect(errors).toEqual([]);
    expect(script.first).toBe(0);
    expect(script.nodes.map((n) => [n.path, n.depth, n.kind, n.next])).toEqual([
      ['/steps/0', 0, 'say', 1],
      ['/steps/1', 0, 'wait', 2],
      ['/steps/2', 0, 'hangup', null],
    ]);
  });

  it('puts each branch’s steps after its expect; each branch goes on after the expect', () => {
    const { script } = compile([
      { say: 'Any table?' },
      {
        expect: {
          branches: [
            { agent: { contains: 'yes' }, steps: [{ say: 'Great.' }, { expect: { agent: { any: true } } }] },
            { agent: { contains: 'no' }, steps: [] },
            { agent: { contains: 'maybe' }, steps: [{ wait: 1 }] },
          ],
        },
      },
      { hangup: {} },
    ]);
    expect(script.nodes.map((n) => [n.path, n.depth, n.kind, n.next])).toEqual([
      ['/steps/0', 0, 'say', 1],
      ['/steps/1', 0, 'expect', 5],
      ['/steps/1/expect/branches/0/steps/0', 1, 'say', 3],
      ['/steps/1/expect/branches/0/steps/1', 1, 'expect', 5],
      ['/steps/1/expect/branches/2/steps/0', 1, 'wait', 5],
      ['/steps/2', 0, 'hangup', null],
    ]);
    // An empty branch goes straight on to the step after the expect.
    expect(script.nodes[1]?.branches.map(({ start, from, to }) => ({ start, from, to }))).toEqual([
      { start: 2, from: 2, to: 4 },
      { start: 5, from: 4, to: 4 },
      { start: 4, from: 4, to: 5 },
    ]);
    expect(script.nodes[1]?.branches.map((b) => b.agent)).toEqual([
      { contains: 'yes' },
      { contains: 'no' },
      { contains: 'maybe' },
    ]);
    expect(script.nodes.filter((_, i) => i !== 1).every((n) => n.branches.length === 0)).toBe(true);
  });

  it('a last expect’s branches end the script', () => {
    const { script } = compile([
      {
        expect: {
          branches: [
            { agent: { any: true }, steps: [{ say: 'Bye' }] },
            { agent: { any: true }, steps: [] },
          ],
        },
      },
    ]);
    expect(script.nodes.map((n) => n.next)).toEqual([null, null]);
    expect(script.nodes[0]?.branches.map((b) => b.start)).toEqual([1, null]);
  });

  it.each<[string, ScenarioStep, string]>([
    ['say', { say: 'Hi there' }, 'the callee says "Hi there"'],
    ['say with a pause', { say: 'Hi', pause: 3 }, 'the callee says "Hi"'],
    [
      'expect, 10 s by default',
      { expect: { agent: { contains: 'hello' } } },
      'the agent says something containing "hello" within 10 s',
    ],
    [
      'expect within 2.5 s',
      { expect: { agent: { any: true }, within: 2.5 } },
      'the agent says or plays anything within 2.5 s',
    ],
    [
      'expect with branches',
      {
        expect: {
          within: 5,
          branches: [
            { agent: { regex: 'yes' }, steps: [] },
            { agent: { audio: true }, steps: [] },
          ],
        },
      },
      'the agent, within 5 s: (1) says something matching /yes/i or (2) plays audio',
    ],
    [
      'expect with one branch, 10 s by default',
      { expect: { branches: [{ agent: { audio: 'hold' }, steps: [] }] } },
      'the agent, within 10 s: (1) plays audio whose URL contains "hold"',
    ],
    ['wait', { wait: 5 }, '5 s of silence'],
    ['hangup', { hangup: {} }, 'the callee hangs up'],
    ['text', { text: 'Call me back' }, 'the callee texts "Call me back"'],
  ])('a %s step expects: %s', (_kind, step, expected) => {
    const [node] = compile([step]).script.nodes;
    expect(node?.expected).toBe(expected);
    expect(node?.step).toEqual(step);
  });
});

describe('compileScript: what the schema cannot see', () => {
  it.each<[string, ScenarioStep[], Array<{ path: string; message: RegExp }>]>([
    [
      'valid patterns and placeholders',
      [{ say: '{{match.1}} for {{call.to}}' }, { expect: { agent: { regex: '(\\d+) pm' } } }],
      [],
    ],
    [
      'an expect’s pattern that does not compile',
      [{ say: 'hi' }, { expect: { agent: { regex: '(' } } }],
      [{ path: '/steps/1/expect/agent/regex', message: /^is not a JavaScript pattern: .+/ }],
    ],
    [
      'a branch’s pattern, and one in its steps',
      [
        {
          expect: {
            branches: [
              { agent: { contains: 'ok' }, steps: [] },
              { agent: { regex: '[a-' }, steps: [{ expect: { agent: { regex: '*' } } }] },
            ],
          },
        },
      ],
      [
        { path: '/steps/0/expect/branches/1/agent/regex', message: /^is not a JavaScript pattern: / },
        {
          path: '/steps/0/expect/branches/1/steps/0/expect/agent/regex',
          message: /^is not a JavaScript pattern: /,
        },
      ],
    ],
    [
      'placeholders the mock cannot fill, in a say and a text',
      [{ say: 'I am {{caller.name}} from {{city}}' }, { text: 'hi {{nope}}' }],
      [
        {
          path: '/steps/0/say',
          message: /^has \{\{caller\.name\}\}; use \{\{match\.N\}\} or \{\{call\.to\}\}$/,
        },
        { path: '/steps/0/say', message: /^has \{\{city\}\};/ },
        { path: '/steps/1/text', message: /^has \{\{nope\}\};/ },
      ],
    ],
    [
      'a placeholder inside a branch',
      [{ expect: { branches: [{ agent: { any: true }, steps: [{ wait: 1 }, { say: '{{x}}' }] }] } }],
      [{ path: '/steps/0/expect/branches/0/steps/1/say', message: /^has \{\{x\}\};/ }],
    ],
  ])('%s', (_name, steps, want) => {
    const { errors } = compile(steps);
    expect(errors).toHaveLength(want.length);
    want.forEach((w, i) => {
      expect(errors[i]?.path).toBe(w.path);
      expect(errors[i]?.message).toMatch(w.message);
    });
  });
});
