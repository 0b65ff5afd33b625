import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipelineClient, pipelineClient, T0 } from '../../test/support/pipeline-client.js';
import { Telephony } from '../domain/telephony.js';
import { TIMINGS } from '../domain/timings.js';
import { WebhookTargetRule } from '../webhooks/webhook-target.js';
import { telephonyOperations } from './telephony-operations.js';

let c: PipelineClient;
beforeAll(async () => {
  // What the server passes: its own address's admin API is off limits.
  c = await pipelineClient({
    webhookTargets: new WebhookTargetRule({ self: () => new URL('http://127.0.0.1:4010') }),
  });
});
beforeEach(() => c.post('/__mock/reset'));

const HUMAN = '+14155550123';

async function inProgress() {
  const agentId = (await c.post('/agents', { name: 'Desk' })).body.id as string;
  const callId = (await c.post('/calls', { to: HUMAN, agentId })).body.id as string;
  c.telephony.clock.advance(TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer);
  return { agentId, callId };
}

describe('each operation is one domain command, answered with its documented status', () => {
  it('creating answers 201 with the new resource and where it lives', async () => {
    const agent = await c.post('/agents', { name: 'Desk' });
    const call = await c.post('/calls', { to: HUMAN, agentId: agent.body.id });
    const text = await c.post('/texts', { to: HUMAN, body: 'hi' });
    expect(
      [agent, call, text].map((r) => [r.status, r.headers.location, r.body.id.split('_')[0], r.operationId]),
    ).toEqual([
      [201, `/agents/${agent.body.id}`, 'agt', 'createAgent'],
      [201, `/calls/${call.body.id}`, 'call', 'createCall'],
      [201, `/texts/${text.body.id}`, 'txt', 'sendText'],
    ]);
    // Sent from the account's number unless the request says otherwise.
    expect([call.body.from, text.body.from]).toEqual(['+15005550100', '+15005550100']);
  });

  it('reads answer 200 with what the user owns, and 404 for what another user owns', async () => {
    const { agentId, callId } = await inProgress();
    const textId = (await c.post('/texts', { to: HUMAN, body: 'hi' })).body.id;
    const reads = [
      `/calls/${callId}`,
      '/calls',
      `/agents/${agentId}`,
      '/agents',
      `/texts/${textId}`,
      '/texts',
    ];
    const own = await Promise.all(reads.map((path) => c.get(path)));
    expect(own.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect([
      own[0]?.body.id,
      own[1]?.body.data.length,
      own[3]?.body.data[0].id,
      own[5]?.body.data[0].id,
    ]).toEqual([callId, 1, agentId, textId]);
    const foreign = await Promise.all(reads.map((path) => c.get(path, { token: 'demo-token-other' })));
    expect(foreign.map((r) => (r.status === 200 ? r.body.data.length : r.body.code))).toEqual([
      'call_not_found',
      0,
      'agent_not_found',
      0,
      'text_not_found',
      0,
    ]);
  });

  it('queries reach the domain: status filter and page size', async () => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await c.post('/calls', { to: HUMAN, agentId })).body.id);
    await c.put(`/calls/${ids[0]}/hangup`);
    const canceled = await c.get('/calls', { search: 'status=canceled' });
    expect(canceled.body.data.map((call: { id: string }) => call.id)).toEqual([ids[0]]);
    const page = await c.get('/calls', { search: 'limit=1' });
    expect([page.body.data.length, typeof page.body.nextCursor]).toEqual([1, 'string']);
    await c.post('/__mock/texts/inbound', { from: HUMAN, body: 'in' });
    await c.post('/texts', { to: HUMAN, body: 'out' });
    const inbound = await c.get('/texts', { search: 'direction=inbound' });
    expect(inbound.body.data.map((t: { body: string }) => t.body)).toEqual(['in']);
  });

  it('actions on a call in progress: respond, audio, route, hang up', async () => {
    const { callId } = await inProgress();
    const responded = await c.post(`/calls/${callId}/respond`, { text: 'One moment.' });
    expect(responded.body.transcript.at(-1)).toMatchObject({ speaker: 'agent', text: 'One moment.' });
    const played = await c.put(`/calls/${callId}/audio`, { url: 'https://cdn.example.com/hold.mp3' });
    expect(played.body.audio).toEqual([expect.objectContaining({ source: 'url', format: 'mp3' })]);
    const routed = await c.put(`/calls/${callId}/route`, { to: '+15005550021' });
    expect(routed.body.routes).toEqual([
      expect.objectContaining({ status: 'failed', failureReason: 'busy' }),
    ]);
    const hungUp = await c.put(`/calls/${callId}/hangup`);
    expect([hungUp.status, hungUp.body.status, hungUp.body.endedReason]).toEqual([
      200,
      'completed',
      'agent-hangup',
    ]);
    const again = await c.put(`/calls/${callId}/hangup`);
    expect([again.status, again.body.code]).toEqual([409, 'call_ended']);
  });

  it('agents: update, and a persona created (201) then replaced (200)', async () => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    const updated = await c.put(`/agents/${agentId}`, { name: 'Reception' });
    expect([updated.status, updated.body.name]).toEqual([200, 'Reception']);
    expect((await c.get(`/agents/${agentId}/persona`)).status).toBe(404);
    const created = await c.post(`/agents/${agentId}/persona`, { instructions: 'Be brief.' });
    const replaced = await c.post(`/agents/${agentId}/persona`, { instructions: 'Be formal.' });
    expect([created.status, replaced.status, replaced.body.id]).toEqual([201, 200, created.body.id]);
    expect((await c.get(`/agents/${agentId}/persona`)).body.instructions).toBe('Be formal.');
  });

  it('the texts webhook: 404 before it is set, then what was set', async () => {
    expect((await c.get('/texts/webhook')).body.code).toBe('text_webhook_not_found');
    const set = await c.put('/texts/webhook', { url: 'https://app.example.com/sms' });
    expect(set.status).toBe(200);
    expect((await c.get('/texts/webhook')).body).toEqual(set.body);
  });
});

describe('webhook URLs that point at the mock’s own admin API', () => {
  it.each([
    ['a call’s webhookUrl', 'POST', '/calls', '/body/webhookUrl'],
    ['the texts webhook', 'PUT', '/texts/webhook', '/body/url'],
  ])('%s is refused as invalid and nothing is created', async (_name, method, path, field) => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    const url = 'http://127.0.0.1:4010/__mock/reset';
    const body = path === '/calls' ? { to: HUMAN, agentId, webhookUrl: url } : { url };
    const sent = await c.send(method, path, { body });
    expect([sent.status, sent.body.code, sent.body.errors[0].path]).toEqual([
      400,
      'webhook_url_forbidden',
      field,
    ]);
    expect((await c.get('/calls')).body.data).toEqual([]);
    expect((await c.get('/texts/webhook')).status).toBe(404);
  });

  it('other URLs are taken', async () => {
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    const sent = await c.post('/calls', {
      to: HUMAN,
      agentId,
      webhookUrl: 'https://app.example.com/__mock/hook',
    });
    expect([sent.status, sent.body.webhookUrl]).toEqual([201, 'https://app.example.com/__mock/hook']);
  });

  it('without a target rule (MSW), any webhook URL is taken', async () => {
    const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
    const user = telephony.tenants.user('demo');
    if (!user) throw new Error('no demo user');
    const set = await telephonyOperations(telephony).setTextWebhook({
      operationId: 'setTextWebhook',
      params: {},
      query: {},
      headers: {},
      principal: { user, access: 'full' },
      body: { url: 'http://127.0.0.1:4010/__mock/reset' },
    } as never);
    expect(set.body).toMatchObject({ url: 'http://127.0.0.1:4010/__mock/reset' });
  });
});
