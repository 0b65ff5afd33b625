import { call, type Fault, type FaultRequest } from './api.js';
import { byId, h, render } from './dom.js';
import { announce, messageOf, refreshSoon } from './shared-state.js';

/** The Faults tab: arm a fault for the next N requests to an operation, see what is armed, disarm. */
export function faultsView(): { refresh(): Promise<void> } {
  const form = byId<HTMLFormElement>('fault-form');
  const operation = byId<HTMLInputElement>('fault-operation');
  const kind = byId<HTMLSelectElement>('fault-kind');
  const status = byId<HTMLSelectElement>('fault-status');
  const count = byId<HTMLInputElement>('fault-count');
  const delay = byId<HTMLInputElement>('fault-delay');
  const list = byId('faults');

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      announce(done);
      refreshSoon();
    } catch (error) {
      announce(messageOf(error), 'error');
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fault: FaultRequest = {
      operationId: operation.value.trim(),
      kind: kind.value === 'timeout' ? 'timeout' : 'error',
      status: status.value === '503' ? 503 : 500,
      count: Number(count.value),
      delayMs: Number(delay.value),
    };
    void act(
      () => call('POST', '/__mock/faults', { body: fault }),
      `The next ${fault.count} ${fault.operationId} request(s) will fail.`,
    );
  });
  byId('faults-clear').addEventListener('click', () => {
    void act(() => call('DELETE', '/__mock/faults'), 'All faults disarmed.');
  });

  return {
    refresh: async () => {
      const { faults } = await call<{ faults: Fault[] }>('GET', '/__mock/faults');
      render(list, faults, () =>
        faults.length === 0
          ? [h('li', { class: 'muted' }, 'None: every request works.')]
          : faults.map((f) =>
              h(
                'li',
                {},
                h('b', {}, f.operationId),
                ` — ${f.kind === 'error' ? `answers ${f.status}` : `holds ${f.delayMs} ms, then drops`}`,
                ` for ${f.remaining} more request${f.remaining === 1 ? '' : 's'}`,
              ),
            ),
      );
    },
  };
}
