import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createTelephonyClient, verifyWebhook } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { readScenarioFile } from 'telemock/server';
import { expect, it } from 'vitest';

// The README's worked example (the Scenarios section), as written there, run as a test.
it('the README scenario example passes', async () => {
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
  for (let s = 0; s < 30 && (await mock.scenarioRun(callId)).status === 'running'; s++) {
    mock.advance(1);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the webhook round trip finish
  }
  const run = await mock.scenarioRun(callId);
  // run.status === 'passed'; run.steps[1] says "… (branch 1)"; a bad reply makes it 'failed' with the reason
  await mock.requests({ operationId: 'respondToCall', callId }); // request verification

  expect(run.status).toBe('passed');
  expect(run.steps[1]?.happened).toContain('(branch 1)');
  server.close();
});
