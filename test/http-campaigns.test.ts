import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../mock/server.js';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

const confirms: Scenario = {
  name: 'confirms',
  steps: [
    { say: 'Yes, I will be there.' },
    { expect: { agent: { contains: 'great' }, within: 10 } },
    { hangup: {} },
  ],
};

describeTransports('campaigns', (start) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(async () => {
    await api.post('/__mock/reset');
    for (const p of (await api.get('/__mock/populations')).body.populations)
      await api.request('DELETE', `/__mock/populations/${p.name}`);
    for (const s of (await api.get('/__mock/scenarios')).body.scenarios)
      await api.request('DELETE', `/__mock/scenarios/${s.name}`);
    await api.put('/__mock/webhook-delivery', {});
  });

  describe('GET /__mock/report', () => {
    it('answers an empty report after a reset, in the spec’s shape', async () => {
      const sent = await api.get('/__mock/report');
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({
        since: null,
        calls: { total: 0, byStatus: {} },
        runs: { name: 'all', runs: 0, passRate: null, latencyMs: { count: 0, p95: null } },
        scenarios: [],
        populations: [],
        doubleAnswers: 0,
        webhooks: { attempts: 0, delivered: 0, duplicates: 0, reordered: 0, statusCodes: {} },
        requests: { total: 0, byOperation: {}, rateLimited: 0, insideRetryAfter: 0, afterCallEnded: 0 },
      });
      expect(await api.mock.report()).toEqual(sent.body);
    });

    it('counts a scenario run, its calls and the app’s requests', async () => {
      await api.put('/__mock/scenarios/confirms', { ...confirms, match: { to: '+15005550140' } });
      const call = await api.call('+15005550140');
      await api.advance(5);
      await api.post(`/calls/${call.id}/respond`, { text: 'Great, see you then.' });
      await api.advance(1);
      const report = (await api.get('/__mock/report')).body;
      expect(report.calls).toEqual({ total: 1, byStatus: { completed: 1 } });
      expect(report.scenarios).toMatchObject([{ name: 'confirms', runs: 1, passed: 1, passRate: 100 }]);
      expect(report.requests.byOperation).toMatchObject({
        createAgent: { 201: 1 },
        createCall: { 201: 1 },
        respondToCall: { 200: 1 },
      });
    });
  });
});
