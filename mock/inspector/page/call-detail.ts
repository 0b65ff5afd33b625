import type { InspectedCall, ScenarioRun } from './api.js';
import { badge, type Child, clockTime, h } from './dom.js';
import { scenarioRunView } from './scenario-run.js';

type Step = InspectedCall['timeline'][number];

const ENDINGS = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/** The four stages every call is drawn with; the last is whichever ending the call got. */
function stages(item: InspectedCall): Array<{ label: string; step: Step | undefined; reached: boolean }> {
  const { call, timeline } = item;
  const at = (status: string) => timeline.find((s) => s.status === status);
  const ended = timeline.find((s) => ENDINGS.has(s.status));
  const answered =
    at('in-progress') ??
    (call.answeredAt ? { status: 'in-progress' as const, at: call.answeredAt } : undefined);
  return [
    { label: 'queued', step: at('queued'), reached: true },
    {
      label: 'ringing',
      step: at('ringing'),
      reached: call.status !== 'queued' && (Boolean(at('ringing')) || Boolean(answered)),
    },
    { label: 'answered', step: answered, reached: Boolean(answered) },
    {
      label: ENDINGS.has(call.status) ? `${call.status}` : 'ended',
      step: ended,
      reached: ENDINGS.has(call.status),
    },
  ];
}

/** A call in full: timeline on the mock's clock, facts, transcript (beside its scenario's script, if any), audio and routes. */
export function callDetail(item: InspectedCall, run?: ScenarioRun): Child[] {
  const { call } = item;
  const start = Date.parse(call.createdAt);
  const timeline = h(
    'ol',
    { class: 'timeline', 'aria-label': 'Status timeline' },
    ...stages(item).map(({ label, step, reached }) =>
      h(
        'li',
        { class: reached ? 'reached' : 'not-reached' },
        h('span', { class: 'stage' }, label),
        step
          ? h(
              'time',
              { datetime: step.at },
              clockTime(step.at),
              h('span', { class: 'muted' }, ` +${((Date.parse(step.at) - start) / 1000).toFixed(1)} s`),
            )
          : h('span', { class: 'muted' }, reached ? 'time unknown' : 'not reached'),
      ),
    ),
  );
  const fact = (term: string, value: Child) => [h('dt', {}, term), h('dd', {}, value ?? '—')];
  const facts = h(
    'dl',
    { class: 'facts' },
    ...fact('Status', badge(call.status)),
    ...fact('User', item.userId),
    ...fact('From → to', `${call.from} → ${call.to}`),
    ...fact('Agent', `${item.agentName ?? '(gone)'} · ${call.agentId}`),
    ...fact('Answered by', call.answeredBy),
    ...fact('Ended reason', call.endedReason),
    ...fact(
      'Duration',
      call.durationSeconds === null ? null : `${call.durationSeconds} s (max ${call.maxDurationSeconds} s)`,
    ),
    ...fact('Sequence', call.sequence),
  );
  const transcript = [
    h('h3', {}, 'Transcript'),
    list(
      call.transcript.map((line) =>
        h(
          'li',
          { class: `says says-${line.speaker}` },
          h('b', {}, `${line.speaker}: `),
          line.text,
          ' ',
          stamp(line.at),
        ),
      ),
      'Nothing said yet.',
    ),
  ];
  return [
    timeline,
    facts,
    ...(run
      ? [
          h(
            'div',
            { class: 'beside' },
            h('section', { 'aria-label': 'Transcript' }, ...transcript),
            h('section', { 'aria-label': 'Scenario' }, ...scenarioRunView(run)),
          ),
        ]
      : transcript),
    h('h3', {}, 'Audio'),
    list(
      call.audio.map((clip) =>
        h(
          'li',
          {},
          clip.source === 'url' ? clip.url : `${clip.bytes} bytes inline`,
          ` (${clip.format}) `,
          stamp(clip.at),
        ),
      ),
      'No audio played.',
    ),
    h('h3', {}, 'Routes'),
    list(
      call.routes.map((route) =>
        h(
          'li',
          {},
          `${route.to} `,
          badge(route.status),
          route.failureReason ? ` ${route.failureReason} ` : ' ',
          stamp(route.at),
        ),
      ),
      'Not routed.',
    ),
  ];
}

const stamp = (at: string) => h('time', { datetime: at, class: 'muted' }, clockTime(at));

function list(items: HTMLLIElement[], empty: string): HTMLElement {
  return items.length > 0 ? h('ul', { class: 'plain' }, ...items) : h('p', { class: 'muted' }, empty);
}
