import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

// The URLs: each passed `format: uri` + `^https?://`, then made `new URL()` throw later —
// inside a clock timer (the process died) or in a handler (a 500).
const UNUSABLE = [
  'https://',
  'https://999.999.999.999/a.wav',
  'http://',
  'https://?',
  'https://#',
  'https://x.example:99999/a.wav',
  'https://user:secret@cdn.example.com/a.wav',
];

describeTransports('URLs the mock cannot use are a 400, never a crash or a 500', (start) => {
  let api: MockApi;
  let callId: string;
  beforeAll(async () => {
    api = await start({ rateLimit: 0 });
    callId = (await api.call()).id;
    await api.advance(4); // answered: audio can be injected
  });
  afterAll(() => api.mock.close());

  const fields: Array<
    [string, (url: string) => Promise<{ status: number; body: { errors?: Array<{ path: string }> } }>, string]
  > = [
    [
      'a cloned voice sample (POST /agents)',
      (url) => api.post('/agents', { name: 'Desk', voice: { type: 'clone', sampleUrls: [url] } }),
      '/body/voice',
    ],
    [
      'a cloned voice sample (PUT /agents/{id})',
      async (url) =>
        api.put(`/agents/${(await api.get('/agents')).body.data[0].id}`, {
          voice: { type: 'clone', sampleUrls: [url] },
        }),
      '/body/voice',
    ],
    ['the texts webhook', (url) => api.put('/texts/webhook', { url }), '/body/url'],
    [
      'a call webhookUrl',
      async (url) =>
        api.post('/calls', {
          to: '+14155550123',
          agentId: (await api.get('/agents')).body.data[0].id,
          webhookUrl: url,
        }),
      '/body/webhookUrl',
    ],
    ['injected audio without a format', (url) => api.put(`/calls/${callId}/audio`, { url }), '/body'],
  ];
  for (const [where, send, path] of fields) {
    for (const url of UNUSABLE) {
      const usable = url.replace(/^http:/, 'https:');
      it(`${where}: ${JSON.stringify(usable)} → 400 at ${path}`, async () => {
        const sent = await send(usable);
        expect(sent.status, JSON.stringify(sent.body)).toBe(400);
        expect(sent.body.errors?.some((e) => e.path.startsWith(path))).toBe(true);
      });
    }
  }

  it('the clock still advances and the mock still answers after all of them', async () => {
    expect((await api.advance(60)).status).toBe(200);
    const agents = (await api.get('/agents')).body.data as Array<{ voice: { status: string } }>;
    expect(agents.every((a) => a.voice.status === 'ready')).toBe(true);
    expect((await api.get(`/calls/${callId}`)).status).toBe(200);
  });
});

describe('a usable URL passes', () => {
  it.each(['https://cdn.example.com/a.wav', 'https://[::1]:8443/x', 'https://10.0.0.1/a%20b.wav'])(
    '%s',
    async (url) => {
      const { startTestMock } = await import('./support/mock-api.js');
      const api = await startTestMock();
      try {
        const sent = await api.post('/agents', { name: 'Desk', voice: { type: 'clone', sampleUrls: [url] } });
        expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      } finally {
        await api.mock.close();
      }
    },
  );
});
