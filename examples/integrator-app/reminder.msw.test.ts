// The integrator's test with no server: telemock's MSW handlers answer the app's fetch in-process.
import { setupServer } from 'msw/node';
import { createTelephonyClient } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { remind } from './reminder.js';
import { observed, reminderCases } from './reminder-cases.js';

const BASE = 'https://api.telephony.example';
const mock = createHandlers({ baseUrl: BASE });
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });
// After listen(): openapi-fetch keeps the fetch it finds at creation, and MSW patches it.
const api = createTelephonyClient({ baseUrl: BASE, token: 'demo-token' });

afterAll(() => server.close());
beforeEach(() => mock.reset());

describe('reminders, against telemock in-process (MSW)', () => {
  it.each(reminderCases)('%s', async (_name, want) => {
    const agent = await api.POST('/agents', { body: { name: 'Clinic' } });
    const wait = async (ms: number) => {
      await mock.clock.advance(ms / 1000);
    };
    const outcome = await remind(
      api,
      { to: want.to, agentId: agent.data?.id ?? '', message: 'See you at 3pm.' },
      wait,
    );
    const { to: _to, ...expected } = want;
    expect(observed(outcome)).toEqual(expected);
  });
});
