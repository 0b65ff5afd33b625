import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockApi, startTestMock } from './support/mock-api.js';

// This machine's own name, which /etc/hosts points at a loopback address on Debian (127.0.1.1) and here.
const name = hostname();
const loopback = await lookup(name).then(
  (a) => /^127\./.test(a.address) || a.address === '::1',
  () => false,
);
if (!loopback) console.warn(`Skipping the resolved own-admin test: ${name} does not resolve to loopback`);

describe.skipIf(!loopback)(`a webhook to a name that resolves to the mock (${name})`, () => {
  let api: MockApi;
  beforeAll(async () => {
    api = await startTestMock();
  });
  afterAll(() => api.mock.close());

  it('is refused like 127.0.0.1 is, on the texts webhook and on a call', async () => {
    const own = `http://${name}:${api.mock.port}/__mock/reset`;
    const set = await api.put('/texts/webhook', { url: own });
    expect([set.status, set.body.code]).toEqual([400, 'webhook_url_forbidden']);
    const agentId = await api.agent();
    const call = await api.post('/calls', { to: '+14155550123', agentId, webhookUrl: own });
    expect([call.status, call.body.code]).toEqual([400, 'webhook_url_forbidden']);
  });

  it('is allowed on another port: a receiver on this machine is the normal case', async () => {
    const set = await api.put('/texts/webhook', { url: `http://${name}:${api.mock.port + 1}/__mock/reset` });
    expect(set.status).toBe(200);
  });
});
