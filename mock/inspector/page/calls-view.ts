import { ApiError, type CallsPage, call, type InspectedCall, query, type ScenarioRun } from './api.js';
import { callDetail } from './call-detail.js';
import { badge, byId, clockTime, h, invalidate, render } from './dom.js';
import { Pager } from './pager.js';
import { announce, messageOf, refreshSoon, shared } from './shared-state.js';

const PAGE_SIZE = 50;

/** The Calls tab: a page of calls newest first, the picked call in full, and its remote events. */
export function callsView(): { refresh(): Promise<void> } {
  const rows = byId('calls-rows');
  const status = byId<HTMLSelectElement>('calls-status');
  const body = byId('call-body');
  const heading = byId('call-heading');
  const controls = byId('call-controls');
  const hangUp = byId<HTMLButtonElement>('callee-hangup');
  const says = byId<HTMLFormElement>('callee-says');
  const saysText = byId<HTMLInputElement>('callee-text');
  let picked: InspectedCall | undefined;
  let pickedRun: ScenarioRun | undefined;

  const refresh = async () => {
    let page: CallsPage;
    try {
      page = await call<CallsPage>(
        'GET',
        `/__mock/calls${query({ userId: shared.userId, status: status.value, limit: PAGE_SIZE, cursor: pager.cursor })}`,
      );
    } catch (error) {
      // A cursor expires when its call is evicted: go back to the newest.
      if (pager.cursor === undefined) throw error;
      pager.first();
      return refresh();
    }
    pager.update(page);
    const fresh =
      picked && page.data.find((c) => c.call.id === picked?.call.id && c.userId === picked.userId);
    if (fresh) picked = fresh;
    pickedRun = picked ? await runOf(picked.call.id) : undefined;
    render(rows, { page: page.data, picked: picked?.call.id }, () =>
      page.data.length === 0
        ? [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No calls yet.'))]
        : page.data.map(row),
    );
    showPicked();
  };

  const row = (item: InspectedCall) => {
    const { call: c } = item;
    const current = picked?.call.id === c.id && picked.userId === item.userId;
    return h(
      'tr',
      { class: current ? 'picked' : '' },
      h('td', {}, h('time', { datetime: c.createdAt }, clockTime(c.createdAt))),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-key': `${item.userId}/${c.id}`,
            'aria-current': current ? 'true' : null,
            onclick: () => {
              picked = item;
              invalidate(rows);
              void refresh();
            },
          },
          c.id,
        ),
      ),
      h('td', {}, item.userId),
      h('td', {}, c.to),
      h('td', {}, item.agentName ?? c.agentId),
      h('td', {}, badge(c.status)),
    );
  };

  const showPicked = () => {
    if (!picked) return;
    const item = picked;
    heading.textContent = `Call ${item.call.id}`;
    const run = pickedRun?.callId === item.call.id ? pickedRun : undefined;
    render(body, { item, run }, () => callDetail(item, run));
    controls.hidden = false;
    const live = item.call.status === 'in-progress';
    hangUp.disabled = !live;
    for (const input of Array.from(says.elements)) (input as HTMLInputElement).disabled = !live;
  };

  // The scenario the call follows, if any: a call that follows none answers 404.
  const runOf = async (callId: string) => {
    try {
      return await call<ScenarioRun>('GET', `/__mock/calls/${encodeURIComponent(callId)}/scenario`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  };

  const remote = async (event: { type: 'callee-hangup' } | { type: 'callee-says'; text: string }) => {
    if (!picked) return;
    try {
      await call('POST', `/__mock/calls/${picked.call.id}/events`, {
        body: event,
        user: picked.userId,
      });
      announce(event.type === 'callee-hangup' ? 'The callee hung up.' : 'The callee spoke.');
      refreshSoon();
    } catch (error) {
      announce(messageOf(error), 'error');
    }
  };

  const pager = new Pager('calls', PAGE_SIZE, () => void refresh());
  status.addEventListener('change', () => {
    pager.first();
    void refresh();
  });
  hangUp.addEventListener('click', () => void remote({ type: 'callee-hangup' }));
  says.addEventListener('submit', (event) => {
    event.preventDefault();
    void remote({ type: 'callee-says', text: saysText.value }).then(() => {
      saysText.value = '';
    });
  });
  return { refresh };
}
