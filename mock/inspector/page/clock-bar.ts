import { type Clock, call } from './api.js';
import { byId } from './dom.js';
import { announce, messageOf, refreshSoon } from './shared-state.js';

/** The clock in the header: shows the mock's time and scale; advances, pauses and resumes it. */
export function clockBar(): { refresh(): Promise<void> } {
  const now = byId('clock-now');
  const scale = byId('clock-scale');
  const pending = byId('clock-pending');
  const pause = byId<HTMLButtonElement>('clock-pause');
  const form = byId<HTMLFormElement>('clock-advance');
  const seconds = byId<HTMLInputElement>('advance-seconds');
  // What Resume goes back to; a clock that started manual resumes at real time.
  let runningScale = 1;
  let current: Clock | undefined;

  const show = (clock: Clock) => {
    current = clock;
    now.textContent = `${clock.now.slice(0, 10)} ${clock.now.slice(11, 23)} UTC`;
    now.setAttribute('datetime', clock.now);
    scale.textContent = clock.scale === 'manual' ? 'paused (manual)' : `×${clock.scale}`;
    pending.textContent = `${clock.pendingTimers} pending`;
    if (clock.scale !== 'manual') runningScale = clock.scale;
    pause.textContent = clock.scale === 'manual' ? 'Resume' : 'Pause';
  };

  const act = async (method: string, path: string, body: unknown, done: string) => {
    try {
      show(await call<Clock>(method, path, { body }));
      announce(done);
      refreshSoon();
    } catch (error) {
      announce(messageOf(error), 'error');
    }
  };

  const advance = (by: number) => act('POST', '/__mock/clock/advance', { seconds: by }, `Advanced ${by} s.`);
  // lib has no DOM.Iterable here, so NodeLists go through Array.from.
  for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>('button[data-seconds]'))) {
    button.addEventListener('click', () => void advance(Number(button.dataset.seconds)));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void advance(Number(seconds.value));
  });
  pause.addEventListener('click', () => {
    const paused = current?.scale === 'manual';
    void act(
      'PUT',
      '/__mock/clock',
      { scale: paused ? runningScale : 'manual' },
      paused ? `Clock running at ×${runningScale}.` : 'Clock paused: it moves only when advanced.',
    );
  });

  return {
    refresh: async () => show(await call<Clock>('GET', '/__mock/clock')),
  };
}
