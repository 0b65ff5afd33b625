import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { startOn } from './support/transports.js';
import { eventually, WebhookReceiver } from './webhooks-receiver.js';

let api: MockApi;
let app: WebhookReceiver;
const answered: string[] = [];

const NUMBER = '+15005550140';

// Express only: the app is a real server the mock POSTs to, which MSW (intercepting every fetch
// of the process) would answer itself.
describe('an app that answers the callee’s webhooks, through the Express mock', () => {
  beforeAll(async () => {
    api = await startOn('express');
    app = await WebhookReceiver.start();
    // The app: on each callee turn it waits ~60 ms, then answers — once per delivery (naive).
    app.answer = (hook) => {
      if (hook.json?.type === 'call.callee.spoke') {
        const id = hook.json.data.id as string;
        setTimeout(() => {
          answered.push(hook.headers['webhook-id'] as string);
          void api.post(`/calls/${id}/respond`, { text: 'Great, see you then.' });
        }, 60);
      }
      return { status: 204 };
    };
  });
  afterAll(async () => {
    await api.mock.close();
    await app.close();
  });
  beforeEach(async () => {
    answered.length = 0;
    await api.post('/__mock/reset');
    await api.put('/__mock/webhook-delivery', {});
    await api.put('/__mock/scenarios/confirms', {
      name: 'confirms',
      match: { to: NUMBER },
      steps: [{ say: 'Yes, I will be there.' }, { expect: { agent: { contains: 'great' } } }, { wait: 5 }],
    });
  });

  async function dial() {
    const agentId = await api.agent();
    const call = (await api.post('/calls', { to: NUMBER, agentId, webhookUrl: `${app.url}/hooks` })).body;
    await api.advance(5); // answered at 4 s, the callee speaks at 5 s
    return call.id as string;
  }

  it('records the turn latency in real ms from the webhook’s first attempt to the app’s respond', async () => {
    const id = await dial();
    const run = await eventually(async () => {
      const body = (await api.get(`/__mock/calls/${id}/scenario`)).body;
      expect(body.steps[1].status).toBe('passed');
      return body;
    });
    expect(run.steps[1].latencyMs).toBeGreaterThanOrEqual(55);
    expect(run.steps[1].latencyMs).toBeLessThan(5_000);
    const report = (await api.get('/__mock/report')).body;
    expect(report.runs.latencyMs).toMatchObject({ count: 1, max: run.steps[1].latencyMs });
    expect(report.webhooks.statusCodes['204']).toBeGreaterThanOrEqual(3);
  });

  it('with duplicates on, the naive app answers the same webhook-id twice and the run fails for it', async () => {
    await api.put('/__mock/webhook-delivery', { duplicate: 1 });
    const id = await dial();
    await eventually(() => expect(answered).toHaveLength(1));
    await api.advance(1); // the duplicate follows a few hundred ms later on the mock's clock
    await eventually(() => expect(answered).toHaveLength(2));
    expect(answered[1]).toBe(answered[0]);
    const run = await eventually(async () => {
      const body = (await api.get(`/__mock/calls/${id}/scenario`)).body;
      expect(body.status).toBe('failed');
      return body;
    });
    expect(run.doubleAnswer).toMatchObject({ count: 1, turn: 'Yes, I will be there.' });
    expect((await api.get('/__mock/report')).body).toMatchObject({
      doubleAnswers: 1,
      webhooks: { duplicates: expect.any(Number) },
    });
  });
});
