import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

describeTransports('secrets are shown as hints, never whole', (start) => {
  let api: MockApi;
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  it('the journal hides the webhook secret in bodies, and credentials and cookies in headers', async () => {
    const set = await api.put('/texts/webhook', {
      url: 'https://app.example.com/hooks/sms?token=hook-token-123456',
    });
    const secret: string = set.body.secret;
    expect(secret).toMatch(/^whsec_/);
    await api.get('/calls', {
      headers: {
        Cookie: 'session=s3cr3t-session-id',
        'X-Api-Key': 'key-1234567890abcd',
        'Proxy-Authorization': 'Basic ZGVtbzpzZWNyZXQ=',
      },
    });
    const { entries } = (await api.get('/__mock/journal')).body;
    const shown = JSON.stringify(entries);
    for (const hidden of [
      secret,
      secret.slice(6, 20),
      'demo-token',
      's3cr3t-session',
      'key-1234567890',
      'ZGVtbzpzZWNy',
      'hook-token',
    ])
      expect(shown).not.toContain(hidden);
    const [list, put] = entries;
    expect(put.response.body.secret).toBe(`whsec_…${secret.slice(-4)}`);
    expect(put.request.body.url).toBe('https://app.example.com/hooks/sms?token=***3456');
    expect(list.request.headers).toMatchObject({
      cookie: 'session=…n-id',
      'x-api-key': '…abcd',
      authorization: 'Bearer …en',
    });
  });

  it('GET /__mock/users shows hints; the inspector acts for a user by id (X-Mock-User)', async () => {
    const { users } = (await api.get('/__mock/users', { token: null })).body;
    expect(JSON.stringify(users)).not.toContain('demo-token');
    expect(users[0].tokens[0]).toEqual({ access: 'full', hint: '…en' });
    const sms = { from: '+14155550123', body: 'Hi from the page' };
    const sent = await api.post('/__mock/texts/inbound', sms, {
      token: null,
      headers: { 'X-Mock-User': 'other' },
    });
    expect(sent.status).toBe(201);
    expect((await api.get('/texts', { token: 'demo-token-other' })).body.data[0].body).toBe(
      'Hi from the page',
    );
    const nobody = await api.post('/__mock/texts/inbound', sms, {
      token: null,
      headers: { 'X-Mock-User': 'nobody' },
    });
    expect(nobody.status).toBe(401);
  });

  it('the inspector’s views and the delivery log hide credentials in webhook URLs', async () => {
    const agentId = await api.agent();
    const webhookUrl = 'http://127.0.0.1:9/hooks?token=hook-token-123456';
    const call = await api.post('/calls', { to: '+14155550123', agentId, webhookUrl });
    expect(call.body.webhookUrl).toBe(webhookUrl); // its owner sees what they set
    await api.advance(1);
    const views = await Promise.all(
      ['/__mock/calls', '/__mock/webhooks'].map((p) => api.get(p, { token: null })),
    );
    for (const view of views) {
      expect(JSON.stringify(view.body)).not.toContain('hook-token');
      expect(JSON.stringify(view.body)).toContain('?token=***3456');
    }
  });

  it('the state export keeps what a restore needs: the signing secret survives a round trip', async () => {
    const set = await api.put('/texts/webhook', { url: 'https://app.example.com/hooks/sms' });
    const state = (await api.get('/__mock/state')).body;
    expect(JSON.stringify(state)).toContain(set.body.secret);
    await api.post('/__mock/reset');
    expect((await api.put('/__mock/state', state)).status).toBe(204);
    expect((await api.get('/texts/webhook')).body.secret).toBe(set.body.secret);
  });
});
