// The conversation handler against telemock in-process: MSW answers the app's API calls, and the
// mock's call webhooks reach the app's handler through MSW too. The scenario plays the callee.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { type components, createTelephonyClient, verifyWebhook } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { readScenarioFile } from 'telemock/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handleCallEvent, replyTo } from './conversation.js';
import { conversationCases, scenarioFile } from './conversation-cases.js';

const BASE = 'https://api.telephony.example';
const HOOK = 'https://app.example/hooks/calls';
const scenarios = (
  await Promise.all(
    ['booking.yaml', 'impatient-caller.yaml', 'voicemail.yaml'].map((f) => readScenarioFile(scenarioFile(f))),
  )
).flat();
const mock = await createHandlers({ baseUrl: BASE, scenarios });
let reply = replyTo;
let secret = '';
const server = setupServer(
  ...mock.handlers,
  http.post(HOOK, async ({ request }) => {
    const event = verifyWebhook(await request.text(), request.headers, secret);
    await handleCallEvent(api, event as components['schemas']['CallEvent'], reply);
    return new HttpResponse(null, { status: 204 });
  }),
);
server.listen({ onUnhandledRequest: 'error' });
const api = createTelephonyClient({ baseUrl: BASE, token: 'demo-token' });

afterAll(() => server.close());
beforeEach(async () => {
  await mock.reset();
  reply = replyTo;
  secret = (await api.PUT('/texts/webhook', { body: { url: HOOK } })).data?.secret ?? '';
});

async function dial(to: string) {
  const agent = await api.POST('/agents', { body: { name: 'Bistro' } });
  const call = await api.POST('/calls', { body: { to, agentId: agent.data?.id ?? '', webhookUrl: HOOK } });
  return call.data?.id ?? '';
}

describe('the conversation handler, against scripted callees in-process (MSW)', () => {
  it.each(conversationCases)('%s', async (_name, { to, spoken }) => {
    const id = await dial(to);
    // The manual clock steps a second at a time; between steps the app's webhook handler answers.
    const run = await mock.runUntil({ callId: id, scenarioRun: 'ended' }, { maxSeconds: 120 });
    expect(run.reason).toBeNull();
    expect(run.status).toBe('passed');
    const call = await api.GET('/calls/{callId}', { params: { path: { callId: id } } });
    expect(call.data?.transcript.map((l) => l.text).join('\n')).toMatch(spoken);
  });

  it('a reply that breaks the script fails the run, naming the step and what the agent said', async () => {
    reply = () => 'Please hold.';
    const id = await dial('+15005550140');
    const run = await mock.runUntil({ callId: id, scenarioRun: 'ended' }, { maxSeconds: 120 });
    expect(run).toMatchObject({
      status: 'failed',
      reason: 'step /steps/1: the agent said "Please hold." after 0 s, which no branch expects',
    });
    expect(await mock.requests({ operationId: 'respondToCall', callId: id })).toHaveLength(1);
  });
});
