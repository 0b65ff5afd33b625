// The conversation handler against a real telemock server on a free port: the mock's call
// webhooks reach the app's handler on a port of its own, signed; the scenario plays the callee.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type components, createTelephonyClient, verifyWebhook } from 'telemock';
import { type RunningMock, readScenarioFile, startMock } from 'telemock/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCallEvent, replyTo } from './conversation.js';
import { conversationCases, scenarioFile } from './conversation-cases.js';

let mock: RunningMock;
let app: Server;
let hook = '';
let secret = '';
let reply = replyTo;
let api: ReturnType<typeof createTelephonyClient>;

beforeAll(async () => {
  const scenarios = (
    await Promise.all(
      ['booking.yaml', 'impatient-caller.yaml', 'voicemail.yaml'].map((f) =>
        readScenarioFile(scenarioFile(f)),
      ),
    )
  ).flat();
  mock = await startMock({ port: 0, timeScale: 'manual', scenarios });
  api = createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });
  // The app's webhook endpoint: verify the signature, then let the handler answer.
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      try {
        const event = verifyWebhook(body, req.headers, secret);
        await handleCallEvent(api, event as components['schemas']['CallEvent'], reply);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks/calls`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => app.close(resolve));
});
beforeEach(async () => {
  await mock.reset();
  reply = replyTo;
  secret = (await api.PUT('/texts/webhook', { body: { url: hook } })).data?.secret ?? '';
});

async function dial(to: string) {
  const agent = await api.POST('/agents', { body: { name: 'Bistro' } });
  const call = await api.POST('/calls', { body: { to, agentId: agent.data?.id ?? '', webhookUrl: hook } });
  return call.data?.id ?? '';
}
describe('the conversation handler, against scripted callees on a port (startMock)', () => {
  it.each(conversationCases)('%s', async (_name, { to, spoken }) => {
    const id = await dial(to);
    // The manual clock steps a second at a time; between steps the app's webhook handler answers.
    const run = await mock.runUntil({ callId: id, scenarioRun: 'ended' }, { maxSeconds: 120 });
    expect(run.reason).toBeNull();
    expect(run.status).toBe('passed');
    const call = await api.GET('/calls/{callId}', { params: { path: { callId: id } } });
    expect(call.data?.transcript.map((l) => l.text).join('\n')).toMatch(spoken);
  });

  it('a reply that never apologises makes the impatient caller hang up, and fails the run', async () => {
    reply = (said) => (/ridiculous/.test(said) ? 'Please hold.' : replyTo(said));
    const id = await dial('+15005550170');
    const run = await mock.runUntil({ callId: id, scenarioRun: 'ended' }, { maxSeconds: 120 });
    expect(run).toMatchObject({
      status: 'failed',
      reason: 'step /steps/1: the agent said "Please hold." after 0 s',
    });
    const call = await mock.runUntil({ callId: id, status: 'ended' });
    expect(call).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
  });
});
