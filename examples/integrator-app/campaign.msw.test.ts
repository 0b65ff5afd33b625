// The reminder campaign with no server: MSW answers the app's API calls and brings the mock's call
// webhooks to the app's handler, delivered at least once and out of order; the report judges.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createTelephonyClient } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { afterAll, beforeEach, describe, it } from 'vitest';
import { dialReminders, reminderApp } from './campaign.js';
import {
  atLeastOnce,
  expectCaught,
  expectHeldUp,
  patients,
  reminders,
  untilQuiet,
} from './campaign-cases.js';

const BASE = 'https://api.telephony.example';
const HOOK = 'https://clinic.example/hooks/calls';
const mock = createHandlers({
  baseUrl: BASE,
  rateLimit: 10_000,
  scenarios: reminders.scenarios,
  populations: reminders.populations,
  webhookDelivery: atLeastOnce,
});
let secret = '';
let inFlight = 0;
let clinic: ReturnType<typeof reminderApp>;
const server = setupServer(
  ...mock.handlers,
  http.post(HOOK, async ({ request }) => {
    inFlight++;
    try {
      await clinic.handle(await request.text(), request.headers);
      return new HttpResponse(null, { status: 204 });
    } catch {
      return new HttpResponse(null, { status: 400 });
    } finally {
      inFlight--;
    }
  }),
);
server.listen({ onUnhandledRequest: 'error' });
const api = createTelephonyClient({ baseUrl: BASE, token: 'demo-token' });

afterAll(() => server.close());
beforeEach(async () => {
  await mock.reset();
  secret = (await api.PUT('/texts/webhook', { body: { url: HOOK } })).data?.secret ?? '';
});

async function campaign(dedupe: boolean) {
  clinic = reminderApp(api, () => secret, { dedupe });
  const agent = await api.POST('/agents', { body: { name: 'Clinic' } });
  if (!agent.data) throw new Error(`no agent: ${agent.error?.detail}`);
  await dialReminders(api, patients, agent.data.id, HOOK);
  for (let second = 0; second < 90; second++) {
    if (second % 4 === 3) await clinic.reconcile();
    await mock.clock.advance(1);
    await untilQuiet(
      async () => (await mock.report()).webhooks.attempts,
      () => inFlight > 0,
    );
  }
  return mock.report();
}

describe('an appointment-reminder campaign, against telemock in-process (MSW)', () => {
  it('an app that deduplicates by webhook-id holds up: ≥ 99 % passed, no double answer', async () => {
    expectHeldUp(await campaign(true));
  }, 120_000);

  it('the naive app (no deduplication) is caught: the report names its double answers', async () => {
    const report = await campaign(false);
    expectCaught(report, await mock.scenarioRuns());
  }, 120_000);
});
