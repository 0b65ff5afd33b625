import { type Conversation, type ConversationsPage, call, query } from './api.js';
import { badge, byId, clockTime, h, invalidate, render } from './dom.js';
import { Pager } from './pager.js';
import { announce, messageOf, refreshSoon, shared } from './shared-state.js';

const PAGE_SIZE = 20;

/** The SMS tab: conversations by number, the picked one as a thread, and a form to make an SMS arrive. */
export function textsView(): { refresh(): Promise<void>; firstPage(): void; usersChanged(): void } {
  const list = byId('conversations');
  const heading = byId('conversation-heading');
  const body = byId('conversation-body');
  const form = byId<HTMLFormElement>('sms-form');
  const user = byId<HTMLSelectElement>('sms-user');
  const from = byId<HTMLInputElement>('sms-from');
  const to = byId<HTMLInputElement>('sms-to');
  const text = byId<HTMLTextAreaElement>('sms-body');
  let picked: { userId: string; number: string } | undefined;

  const refresh = async () => {
    let page: ConversationsPage;
    try {
      const params = { userId: shared.userId, limit: PAGE_SIZE, cursor: pager.cursor };
      page = await call<ConversationsPage>('GET', `/__mock/texts${query(params)}`);
    } catch (error) {
      if (pager.cursor === undefined) throw error;
      pager.first();
      return refresh();
    }
    pager.update(page);
    const isPicked = (c: Conversation) => c.userId === picked?.userId && c.number === picked.number;
    render(list, { page: page.data, picked }, () =>
      page.data.length === 0
        ? [h('li', { class: 'muted' }, 'No SMS yet.')]
        : page.data.map((c) => {
            const last = c.texts[c.texts.length - 1];
            return h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  'data-key': `${c.userId}/${c.number}`,
                  'aria-current': isPicked(c) ? 'true' : null,
                  onclick: () => {
                    picked = { userId: c.userId, number: c.number };
                    invalidate(list);
                    void refresh();
                  },
                },
                h(
                  'span',
                  { class: 'who' },
                  `${c.number}`,
                  h('span', { class: 'muted' }, ` · ${c.userId} · ${c.count}`),
                ),
                h('span', { class: 'preview' }, last ? last.body : ''),
              ),
            );
          }),
    );
    const shown = page.data.find(isPicked);
    if (!shown) return;
    heading.textContent = `Conversation of ${shown.userId} with ${shown.number}`;
    render(body, shown, () => [
      h(
        'ol',
        { class: 'thread', 'aria-label': `Texts with ${shown.number}, oldest first` },
        ...shown.texts.map((t) =>
          h(
            'li',
            { class: `sms sms-${t.direction}` },
            h('p', {}, t.body),
            h(
              'p',
              { class: 'meta' },
              `${t.direction === 'inbound' ? `from ${t.from}` : `to ${t.to}`} · `,
              h('time', { datetime: t.createdAt }, clockTime(t.createdAt)),
              ' ',
              badge(t.status),
              t.errorCode ? ` ${t.errorCode}` : '',
            ),
          ),
        ),
      ),
    ]);
  };

  const pager = new Pager('texts', PAGE_SIZE, () => void refresh());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const userId = user.value;
    const body = { from: from.value, body: text.value, ...(to.value ? { to: to.value } : {}) };
    try {
      await call('POST', '/__mock/texts/inbound', { body, user: userId });
      announce(`SMS from ${from.value} arrived for ${userId}.`);
      picked = { userId, number: from.value };
      text.value = '';
      pager.first();
      invalidate(list);
      refreshSoon();
    } catch (error) {
      announce(messageOf(error), 'error');
    }
  });

  return {
    refresh,
    firstPage: () => pager.first(),
    usersChanged: () => {
      user.replaceChildren(
        ...shared.users.map((u) =>
          h('option', { value: u.id }, `${u.id} (${u.number})${u.suspended ? ' — suspended' : ''}`),
        ),
      );
    },
  };
}
