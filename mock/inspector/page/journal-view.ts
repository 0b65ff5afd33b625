import { call, type JournalEntry, query } from './api.js';
import { byId, clockTime, h, invalidate, pretty, render } from './dom.js';
import { refreshSoon, shared } from './shared-state.js';

/** The Journal tab: the requests the mock received, filterable, each in full on click. */
export function journalView(): { refresh(): Promise<void> } {
  const rows = byId('journal-rows');
  const form = byId<HTMLFormElement>('journal-filter');
  const operation = byId<HTMLInputElement>('journal-operation');
  const method = byId<HTMLSelectElement>('journal-method');
  const status = byId<HTMLSelectElement>('journal-status');
  const path = byId<HTMLInputElement>('journal-path');
  const heading = byId('entry-heading');
  const body = byId('entry-body');
  let picked: JournalEntry | undefined;

  const keep = (e: JournalEntry) =>
    (!method.value || e.method === method.value) &&
    (!status.value || String(e.status).startsWith(status.value)) &&
    (!path.value || e.path.includes(path.value));

  const row = (e: JournalEntry) =>
    h(
      'tr',
      { class: picked?.id === e.id ? 'picked' : '' },
      h('td', {}, h('time', { datetime: e.at }, clockTime(e.at))),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-key': e.id,
            'aria-current': picked?.id === e.id ? 'true' : null,
            onclick: () => {
              picked = e;
              invalidate(rows);
              showPicked();
              refreshSoon();
            },
          },
          `${e.method} ${e.path}`,
        ),
      ),
      h('td', { class: e.status >= 400 ? 'bad' : '' }, e.status),
      h('td', {}, `${Math.round(e.latencyMs)} ms`),
      h('td', {}, e.userId ?? '—'),
      h('td', {}, e.operationId ?? '—'),
    );

  const showPicked = () => {
    const e = picked;
    if (!e) return;
    heading.textContent = `${e.method} ${e.path} → ${e.status}`;
    const part = (title: string, part: JournalEntry['request']) => [
      h('h3', {}, title),
      h(
        'pre',
        { 'aria-label': `${title} headers` },
        Object.entries(part.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      ),
      h(
        'pre',
        { 'aria-label': `${title} body` },
        part.body === undefined || part.body === null ? '(no body)' : pretty(part.body),
      ),
    ];
    render(body, e, () => [
      h(
        'p',
        { class: 'muted' },
        `${e.id} · ${e.at} · ${e.userId ?? 'no user'} · ${Math.round(e.latencyMs)} ms`,
      ),
      ...part('Request', e.request),
      ...part('Response', e.response),
    ]);
  };

  form.addEventListener('input', () => refreshSoon());
  form.addEventListener('submit', (event) => event.preventDefault());
  return {
    refresh: async () => {
      const params = { userId: shared.userId, operationId: operation.value.trim(), limit: 200 };
      const { entries } = await call<{ entries: JournalEntry[] }>('GET', `/__mock/journal${query(params)}`);
      const shown = entries.filter(keep);
      render(rows, { shown, picked: picked?.id }, () =>
        shown.length === 0
          ? [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No requests match.'))]
          : shown.map(row),
      );
    },
  };
}
