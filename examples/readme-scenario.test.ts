import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createTelephonyClient, verifyWebhook } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { readScenarioFile } from 'telemock/server';
import { expect, it } from 'vitest';

// docs/scenarios.md's worked example, as written there (test/docs.test.ts compares), run as a test.
it('the scenario example of docs/scenarios.md passes', async () => {
  const BASE = 'https://api.telephony.example';
  const HOOK = 'https://app.example/hooks/calls';
  const mock = await createHandlers({
    baseUrl: BASE,
    scenarios: await readScenarioFile('examples/scenarios/booking.yaml'),
  });
  let secret = '';
  const server = setupServer(
    ...mock.handlers,
    // Your app's webhook endpoint: the callee spoke, the agent answers.
    http.post(HOOK, async ({ request }) => {
      const event = verifyWebhook(await request.text(), request.headers, secret);
      if (event.type === 'call.callee.spoke') {
        const said = event.data.transcript.at(-1)?.text ?? '';
        const text = /book a table/i.test(said) ? 'We have a table at 7:30 pm.' : "You're booked, see you!";
        await api.POST('/calls/{callId}/respond', {
          params: { path: { callId: event.data.id } },
          body: { text },
        });
      }
      return new HttpResponse(null, { status: 204 });
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  const api = createTelephonyClient({ baseUrl: BASE, token: 'demo-token' });
  secret = (await api.PUT('/texts/webhook', { body: { url: HOOK } })).data?.secret ?? '';

  const agent = await api.POST('/agents', { body: { name: 'Bistro' } });
  const call = await api.POST('/calls', {
    body: { to: '+15005550140', agentId: agent.data?.id ?? '', webhookUrl: HOOK },
  });
  const callId = call.data?.id ?? '';
  // A second at a time on the manual clock; between steps the webhook round trips finish.
  const run = await mock.runUntil({ callId, scenarioRun: 'ended' });
  expect(run.status).toBe('passed'); // a bad reply makes it 'failed', with the step and the reason
  expect(run.steps[1]?.happened).toContain('(branch 1)');
  const answers = await mock.requests({ operationId: 'respondToCall', callId }); // newest first
  expect(answers.at(-1)?.request.body).toEqual({ text: 'We have a table at 7:30 pm.' });
  server.close();
});
