import { call, type MockUser, setAdminToken } from './api.js';
import { callsView } from './calls-view.js';
import { clockBar } from './clock-bar.js';
import { byId, h } from './dom.js';
import { faultsView } from './faults-view.js';
import { journalView } from './journal-view.js';
import { reportView } from './report-view.js';
import { announce, messageOf, refreshSoon, shared } from './shared-state.js';
import { setUpTabs } from './tabs.js';
import { textsView } from './texts-view.js';
import { webhooksView } from './webhooks-view.js';

/** How often the page polls the mock: within a second of any change, as the issue asks. */
const POLL_MS = 1000;

interface View {
  refresh(): Promise<void>;
  firstPage?(): void;
}

const clock = clockBar();
const calls = callsView();
const texts = textsView();
const views: Record<string, View> = {
  calls,
  texts,
  webhooks: webhooksView(),
  journal: journalView(),
  faults: faultsView(),
  report: reportView(),
};
const shownView = setUpTabs(() => refreshSoon());

// Only the clock and the view on screen are polled: a hidden tab costs the mock nothing.
let running: Promise<void> | undefined;
let again = false;
async function tick(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    const results = await Promise.allSettled([clock.refresh(), views[shownView()]?.refresh()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) announce(`Cannot reach the mock: ${messageOf(failed.reason)}`, 'error');
  })();
  await running;
  running = undefined;
  if (again) {
    again = false;
    await tick();
  }
}

async function loop(): Promise<void> {
  if (!document.hidden) await tick();
  setTimeout(() => void loop(), POLL_MS);
}

async function loadUsers(): Promise<void> {
  const { users } = await call<{ users: MockUser[] }>('GET', '/__mock/users');
  shared.users = users;
  const filter = byId<HTMLSelectElement>('user-filter');
  filter.replaceChildren(
    h('option', { value: '' }, 'All users'),
    ...users.map((u) => h('option', { value: u.id }, u.id)),
  );
  filter.value = shared.userId;
  texts.usersChanged();
}

async function loadOperations(): Promise<void> {
  const response = await fetch('/__mock/ui/operations.json');
  const operations = (await response.json()) as Array<{ operationId: string; method: string; path: string }>;
  byId('operation-ids').replaceChildren(
    ...operations.map((o) => h('option', { value: o.operationId }, `${o.method} ${o.path}`)),
  );
}

byId<HTMLSelectElement>('user-filter').addEventListener('change', (event) => {
  shared.userId = (event.target as HTMLSelectElement).value;
  for (const view of Object.values(views)) view.firstPage?.();
  refreshSoon();
});

// Reset asks twice: the first press arms it for five seconds.
const reset = byId<HTMLButtonElement>('reset');
let armed: ReturnType<typeof setTimeout> | undefined;
reset.addEventListener('click', async () => {
  if (!armed) {
    reset.textContent = 'Confirm reset';
    announce('Press “Confirm reset” to forget every call, SMS, delivery, fault and journal entry.');
    armed = setTimeout(() => {
      armed = undefined;
      reset.textContent = 'Reset…';
    }, 5000);
    return;
  }
  clearTimeout(armed);
  armed = undefined;
  reset.textContent = 'Reset…';
  try {
    await call('POST', '/__mock/reset');
    for (const view of Object.values(views)) view.firstPage?.();
    announce('The mock was reset.');
    refreshSoon();
  } catch (error) {
    announce(messageOf(error), 'error');
  }
});

const tokenForm = byId<HTMLFormElement>('admin-token-form');
document.addEventListener('inspector:admin-token', () => {
  tokenForm.hidden = false;
});
tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  setAdminToken(byId<HTMLInputElement>('admin-token').value);
  tokenForm.hidden = true;
  void loadUsers().then(refreshSoon);
});

document.addEventListener('inspector:refresh', () => void tick());
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void tick();
});
void Promise.allSettled([loadUsers(), loadOperations()]).then(() => loop());
