import type { FieldError } from '../../../spec/field-errors.js';
import { unknownPlaceholders } from './templates.js';
import type { Scenario, ScenarioStep, StepKind, UtteranceMatch } from './types.js';
import { describeMatch } from './utterance-match.js';

/** One step of a script, flattened: branches' steps sit after their expect, in the order written. */
export interface ScriptNode {
  /** JSON Pointer into the scenario, e.g. `/steps/1/expect/branches/0/steps/0`. */
  path: string;
  depth: number;
  kind: StepKind;
  step: ScenarioStep;
  /** The node that follows once this one is done (or failed with `onFail: continue`); null ends the script. */
  next: number | null;
  /** An expect's branches: what each wants, where it goes, and the nodes [from, to) it holds. */
  branches: Array<{ agent: UtteranceMatch; start: number | null; from: number; to: number }>;
  expected: string;
}

/** A scenario's steps as a flat list of nodes with jumps; `first` is where it starts. */
export interface Script {
  nodes: ScriptNode[];
  first: number | null;
}

const seconds = (n: number) => `${n} s`;
export const DEFAULT_WITHIN_SECONDS = 10;

export function kindOf(step: ScenarioStep): StepKind {
  if (step.say !== undefined) return 'say';
  if (step.expect !== undefined) return 'expect';
  if (step.wait !== undefined) return 'wait';
  if (step.hangup !== undefined) return 'hangup';
  return 'text';
}

function expectedOf(step: ScenarioStep): string {
  const within = `within ${seconds(step.expect?.within ?? DEFAULT_WITHIN_SECONDS)}`;
  switch (kindOf(step)) {
    case 'say':
      return `the callee says "${step.say}"`;
    case 'expect': {
      const expect = step.expect;
      if (expect?.agent) return `the agent ${describeMatch(expect.agent)} ${within}`;
      const options = (expect?.branches ?? []).map((b, i) => `(${i + 1}) ${describeMatch(b.agent)}`);
      return `the agent, ${within}: ${options.join(' or ')}`;
    }
    case 'wait':
      return `${seconds(step.wait ?? 0)} of silence`;
    case 'hangup':
      return 'the callee hangs up';
    default:
      return `the callee texts "${step.text}"`;
  }
}

function checkMatch(agent: UtteranceMatch, path: string, errors: FieldError[]): void {
  if (agent.regex === undefined) return;
  try {
    new RegExp(agent.regex, 'i');
  } catch (error) {
    errors.push({
      path: `${path}/regex`,
      message: `is not a JavaScript pattern: ${(error as Error).message}`,
    });
  }
}

/**
 * Flattens a scenario's steps into a script, and reports what the schema cannot see: patterns
 * that do not compile and placeholders the mock cannot fill. Field paths are JSON Pointers.
 */
export function compileScript(scenario: Scenario): { script: Script; errors: FieldError[] } {
  const nodes: ScriptNode[] = [];
  const errors: FieldError[] = [];

  const build = (steps: readonly ScenarioStep[], base: string, depth: number): number[] =>
    steps.map((step, i) => {
      const path = `${base}/${i}`;
      const index = nodes.length;
      const node: ScriptNode = {
        path,
        depth,
        kind: kindOf(step),
        step,
        next: null,
        branches: [],
        expected: expectedOf(step),
      };
      nodes.push(node);
      for (const field of ['say', 'text'] as const) {
        const text = step[field];
        for (const name of text === undefined ? [] : unknownPlaceholders(text))
          errors.push({
            path: `${path}/${field}`,
            message: `has {{${name}}}; use {{match.N}} or {{call.to}}`,
          });
      }
      if (step.expect?.agent) checkMatch(step.expect.agent, `${path}/expect/agent`, errors);
      (step.expect?.branches ?? []).forEach((branch, b) => {
        const branchPath = `${path}/expect/branches/${b}`;
        checkMatch(branch.agent, `${branchPath}/agent`, errors);
        const from = nodes.length;
        const block = build(branch.steps, `${branchPath}/steps`, depth + 1);
        node.branches.push({ agent: branch.agent, start: block[0] ?? null, from, to: nodes.length });
        blocks.set(`${index}/${b}`, block);
      });
      return index;
    });

  // Each block's nodes lead to the next; the last leads to where the block continues.
  const blocks = new Map<string, number[]>();
  const link = (block: number[], after: number | null): void => {
    block.forEach((index, i) => {
      const node = nodes[index] as ScriptNode;
      node.next = block[i + 1] ?? after;
      node.branches.forEach((branch, b) => {
        const inner = blocks.get(`${index}/${b}`) ?? [];
        link(inner, node.next);
        branch.start = inner[0] ?? node.next;
      });
    });
  };
  const top = build(scenario.steps ?? [], '/steps', 0);
  link(top, null);
  return { script: { nodes, first: top[0] ?? null }, errors };
}
