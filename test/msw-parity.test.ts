import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelephonyClient } from '../client/client.js';
import { createHandlers, type TelemockMsw } from '../exports/msw.js';
import { type RunningMock, startMock } from '../exports/server.js';
import { expectSpecConformance, specValidators } from './support/mock-api.js';

const BASE = 'https://api.telephony.test';
const START = Date.parse('2026-01-01T00:00:00Z');

type Step = {
  method: string;
  path: string;
  token?: string | null;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
};

// One request script, run against both adapters. `{agent}` and `{call}` are filled from earlier answers.
const script: Step[] = [
  { method: 'POST', path: '/agents', body: { name: 'Front desk' } },
  { method: 'POST', path: '/agents/{agent}/persona', body: { instructions: 'Be brief.' } },
  { method: 'POST', path: '/agents/{agent}/persona', body: { instructions: 'Be briefer.', tone: 'concise' } },
  { method: 'POST', path: '/calls', body: { to: '+14155550123', agentId: '{agent}' } },
  { method: 'POST', path: '/calls/{call}/respond', body: { text: 'Too early' } },
  { method: 'ADVANCE', path: '4' },
  { method: 'GET', path: '/calls/{call}' },
  { method: 'POST', path: '/calls/{call}/respond', body: { text: 'Hello there' } },
  { method: 'PUT', path: '/calls/{call}/audio', body: { url: 'https://cdn.example.com/a.mp3' } },
  { method: 'PUT', path: '/calls/{call}/route', body: { to: '+15005550021' } },
  { method: 'PUT', path: '/calls/{call}/hangup' },
  { method: 'PUT', path: '/calls/{call}/hangup' },
  { method: 'POST', path: '/calls', body: { to: '+15005550001', agentId: '{agent}' } },
  { method: 'POST', path: '/calls', body: { to: '+15005550003', agentId: '{agent}' } },
  { method: 'GET', path: '/calls?limit=1' },
  { method: 'GET', path: '/calls/{call}', token: 'demo-token-other' },
  { method: 'GET', path: '/calls', token: null },
  { method: 'GET', path: '/calls', token: 'nope' },
  { method: 'POST', path: '/agents', token: 'demo-token-readonly', body: { name: 'X' } },
  { method: 'GET', path: '/agents', token: 'demo-token-suspended' },
  { method: 'POST', path: '/calls', raw: '{"to":', headers: { 'content-type': 'application/json' } },
  {
    method: 'POST',
    path: '/calls',
    raw: 'to=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  { method: 'POST', path: '/calls', body: { to: '+14155550123', agentId: '{agent}', colour: 'red' } },
  { method: 'DELETE', path: '/calls' },
  { method: 'GET', path: '/nowhere' },
  { method: 'GET', path: '/calls', headers: { prefer: 'code=503' } },
  { method: 'POST', path: '/texts', body: { to: '+15005550009', body: 'Hi' } },
  { method: 'ADVANCE', path: '2' },
  { method: 'GET', path: '/texts' },
  { method: 'PUT', path: '/texts/webhook', body: { url: 'https://app.example.com/sms' } },
];

interface Seen {
  status: number;
  contentType: string | null;
  rateLimit: Array<string | null>;
  allow: string | null;
  body: unknown;
}

async function run(
  send: (step: Step) => Promise<Response>,
  advance: (s: number) => Promise<void>,
): Promise<Seen[]> {
  const ids: Record<string, string> = {};
  const fill = (s: string) => s.replace(/\{(agent|call)\}/g, (_, k: string) => ids[k] ?? k);
  const seen: Seen[] = [];
  for (const step of script) {
    if (step.method === 'ADVANCE') {
      await advance(Number(step.path));
      continue;
    }
    const body = step.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(step.body)));
    const response = await send({ ...step, path: fill(step.path), body });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    expectSpecConformance(await specValidators(), step.method, fill(step.path), {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: parsed,
    });
    if (step.path === '/agents' && response.status === 201) ids.agent = parsed.id;
    if (step.path === '/calls' && response.status === 201 && !ids.call) ids.call = parsed.id;
    seen.push({
      status: response.status,
      contentType: response.headers.get('content-type'),
      rateLimit: [
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
        'ratelimit-policy',
        'ratelimit',
        'retry-after',
      ].map((h) => response.headers.get(h)),
      allow: response.headers.get('allow'),
      body: parsed,
    });
  }
  return seen;
}

function request(base: string, step: Step): Request {
  const headers = new Headers(step.headers);
  const token = step.token === undefined ? 'demo-token' : step.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  let body: string | undefined = step.raw;
  if (step.body !== undefined) {
    body = JSON.stringify(step.body);
    headers.set('content-type', 'application/json');
  }
  return new Request(`${base}${step.path}`, { method: step.method, headers, body });
}

let express: RunningMock;
let msw: TelemockMsw;
const server = setupServer();

beforeAll(async () => {
  [express, msw] = await Promise.all([
    startMock({ port: 0, seed: 11, timeScale: 'manual', startTime: START }),
    createHandlers({ baseUrl: BASE, seed: 11, startTime: START }),
  ]);
  server.use(...msw.handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  server.close();
  await express.close();
});

describe('MSW handlers', () => {
  it('answer the same request script exactly as the Express server does', async () => {
    const viaExpress = await run(
      (step) => fetch(request(express.url, step)),
      async (s) => express.telephony.clock.advance(s * 1000),
    );
    const viaMsw = await run(
      (step) => fetch(request(BASE, step)),
      async (s) => msw.advance(s),
    );
    // Same seed and start time: ids and timestamps match too, so the answers must be identical.
    expect(viaMsw).toEqual(viaExpress);
    expect(viaExpress.map((s) => s.status)).toEqual([
      201, 201, 200, 201, 409, 200, 200, 200, 200, 200, 409, 400, 403, 200, 404, 401, 401, 403, 403, 400, 415,
      400, 405, 404, 503, 201, 200, 200,
    ]);
  });

  it('serve the typed client in-process, with the clock in the test’s hands', async () => {
    await msw.reset();
    const api = createTelephonyClient({ baseUrl: BASE, token: 'demo-token' });
    const agent = await api.POST('/agents', { body: { name: 'Desk' } });
    const agentId = agent.data?.id as string;
    const created = await api.POST('/calls', { body: { to: '+15005550015', agentId } });
    expect(created.data?.status).toBe('queued');
    const callId = created.data?.id as string;
    msw.advance(4);
    expect((await api.GET('/calls/{callId}', { params: { path: { callId } } })).data?.status).toBe(
      'in-progress',
    );
    msw.advance(5);
    const ended = await api.GET('/calls/{callId}', { params: { path: { callId } } });
    expect([ended.data?.status, ended.data?.endedReason]).toEqual(['completed', 'callee-hangup']);
    const sms = await msw.receiveText('demo-token', { from: '+14155550123', body: 'Hello?' });
    const texts = await api.GET('/texts', { params: { query: { direction: 'inbound' } } });
    expect(texts.data?.data.map((t) => t.id)).toEqual([sms.id]);
  });

  it('serve a base URL with a path of its own', async () => {
    const versioned = await createHandlers({ baseUrl: 'https://api.telephony.test/v1/' });
    server.use(...versioned.handlers);
    const api = createTelephonyClient({ baseUrl: 'https://api.telephony.test/v1', token: 'demo-token' });
    const agent = await api.POST('/agents', { body: { name: 'Versioned' } });
    expect([agent.response.status, agent.data?.id.startsWith('agt_')]).toEqual([201, true]);
    expect(
      (await api.GET('/agents/{agentId}', { params: { path: { agentId: agent.data?.id ?? '' } } })).response
        .status,
    ).toBe(200);
  });
});
