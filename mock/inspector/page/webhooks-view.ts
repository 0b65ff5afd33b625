import { call, type Delivery, query } from './api.js';
import { badge, byId, clockTime, h, pretty, render } from './dom.js';
import { announce, messageOf, refreshSoon, shared } from './shared-state.js';

/** The Webhooks tab: the latest deliveries, each with every attempt, its payload and a redeliver button. */
export function webhooksView(): { refresh(): Promise<void> } {
  const list = byId('deliveries');
  const status = byId<HTMLSelectElement>('webhooks-status');
  const count = byId('webhooks-count');
  // Which deliveries the user opened, so a redraw keeps them open.
  const open = new Set<string>();

  const redeliver = async (delivery: Delivery) => {
    try {
      await call('POST', `/__mock/webhooks/${delivery.id}/redeliver`);
      announce(`Redelivering ${delivery.type} (${delivery.id}).`);
      refreshSoon();
    } catch (error) {
      announce(messageOf(error), 'error');
    }
  };

  const item = (d: Delivery) => {
    const details = h(
      'details',
      { open: open.has(d.id), 'data-delivery': d.id },
      h(
        'summary',
        { 'data-key': d.id },
        badge(d.status),
        ' ',
        h('b', {}, d.type),
        ` · ${d.userId} · ${d.attempts.length} attempt${d.attempts.length === 1 ? '' : 's'} · `,
        h('time', { datetime: d.createdAt }, clockTime(d.createdAt)),
        h('span', { class: 'muted url' }, ` ${d.url}`),
      ),
      h(
        'table',
        { class: 'attempts' },
        h('caption', {}, `Attempts of ${d.id}`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['#', 'At', 'Status code', 'Latency', 'Error'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          ...d.attempts.map((a) =>
            h(
              'tr',
              { class: a.error ? 'failed' : '' },
              h('td', {}, a.number),
              h('td', {}, h('time', { datetime: a.at }, clockTime(a.at))),
              h('td', {}, a.statusCode ?? 'no answer'),
              h('td', {}, a.latencyMs === null ? '—' : `${Math.round(a.latencyMs)} ms`),
              h('td', {}, a.error ?? ''),
            ),
          ),
        ),
      ),
      d.nextAttemptAt
        ? h('p', {}, 'Next attempt at ', h('time', { datetime: d.nextAttemptAt }, clockTime(d.nextAttemptAt)))
        : null,
      h('button', { type: 'button', onclick: () => void redeliver(d) }, 'Redeliver'),
      h('pre', { class: 'payload', 'aria-label': 'Payload' }, pretty(d.payload)),
    );
    details.addEventListener('toggle', () => {
      if (details.open) open.add(d.id);
      else open.delete(d.id);
    });
    return h('li', {}, details);
  };

  status.addEventListener('change', () => refreshSoon());
  return {
    refresh: async () => {
      const { deliveries } = await call<{ deliveries: Delivery[] }>(
        'GET',
        `/__mock/webhooks${query({ userId: shared.userId, limit: 100 })}`,
      );
      const shown = status.value ? deliveries.filter((d) => d.status === status.value) : deliveries;
      count.textContent = `${shown.length} of the latest ${deliveries.length}`;
      render(list, shown, () =>
        shown.length === 0 ? [h('li', { class: 'muted' }, 'No deliveries.')] : shown.map(item),
      );
    },
  };
}
