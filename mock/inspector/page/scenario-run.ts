import type { ScenarioRun } from './api.js';
import { badge, type Child, clockTime, h } from './dom.js';

/** A call's scenario run: the script, step by step, each with its verdict, what happened and when. */
export function scenarioRunView(run: ScenarioRun): Child[] {
  return [
    h('h3', {}, 'Scenario ', h('code', {}, run.scenario), ' ', badge(run.status)),
    run.reason ? h('p', { class: 'scenario-reason' }, run.reason) : null,
    h(
      'ol',
      { class: 'scenario-steps', 'aria-label': 'Scenario steps' },
      ...run.steps.map((step) =>
        h(
          'li',
          {
            class: `verdict verdict-${step.status}`,
            style: `margin-left: ${step.depth * 1.5}em`,
            'data-path': step.path,
          },
          badge(step.status),
          ' ',
          h('span', { class: 'expected' }, step.expected),
          step.happened ? h('span', { class: 'happened muted' }, ` — ${step.happened}`) : null,
          step.at ? h('time', { datetime: step.at, class: 'muted' }, ` ${clockTime(step.at)}`) : null,
        ),
      ),
    ),
    run.brainTurns.length > 0
      ? h(
          'ul',
          { class: 'plain brain-turns', 'aria-label': 'Brain turns' },
          ...run.brainTurns.map((turn) =>
            h(
              'li',
              {},
              h('time', { datetime: turn.at, class: 'muted' }, clockTime(turn.at)),
              ` brain heard "${turn.utterance}" → `,
              turn.error ??
                (turn.latencyMs === null ? 'waiting…' : turn.hangup ? 'hang up' : (turn.say ?? 'silence')),
            ),
          ),
        )
      : null,
  ];
}
