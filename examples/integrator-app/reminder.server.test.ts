// The integrator's test against a real telemock server on a free port, started from code.
import { createTelephonyClient } from 'telemock';
import { type RunningMock, startMock } from 'telemock/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reminderCases, remindOnMock } from './reminder-cases.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, timeScale: 'manual' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('reminders, against telemock on a port (startMock)', () => {
  it.each(reminderCases)('%s', async (_name, want) => {
    const api = createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });
    const { to, ...expected } = want;
    expect(await remindOnMock(api, mock, to)).toEqual(expected);
    const sent = await api.GET('/texts', { params: { query: { direction: 'outbound' } } });
    expect(sent.data?.data.length).toBe(want.sms ? 1 : 0);
  });
});
