import { setTimeout as sleep } from 'node:timers/promises';
import type { components } from '../../spec/generated/admin-api.js';
import type { PacerClock } from './dial-pacer.js';
import { type MockAddress, readAdmin } from './read-report.js';

type Clock = components['schemas']['Clock'];

/** How often a manual clock is read again while waiting for it to move (someone else drives it). */
const MANUAL_POLL_MS = 100;

/** The mock's clock as read once: its time now (ISO, for `?since=`) and a PacerClock that follows it. */
export async function followMockClock(
  mock: MockAddress,
): Promise<{ startedAt: string; clock: PacerClock; manual: boolean }> {
  const first = await readAdmin<Clock>(mock, '__mock/clock');
  const readAt = Date.now();
  if (first.scale === 'manual') {
    return {
      startedAt: first.now,
      manual: true,
      clock: {
        now: async () => (await readAdmin<Clock>(mock, '__mock/clock')).epochMs,
        sleep: () => sleep(MANUAL_POLL_MS),
      },
    };
  }
  const scale = first.scale;
  // Estimated from real time: never ahead of the mock (it was read after the mock answered), so a
  // wait computed from it is never too short.
  return {
    startedAt: first.now,
    manual: false,
    clock: {
      now: async () => first.epochMs + (Date.now() - readAt) * scale,
      sleep: (mockMs) => sleep(Math.max(5, mockMs / scale)),
    },
  };
}
