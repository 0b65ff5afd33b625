// The integrator's test with no server: telemock's MSW handlers answer the app's fetch in-process.
import { setupServer } from 'msw/node';
import { createTelephonyClient } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { reminderCases, remindOnMock } from './reminder-cases.js';

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
    const { to, ...expected } = want;
    expect(await remindOnMock(api, mock, to)).toEqual(expected);
  });
});
