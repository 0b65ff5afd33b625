import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

describeTransports('PUT /__mock/state refuses what it cannot take, and keeps the state it had', (start) => {
  let api: MockApi;
  beforeAll(async () => {
    api = await start({ rateLimit: 0 });
    await api.call();
    await api.advance(4);
  });
  afterAll(() => api.mock.close());

  // biome-ignore lint/suspicious/noExplicitAny: the export as JSON, spoiled on purpose.
  const spoil: Array<[string, (state: any) => void, string]> = [
    [
      'the same call twice in one user',
      (s) => s.users.demo.calls.push(structuredClone(s.users.demo.calls[0])),
      '/body/users/demo/calls/1/call/id',
    ],
    [
      'the same call in two users',
      (s) => {
        s.users.other = structuredClone(s.users.demo);
        s.users.other.agents[0].agent.id = 'agt_0000000000000009';
        s.users.other.calls[0].call.agentId = 'agt_0000000000000009';
      },
      '/body/users/other/calls/0/call/id',
    ],
    [
      'a call whose agent is missing',
      (s) => {
        s.users.demo.agents = [];
      },
      '/body/users/demo/calls/0/call/agentId',
    ],
    [
      'an in-progress call that says it ended busy',
      (s) => {
        s.users.demo.calls[0].call.endedReason = 'busy';
      },
      '/body/users/demo/calls/0/call/endedReason',
    ],
  ];
  for (const [name, change, path] of spoil) {
    it(`${name} → 400 invalid_state at ${path}`, async () => {
      const before = (await api.get('/__mock/state')).body;
      const bad = structuredClone(before);
      change(bad);
      const sent = await api.put('/__mock/state', bad);
      expect([sent.status, sent.body.code]).toEqual([400, 'invalid_state']);
      expect(sent.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
      expect((await api.get('/__mock/state')).body).toEqual(before);
      // The old state still moves: its call is still live and answers.
      expect(
        (await api.post(`/calls/${before.users.demo.calls[0].call.id}/respond`, { text: 'Still here' }))
          .status,
      ).toBe(200);
    });
  }
});
