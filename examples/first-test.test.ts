import { createTelephonyClient } from 'telemock';
import { type RunningMock, startMock } from 'telemock/server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, timeScale: 'manual' }); // a real server on a free port
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

it('follows a call to its end, and sees a 503 when it asks for one', async () => {
  const api = createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });
  const agent = await api.POST('/agents', { body: { name: 'Front desk' } });
  const agentId = agent.data?.id ?? '';
  const created = await api.POST('/calls', { body: { to: '+15005550015', agentId } });
  expect(created.data?.status).toBe('queued');

  // Steps the manual clock until the call has ended: ~9 s of the mock's time, in milliseconds.
  const call = await mock.runUntil({ callId: created.data?.id ?? '', status: 'ended' });
  expect(call).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });

  await mock.faults.inject({ operationId: 'createCall', status: 503 });
  const refused = await api.POST('/calls', { body: { to: '+14155550123', agentId } });
  expect(refused.error?.code).toBe('service_unavailable');
  expect((await mock.requests({ operationId: 'createCall' })).map((r) => r.status)).toEqual([503, 201]);
});
